package dev.papertrader.localstack;

import dev.papertrader.localstack.broker.BrokerEndpoint;
import dev.papertrader.localstack.database.DatabaseServer;
import dev.papertrader.localstack.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives a service's {@code @QuarkusTest}s a real PostgreSQL and a real Artemis broker: both start once per JVM
 * (shared by every test class and every service under test, stopped at JVM exit), the database is bootstrapped
 * (roles, schemas) and the broker carries the {@link dev.papertrader.localstack.broker.BrokerTopology}.
 *
 * <pre>{@code
 * @WithTestResource(value = LocalInfraTestResource.class,
 *                   initArgs = @ResourceArg(name = "service", value = "orders"))
 * class OrderFlowTest { ... }
 * }</pre>
 *
 * <p>{@link #start()} returns the service's {@link ServiceConnectionConfig#properties()} (its own role, password
 * and schema, the reactive and JDBC URLs, {@code amqp-host} and {@code amqp-port}) plus
 * {@code quarkus.devservices.enabled=false}, WARN logging for the broker and {@value #JWT_PUBLIC_KEY_LOCATION} = the
 * test public key, so tokens from {@link TestTokens} are accepted. Data persists across the test
 * classes of the JVM: tests must not expect empty tables. {@link #stop()} leaves the servers running.
 *
 * <p>System tests that run several services against the same servers use the static accessors
 * ({@link #configFor}, {@link #database()}, {@link #superuserJdbcUrl()}, {@link #amqpPort()}).
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg naming the service under test: monitor, router, orders or portfolio. */
    public static final String SERVICE_ARG = "service";

    /** Where a service reads the public key that verifies API tokens (env MP_JWT_VERIFY_PUBLICKEY_LOCATION). */
    public static final String JWT_PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";

    private ServiceRole service;

    @Override
    public void init(Map<String, String> initArgs) {
        String name = initArgs.get(SERVICE_ARG);
        if (name == null) {
            throw new IllegalArgumentException("LocalInfraTestResource needs the init arg " + SERVICE_ARG
                    + " = monitor, router, orders or portfolio");
        }
        service = ServiceRole.ofServiceName(name);
    }

    @Override
    public Map<String, String> start() {
        if (service == null) {
            throw new IllegalStateException("LocalInfraTestResource was started without init(); give it the init arg "
                    + SERVICE_ARG);
        }
        Map<String, String> config = new LinkedHashMap<>(configFor(service));
        config.put("quarkus.devservices.enabled", "false");
        config.put("quarkus.log.category.\"org.apache.activemq\".level", "WARN");
        config.put("quarkus.log.category.\"org.apache.activemq.audit\".level", "WARN");
        // the services verify API tokens with the test key pair; TestTokens signs with its private half
        config.put(JWT_PUBLIC_KEY_LOCATION, "classpath:" + TestTokens.PUBLIC_KEY_RESOURCE);
        return config;
    }

    @Override
    public void stop() {
        // shared by the whole JVM: a shutdown hook stops the servers
    }

    /** The connection properties of {@code service} on the shared servers (its role, password, schema, URLs). */
    public static Map<String, String> configFor(ServiceRole service) {
        return new ServiceConnectionConfig(service, service.localPassword(), database(), broker()).properties();
    }

    /** The shared PostgreSQL, papertrader database, trusted superuser. */
    public static DatabaseServer database() {
        Map<String, String> coordinates = sharedCoordinates();
        return new DatabaseServer(coordinates.get(LocalInfra.DB_HOST), Integer.parseInt(coordinates.get(LocalInfra.DB_PORT)),
                coordinates.get(LocalInfra.DB_DATABASE), coordinates.get(LocalInfra.DB_SUPERUSER), "");
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/papertrader?user=postgres}. */
    public static String superuserJdbcUrl() {
        return database().superuserJdbcUrl();
    }

    /** The shared broker (no credentials needed). */
    public static BrokerEndpoint broker() {
        Map<String, String> coordinates = sharedCoordinates();
        return BrokerEndpoint.anonymous(coordinates.get(LocalInfra.AMQP_HOST), Integer.parseInt(coordinates.get(LocalInfra.AMQP_PORT)));
    }

    public static String amqpHost() {
        return broker().host();
    }

    public static int amqpPort() {
        return broker().port();
    }

    /**
     * Quarkus may load this class once per test application class loader; the servers must still start only once
     * per JVM, so use {@link LocalInfra} as loaded by the system class loader when it is there (Maven Surefire),
     * else this loader's copy (then one set of servers per class loader).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> sharedCoordinates() {
        Class<?> shared;
        try {
            shared = Class.forName(LocalInfra.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            shared = LocalInfra.class;
        }
        try {
            return (Map<String, String>) shared.getMethod("coordinates").invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("cannot start the local infrastructure", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach " + shared.getName() + ".coordinates()", e);
        }
    }
}
