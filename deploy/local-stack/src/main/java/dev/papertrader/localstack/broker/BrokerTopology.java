package dev.papertrader.localstack.broker;

import dev.papertrader.localstack.ServiceRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The messaging contract of papertrader: every address and queue the services use, and how the broker treats a
 * message nobody can process. The embedded broker creates all of it at start; a standalone Artemis gets it from
 * the two generated {@code broker.xml} fragments {@value #ADDRESSES_XML_RESOURCE} and
 * {@value #ADDRESS_SETTINGS_XML_RESOURCE} (include each inside {@code <core>} with
 * {@code <xi:include href="${artemis.instance}/etc/papertrader-addresses.xml"/>}, an absolute path;
 * {@code BrokerTopologyXmlTest} keeps them equal to this class).
 *
 * <h2>Addresses and queues</h2>
 * <table>
 *   <caption>AMQP 1.0 addresses (JSON bodies, see DESIGN.md)</caption>
 *   <tr><th>address</th><th>routing</th><th>queue</th><th>read by</th><th>written by</th></tr>
 *   <tr><td>{@code market.bars}</td><td>multicast</td><td>{@code market.bars.orders}</td><td>orders</td><td rowspan="3">monitor</td></tr>
 *   <tr><td></td><td></td><td>{@code market.bars.portfolio}</td><td>portfolio</td></tr>
 *   <tr><td></td><td></td><td>{@code market.bars.router}</td><td>router</td></tr>
 *   <tr><td>{@code trading.signals}</td><td>anycast</td><td>{@code trading.signals}</td><td>router</td><td>monitor, external strategies</td></tr>
 *   <tr><td>{@code trading.orders}</td><td>anycast</td><td>{@code trading.orders}</td><td>orders</td><td>router, REST</td></tr>
 *   <tr><td>{@code trading.fills}</td><td>multicast</td><td>{@code trading.fills.portfolio}</td><td>portfolio</td><td rowspan="3">orders</td></tr>
 *   <tr><td></td><td></td><td>{@code trading.fills.router}</td><td>router</td></tr>
 *   <tr><td></td><td></td><td>{@code trading.fills.monitor}</td><td>monitor</td></tr>
 *   <tr><td>{@code portfolio.updates}</td><td>multicast</td><td>{@code portfolio.updates.router}</td><td>router</td><td rowspan="2">portfolio</td></tr>
 *   <tr><td></td><td></td><td>{@code portfolio.updates.monitor}</td><td>monitor</td></tr>
 *   <tr><td>{@code trading.decisions}</td><td>multicast</td><td>{@code trading.decisions.monitor}</td><td>monitor</td><td>router</td></tr>
 *   <tr><td>{@code dead.letters}</td><td>anycast</td><td>{@code dead.letters}</td><td>operators</td><td>any service</td></tr>
 * </table>
 *
 * <ul>
 *   <li><b>Sending</b>: a producer sends to the address ({@code market.bars}); the broker copies the message to
 *       every queue of a multicast address, to the one queue of an anycast address.</li>
 *   <li><b>Reading a multicast address</b>: each service reads its own durable queue through the fully qualified
 *       queue name {@code address::queue}, e.g. {@code market.bars::market.bars.orders}; the queue is named
 *       {@code <address>.<service name>} and keeps messages while the service is down. Attaching to the bare
 *       multicast address would create a temporary subscription instead.</li>
 *   <li><b>Reading an anycast address</b>: attach to the address ({@code trading.signals}); its queue has the
 *       same name.</li>
 *   <li>All queues are durable; every address is also pre-created with its routing type, so the first
 *       producer or consumer cannot create it with the wrong one.</li>
 * </ul>
 *
 * <h2>Messages that cannot be processed</h2>
 * <ul>
 *   <li><b>Application rejects</b>: a service that finds a message invalid (bad JSON, unknown symbol, negative
 *       quantity) sends it to {@value #DEAD_LETTERS} with the reason and accepts the original, so the stream keeps
 *       flowing.</li>
 *   <li><b>Delivery failures</b>: a consumer that settles a delivery as <i>modified, delivery-failed</i>
 *       (a service whose transaction failed, e.g. while PostgreSQL restarts) gets it again after
 *       {@value #REDELIVERY_DELAY_MILLIS} ms, doubling each time up to {@value #MAX_REDELIVERY_DELAY_MILLIS} ms,
 *       <b>for as long as it takes</b>: the broker never gives up on a message by itself
 *       (max-delivery-attempts {@value #UNLIMITED_DELIVERY_ATTEMPTS}). Why: the broker's delivery count is no
 *       measure of poison here: a service gives back every message of a failed transaction (a PostgreSQL restart of
 *       a few seconds costs each message arriving meanwhile several failed deliveries), and it keeps the messages
 *       of a slice unsettled until the slice commits, through broker restarts and its own crashes, which can count
 *       more. A limit silently moved valid bars and watermarks away from their queue after such faults, and the
 *       slice protocol stalled waiting for them. What is really invalid, the services dead-letter themselves
 *       (above), with its reason, and a failing message keeps coming back at most every
 *       {@value #MAX_REDELIVERY_DELAY_MILLIS} ms.</li>
 *   <li>A <i>rejected</i> outcome moves a message at once to the dead-letter address {@value #DEAD_LETTER_ADDRESS},
 *       into queue {@code DLQ.<original address>} (created on demand, read it as {@code DLQ::DLQ.market.bars});
 *       <i>released</i> does not count as a failed delivery.</li>
 *   <li>Messages in {@value #DEAD_LETTER_ADDRESS} are never dead-lettered again.</li>
 *   <li>A message sent with a time-to-live that runs out goes to {@value #EXPIRY_ADDRESS}, queue
 *       {@code EXP.<original address>}; messages without one never expire.</li>
 *   <li>Addresses not listed here are created on first use (auto-create on), with the same delivery rules.</li>
 * </ul>
 */
public final class BrokerTopology {

    public static final String MARKET_BARS = "market.bars";
    public static final String TRADING_SIGNALS = "trading.signals";
    public static final String TRADING_ORDERS = "trading.orders";
    public static final String TRADING_FILLS = "trading.fills";
    public static final String PORTFOLIO_UPDATES = "portfolio.updates";
    public static final String TRADING_DECISIONS = "trading.decisions";
    /** Where services put the messages they reject, with the reason. */
    public static final String DEAD_LETTERS = "dead.letters";

    public static final String MARKET_BARS_ORDERS = "market.bars.orders";
    public static final String MARKET_BARS_PORTFOLIO = "market.bars.portfolio";
    public static final String MARKET_BARS_ROUTER = "market.bars.router";
    public static final String TRADING_FILLS_PORTFOLIO = "trading.fills.portfolio";
    public static final String TRADING_FILLS_ROUTER = "trading.fills.router";
    public static final String TRADING_FILLS_MONITOR = "trading.fills.monitor";
    public static final String PORTFOLIO_UPDATES_ROUTER = "portfolio.updates.router";
    public static final String PORTFOLIO_UPDATES_MONITOR = "portfolio.updates.monitor";
    public static final String TRADING_DECISIONS_MONITOR = "trading.decisions.monitor";

    /** The broker's dead-letter address, for messages a consumer settles as <i>rejected</i>. */
    public static final String DEAD_LETTER_ADDRESS = "DLQ";
    /** Prefix of the per-address queue the broker creates under {@value #DEAD_LETTER_ADDRESS}. */
    public static final String DEAD_LETTER_QUEUE_PREFIX = "DLQ.";
    /** Where messages whose time-to-live ran out go, into queue {@code EXP.<original address>}. */
    public static final String EXPIRY_ADDRESS = "ExpiryQueue";
    /** Prefix of the per-address queue the broker creates under {@value #EXPIRY_ADDRESS}. */
    public static final String EXPIRY_QUEUE_PREFIX = "EXP.";
    /** Artemis' max-delivery-attempts for "never dead-letter after failed deliveries". */
    public static final int UNLIMITED_DELIVERY_ATTEMPTS = -1;
    public static final long REDELIVERY_DELAY_MILLIS = 100;
    public static final double REDELIVERY_DELAY_MULTIPLIER = 2.0;
    public static final long MAX_REDELIVERY_DELAY_MILLIS = 2000;

    /** Class path location of the generated {@code <addresses>} fragment of broker.xml. */
    public static final String ADDRESSES_XML_RESOURCE = "papertrader/artemis/papertrader-addresses.xml";
    /** Class path location of the generated {@code <address-settings>} fragment of broker.xml. */
    public static final String ADDRESS_SETTINGS_XML_RESOURCE = "papertrader/artemis/papertrader-address-settings.xml";

    /** Every address the services use, with its routing type and its queues, in the order of the table above. */
    public static final List<Address> ADDRESSES = List.of(
            new Address(MARKET_BARS, RoutingType.MULTICAST, List.of(MARKET_BARS_ORDERS, MARKET_BARS_PORTFOLIO, MARKET_BARS_ROUTER)),
            new Address(TRADING_SIGNALS, RoutingType.ANYCAST, List.of(TRADING_SIGNALS)),
            new Address(TRADING_ORDERS, RoutingType.ANYCAST, List.of(TRADING_ORDERS)),
            new Address(TRADING_FILLS, RoutingType.MULTICAST,
                    List.of(TRADING_FILLS_PORTFOLIO, TRADING_FILLS_ROUTER, TRADING_FILLS_MONITOR)),
            new Address(PORTFOLIO_UPDATES, RoutingType.MULTICAST, List.of(PORTFOLIO_UPDATES_ROUTER, PORTFOLIO_UPDATES_MONITOR)),
            new Address(TRADING_DECISIONS, RoutingType.MULTICAST, List.of(TRADING_DECISIONS_MONITOR)),
            new Address(DEAD_LETTERS, RoutingType.ANYCAST, List.of(DEAD_LETTERS)));

    /**
     * One address of the contract.
     *
     * @param name    the address producers send to
     * @param routing multicast (a copy per queue) or anycast (one queue, named like the address)
     * @param queues  its durable queues
     */
    public record Address(String name, RoutingType routing, List<String> queues) {
        public Address {
            queues = List.copyOf(queues);
        }
    }

    private BrokerTopology() {
    }

    /** {@code address::queue}, the name a consumer attaches to in order to read one queue of a multicast address. */
    public static String fullyQualifiedQueueName(String address, String queue) {
        return address + "::" + queue;
    }

    /**
     * The fully qualified name of the queue {@code service} reads on multicast {@code address}, e.g.
     * {@code market.bars::market.bars.orders}.
     *
     * @throws IllegalArgumentException when the contract has no such subscription
     */
    public static String subscription(String address, ServiceRole service) {
        String queue = address + "." + service.serviceName();
        boolean exists = ADDRESSES.stream()
                .anyMatch(candidate -> candidate.name().equals(address) && candidate.routing() == RoutingType.MULTICAST
                        && candidate.queues().contains(queue));
        if (!exists) {
            throw new IllegalArgumentException(service.serviceName() + " has no queue on multicast address " + address);
        }
        return fullyQualifiedQueueName(address, queue);
    }

    /** Where the broker puts the messages of {@code address} that a consumer rejected: {@code DLQ::DLQ.<address>}. */
    public static String deadLetterQueue(String address) {
        return fullyQualifiedQueueName(DEAD_LETTER_ADDRESS, DEAD_LETTER_QUEUE_PREFIX + address);
    }

    /** Adds the addresses, queues and address settings of the contract to a broker configuration. */
    public static void applyTo(Configuration configuration) {
        addressConfigurations().forEach(configuration::addAddressConfiguration);
        addressSettings().forEach(configuration::addAddressSetting);
    }

    /** The addresses and their durable queues, as Artemis configuration. */
    public static List<CoreAddressConfiguration> addressConfigurations() {
        List<CoreAddressConfiguration> configurations = new ArrayList<>();
        for (Address address : ADDRESSES) {
            CoreAddressConfiguration configuration = new CoreAddressConfiguration()
                    .setName(address.name())
                    .addRoutingType(address.routing());
            for (String queue : address.queues()) {
                configuration.addQueueConfig(QueueConfiguration.of(queue)
                        .setAddress(address.name())
                        .setRoutingType(address.routing())
                        .setDurable(true));
            }
            configurations.add(configuration);
        }
        return configurations;
    }

    /**
     * The delivery rules: for every address ({@code #}) auto-creation on, redelivery with back-off and no limit on
     * failed deliveries, rejected messages to {@value #DEAD_LETTER_ADDRESS} and expired messages to
     * {@value #EXPIRY_ADDRESS};
     * for {@value #DEAD_LETTER_ADDRESS} itself unlimited deliveries, so nothing leaves it but by a consumer.
     */
    public static Map<String, AddressSettings> addressSettings() {
        Map<String, AddressSettings> settings = new LinkedHashMap<>();
        settings.put("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of(DEAD_LETTER_QUEUE_PREFIX))
                .setMaxDeliveryAttempts(UNLIMITED_DELIVERY_ATTEMPTS)
                .setRedeliveryDelay(REDELIVERY_DELAY_MILLIS)
                .setRedeliveryMultiplier(REDELIVERY_DELAY_MULTIPLIER)
                .setMaxRedeliveryDelay(MAX_REDELIVERY_DELAY_MILLIS)
                .setExpiryAddress(SimpleString.of(EXPIRY_ADDRESS))
                .setAutoCreateExpiryResources(true)
                .setExpiryQueuePrefix(SimpleString.of(EXPIRY_QUEUE_PREFIX))
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true));
        settings.put(DEAD_LETTER_ADDRESS, new AddressSettings()
                .setMaxDeliveryAttempts(UNLIMITED_DELIVERY_ATTEMPTS));
        return settings;
    }

    /** The {@code <addresses>} fragment of broker.xml equal to {@link #addressConfigurations()}. */
    public static String addressesXml() {
        StringBuilder xml = new StringBuilder(header("papertrader-addresses.xml"));
        xml.append("<addresses xmlns=\"urn:activemq:core\">\n");
        for (Address address : ADDRESSES) {
            String routing = address.routing() == RoutingType.MULTICAST ? "multicast" : "anycast";
            xml.append("   <address name=\"").append(address.name()).append("\">\n");
            xml.append("      <").append(routing).append(">\n");
            for (String queue : address.queues()) {
                xml.append("         <queue name=\"").append(queue).append("\">\n");
                xml.append("            <durable>true</durable>\n");
                xml.append("         </queue>\n");
            }
            xml.append("      </").append(routing).append(">\n");
            xml.append("   </address>\n");
        }
        return xml.append("</addresses>\n").toString();
    }

    /** The {@code <address-settings>} fragment of broker.xml equal to {@link #addressSettings()}. */
    public static String addressSettingsXml() {
        return header("papertrader-address-settings.xml")
                + "<address-settings xmlns=\"urn:activemq:core\">\n"
                + "   <address-setting match=\"#\">\n"
                + element("dead-letter-address", DEAD_LETTER_ADDRESS)
                + element("auto-create-dead-letter-resources", "true")
                + element("dead-letter-queue-prefix", DEAD_LETTER_QUEUE_PREFIX)
                + element("max-delivery-attempts", Integer.toString(UNLIMITED_DELIVERY_ATTEMPTS))
                + element("redelivery-delay", Long.toString(REDELIVERY_DELAY_MILLIS))
                + element("redelivery-delay-multiplier", Double.toString(REDELIVERY_DELAY_MULTIPLIER))
                + element("max-redelivery-delay", Long.toString(MAX_REDELIVERY_DELAY_MILLIS))
                + element("expiry-address", EXPIRY_ADDRESS)
                + element("auto-create-expiry-resources", "true")
                + element("expiry-queue-prefix", EXPIRY_QUEUE_PREFIX)
                + element("auto-create-addresses", "true")
                + element("auto-create-queues", "true")
                + "   </address-setting>\n"
                + "   <address-setting match=\"" + DEAD_LETTER_ADDRESS + "\">\n"
                + element("max-delivery-attempts", Integer.toString(UNLIMITED_DELIVERY_ATTEMPTS))
                + "   </address-setting>\n"
                + "</address-settings>\n";
    }

    private static String header(String fileName) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- papertrader messaging contract, generated from dev.papertrader.localstack.broker.BrokerTopology\n"
                + "     (its Javadoc explains it); do not edit: BrokerTopologyXmlTest fails until both agree.\n"
                + "     Use it in broker.xml: <configuration xmlns:xi=\"http://www.w3.org/2001/XInclude\" ...>\n"
                + "     <core ...> ... <xi:include href=\"${artemis.instance}/etc/" + fileName + "\"/> ... </core>\n"
                + "     (Artemis resolves a relative href against its working directory, so give an absolute one;\n"
                + "     it replaces ${system.property} references in broker.xml). -->\n";
    }

    private static String element(String name, String value) {
        return "      <" + name + ">" + value + "</" + name + ">\n";
    }
}
