package dev.papertrader.localstack.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker.xml fragments shipped for a standalone Artemis say exactly what {@link BrokerTopology} configures in
 * the embedded broker. After changing the topology, regenerate them with
 * {@code ./mvnw -pl deploy/local-stack test -Dtest=BrokerTopologyXmlTest -Dpapertrader.regenerate-broker-xml=true}.
 */
class BrokerTopologyXmlTest {

    private static final boolean REGENERATE = Boolean.getBoolean("papertrader.regenerate-broker-xml");
    private static final Path SOURCE_RESOURCES = Path.of("src", "main", "resources");

    @BeforeAll
    static void regenerateWhenAsked() throws IOException {
        if (REGENERATE) {
            for (Map.Entry<String, String> fragment : generated().entrySet()) {
                Files.writeString(SOURCE_RESOURCES.resolve(fragment.getKey()), fragment.getValue());
            }
        }
    }

    private static Map<String, String> generated() {
        return Map.of(
                BrokerTopology.ADDRESSES_XML_RESOURCE, BrokerTopology.addressesXml(),
                BrokerTopology.ADDRESS_SETTINGS_XML_RESOURCE, BrokerTopology.addressSettingsXml());
    }

    @Test
    void theShippedFragmentsAreTheOnesGeneratedFromTheTopology() throws IOException {
        for (Map.Entry<String, String> fragment : generated().entrySet()) {
            assertThat(Files.readString(SOURCE_RESOURCES.resolve(fragment.getKey())))
                    .as(fragment.getKey() + " is stale: regenerate it (see this test's Javadoc)")
                    .isEqualTo(fragment.getValue());
            if (!REGENERATE) { // the class path copy is refreshed by the next build
                assertThat(classPathResource(fragment.getKey())).isEqualTo(fragment.getValue());
            }
        }
    }

    @Test
    void aBrokerXmlIncludingTheFragmentsConfiguresTheSameTopologyAsTheEmbeddedBroker(@TempDir Path etc) throws Exception {
        Files.copy(SOURCE_RESOURCES.resolve(BrokerTopology.ADDRESSES_XML_RESOURCE), etc.resolve("papertrader-addresses.xml"));
        Files.copy(SOURCE_RESOURCES.resolve(BrokerTopology.ADDRESS_SETTINGS_XML_RESOURCE),
                etc.resolve("papertrader-address-settings.xml"));
        Path brokerXml = etc.resolve("broker.xml");
        // as a deployed broker would, through a system property (Artemis resolves relative hrefs against its working directory)
        System.setProperty("papertrader.test.etc", etc.toAbsolutePath().toString());
        Files.writeString(brokerXml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration xmlns="urn:activemq" xmlns:xi="http://www.w3.org/2001/XInclude">
                   <core xmlns="urn:activemq:core">
                      <persistence-enabled>false</persistence-enabled>
                      <xi:include href="${papertrader.test.etc}/papertrader-addresses.xml"/>
                      <xi:include href="${papertrader.test.etc}/papertrader-address-settings.xml"/>
                   </core>
                </configuration>
                """);

        FileConfiguration parsed = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(brokerXml.toUri().toString());
        deployment.addDeployable(parsed);
        deployment.readConfiguration();

        assertThat(describe(parsed.getAddressConfigurations())).isEqualTo(describe(BrokerTopology.addressConfigurations()));
        Map<String, AddressSettings> expectedSettings = BrokerTopology.addressSettings();
        assertThat(parsed.getAddressSettings()).containsOnlyKeys(expectedSettings.keySet());
        expectedSettings.forEach((match, settings) ->
                assertThat(parsed.getAddressSettings().get(match)).as("address-setting " + match).isEqualTo(settings));
    }

    private static List<String> describe(List<CoreAddressConfiguration> addresses) {
        return addresses.stream()
                .map(address -> address.getName() + " " + address.getRoutingTypes() + " "
                        + address.getQueueConfigs().stream().map(BrokerTopologyXmlTest::describe).toList())
                .toList();
    }

    private static String describe(QueueConfiguration queue) {
        return queue.getName() + "@" + queue.getAddress() + " " + queue.getRoutingType() + " durable=" + queue.isDurable();
    }

    private static String classPathResource(String name) throws IOException {
        try (InputStream in = BrokerTopologyXmlTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
