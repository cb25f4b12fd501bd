package dev.papertrader.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.broker.BrokerEndpoint;
import dev.papertrader.localstack.database.DatabaseServer;
import org.junit.jupiter.api.Test;

/** The URLs given with --db-url and --amqp-url (or their environment variables). */
class EndpointParsingTest {

    @Test
    void aJdbcUrlGivesHostPortAndDatabaseWithoutItsParameters() {
        DatabaseServer server = DatabaseServer.fromJdbcUrl("jdbc:postgresql://db.example:6432/trading?sslmode=require", "admin", "pw");

        assertThat(server).isEqualTo(new DatabaseServer("db.example", 6432, "trading", "admin", "pw"));
        assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/trading");
        assertThat(server.reactiveUrl()).isEqualTo("vertx-reactive:postgresql://db.example:6432/trading");
        assertThat(server.superuserJdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/trading?user=admin");
    }

    @Test
    void aJdbcUrlWithoutPortUsesPostgresDefaultPortAndANullPasswordIsEmpty() {
        DatabaseServer server = DatabaseServer.fromJdbcUrl("jdbc:postgresql://localhost/papertrader", "postgres", null);

        assertThat(server.port()).isEqualTo(5432);
        assertThat(server.superuserPassword()).isEmpty();
    }

    @Test
    void aJdbcUrlWithoutDatabaseOrOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> DatabaseServer.fromJdbcUrl("jdbc:postgresql://localhost:5432/", "postgres", ""))
                .hasMessageContaining("needs a host and a database name");
        assertThatThrownBy(() -> DatabaseServer.fromJdbcUrl("jdbc:mysql://localhost/papertrader", "root", ""))
                .hasMessageStartingWith("expected a URL like jdbc:postgresql://host:5432/papertrader");
    }

    @Test
    void anAmqpUrlGivesHostPortAndPercentDecodedCredentials() {
        BrokerEndpoint endpoint = BrokerEndpoint.parse("amqp://trader:p%40ss+word%3A1@mq.example:5673");

        assertThat(endpoint).isEqualTo(new BrokerEndpoint("mq.example", 5673, "trader", "p@ss+word:1"));
        assertThat(endpoint.hasCredentials()).isTrue();
        assertThat(endpoint.url()).as("printable, without the password").isEqualTo("amqp://mq.example:5673");
    }

    @Test
    void anAmqpUrlWithoutPortOrCredentialsUsesPort5672AndNoCredentials() {
        BrokerEndpoint endpoint = BrokerEndpoint.parse("amqp://localhost");

        assertThat(endpoint).isEqualTo(BrokerEndpoint.anonymous("localhost", 5672));
        assertThat(endpoint.hasCredentials()).isFalse();
    }

    @Test
    void aUrlOfAnotherSchemeIsRefused() {
        assertThatThrownBy(() -> BrokerEndpoint.parse("tcp://localhost:61616"))
                .hasMessageStartingWith("expected a URL like amqp://localhost:5672");
    }
}
