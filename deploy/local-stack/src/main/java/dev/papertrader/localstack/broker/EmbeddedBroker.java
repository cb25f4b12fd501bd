package dev.papertrader.localstack.broker;

import dev.papertrader.localstack.Directories;
import dev.papertrader.localstack.PortCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An ActiveMQ Artemis broker in this JVM with the papertrader {@link BrokerTopology}, listening on 127.0.0.1
 * with one acceptor that speaks AMQP 1.0 and Artemis CORE.
 *
 * <ul>
 *   <li>Temporary ({@link #startTemporary()}): a free port, no persistence (messages live in memory), its
 *       scratch directory deleted on {@link #close()}. For tests.</li>
 *   <li>Persistent ({@link #startPersistent}): the given port, journal in the given directory, so queued messages
 *       survive restarts. For {@code ./papertrader up}.</li>
 * </ul>
 *
 * <p>Security is off (any or no credentials are accepted): the broker is reachable from this machine only. JMX,
 * the critical analyzer and the disk-usage limit are off too, since they only matter for a shared broker; the
 * {@code org.apache.activemq.audit} loggers are set to WARN so that every message is not audited.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** The only address the broker listens on. */
    public static final String HOST = "127.0.0.1";

    // Held so the level set below is not lost with a collected logger; JBoss LogManager keeps it in any case.
    private static final Logger AUDIT_LOGGER = Logger.getLogger("org.apache.activemq.audit");

    private final EmbeddedActiveMQ broker;
    private final BrokerEndpoint endpoint;
    private final Path dataDirectory;
    private final boolean temporary;

    private EmbeddedBroker(EmbeddedActiveMQ broker, BrokerEndpoint endpoint, Path dataDirectory, boolean temporary) {
        this.broker = broker;
        this.endpoint = endpoint;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
    }

    /** Starts a broker on a free port without persistence; {@link #close()} deletes its scratch directory. */
    public static EmbeddedBroker startTemporary() {
        try {
            Path scratch = Files.createTempDirectory("papertrader-broker-");
            return start(scratch, PortCheck.freePort(HOST), false, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary broker directory", e);
        }
    }

    /**
     * Starts a broker whose journal lives in {@code dataDirectory}.
     *
     * @param amqpPort the port of the AMQP (and CORE) acceptor; must be free
     * @throws IllegalStateException when the port is taken or the broker does not start
     */
    public static EmbeddedBroker startPersistent(Path dataDirectory, int amqpPort) {
        PortCheck.requireFree(HOST, amqpPort, "The AMQP broker");
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return start(directory, amqpPort, true, false);
    }

    private static EmbeddedBroker start(Path directory, int port, boolean persistent, boolean temporary) {
        AUDIT_LOGGER.setLevel(Level.WARNING);
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName("papertrader");
        configuration.setPersistenceEnabled(persistent);
        configuration.setSecurityEnabled(false);
        configuration.setJMXManagementEnabled(false);
        configuration.setCriticalAnalyzer(false);
        configuration.setMaxDiskUsage(-1);
        configuration.setJournalType(JournalType.NIO);
        configuration.setBindingsDirectory(directory.resolve("bindings").toString());
        configuration.setJournalDirectory(directory.resolve("journal").toString());
        configuration.setPagingDirectory(directory.resolve("paging").toString());
        configuration.setLargeMessagesDirectory(directory.resolve("large-messages").toString());
        configuration.setNodeManagerLockDirectory(directory.toString());
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        // Artemis finds its protocol modules (AMQP) with the context class loader: make it the one that loaded
        // Artemis, or a caller in another loader (a Quarkus test) gets classes that do not match
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(EmbeddedBroker.class.getClassLoader());
        try {
            configuration.addAcceptorConfiguration("amqp", "tcp://" + HOST + ":" + port + "?protocols=AMQP,CORE");
            BrokerTopology.applyTo(configuration);
            broker.setConfiguration(configuration).start();
        } catch (Exception | ServiceConfigurationError e) {
            stopQuietly(broker);
            throw new IllegalStateException("the Artemis broker did not start on " + HOST + ":" + port + ": " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(callerLoader);
        }
        if (!broker.getActiveMQServer().isActive()) {
            stopQuietly(broker);
            throw new IllegalStateException("the Artemis broker did not become active (see its log above)");
        }
        return new EmbeddedBroker(broker, BrokerEndpoint.anonymous(HOST, port), directory, temporary);
    }

    private static void stopQuietly(EmbeddedActiveMQ broker) {
        try {
            broker.stop();
        } catch (Exception ignored) {
            // the start failure is what the caller needs to see
        }
    }

    /** Host, port, and no credentials. */
    public BrokerEndpoint endpoint() {
        return endpoint;
    }

    public String host() {
        return endpoint.host();
    }

    public int amqpPort() {
        return endpoint.port();
    }

    /** {@code amqp://127.0.0.1:PORT}. */
    public String amqpUrl() {
        return endpoint.url();
    }

    /** {@code tcp://127.0.0.1:PORT}, for Artemis CORE clients (same port as AMQP). */
    public String coreUrl() {
        return "tcp://" + endpoint.host() + ":" + endpoint.port();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The running Artemis server, to inspect queues in tests. */
    public ActiveMQServer server() {
        return broker.getActiveMQServer();
    }

    /** Stops the broker; a temporary broker's directory is deleted. Idempotent. */
    @Override
    public void close() {
        try {
            broker.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the Artemis broker did not stop cleanly", e);
        }
        if (temporary) {
            Directories.deleteRecursively(dataDirectory);
        }
    }
}
