package dev.papertrader.localstack.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.localstack.ServiceRole;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance test of the persistence design: each service logs in with its own role, has full use of its own
 * schema and is refused ("permission denied") everything in every other service's schema and in the shared
 * public schema. Runs on the bootstrapped database the services' tests use.
 */
class SchemaIsolationTest {

    private static final String PERMISSION_DENIED = "42501"; // SQLSTATE insufficient_privilege
    private static DatabaseServer database;

    @BeforeAll
    static void eachServiceOwnsAProbeTableWithOneRow() throws SQLException {
        database = LocalInfraTestResource.database();
        for (ServiceRole service : ServiceRole.values()) {
            try (Connection connection = connect(service); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS isolation_probe");
                statement.execute("CREATE TABLE isolation_probe (id int PRIMARY KEY, owner text NOT NULL)");
                statement.execute("INSERT INTO isolation_probe VALUES (1, current_user)");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ServiceRole.class)
    void aServiceCreatesReadsWritesAndDropsTablesInItsOwnSchema(ServiceRole service) throws SQLException {
        try (Connection connection = connect(service); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + service.schema() + ".own_table (id int PRIMARY KEY, note text)");
            statement.execute("INSERT INTO own_table VALUES (7, 'unqualified names resolve in the own schema')");
            statement.execute("UPDATE " + service.schema() + ".own_table SET note = 'updated' WHERE id = 7");
            try (ResultSet result = statement.executeQuery("SELECT note, current_schema() FROM own_table WHERE id = 7")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("updated");
                assertThat(result.getString(2)).isEqualTo(service.schema());
            }
            statement.execute("DROP TABLE own_table");
        }
    }

    static Stream<Arguments> everyServiceAgainstEveryOtherServicesSchema() {
        List<Arguments> pairs = new ArrayList<>();
        for (ServiceRole intruder : ServiceRole.values()) {
            for (ServiceRole owner : ServiceRole.values()) {
                if (intruder != owner) {
                    pairs.add(Arguments.of(intruder, owner));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} is denied schema {1}")
    @MethodSource("everyServiceAgainstEveryOtherServicesSchema")
    void aServiceIsDeniedEveryOtherServicesSchema(ServiceRole intruder, ServiceRole owner) throws SQLException {
        String table = owner.schema() + ".isolation_probe";
        try (Connection connection = connect(intruder); Statement statement = connection.createStatement()) {
            assertPermissionDenied(() -> statement.executeQuery("SELECT * FROM " + table), "permission denied for schema " + owner.schema());
            assertPermissionDenied(() -> statement.execute("INSERT INTO " + table + " VALUES (2, 'intruder')"),
                    "permission denied for schema " + owner.schema());
            assertPermissionDenied(() -> statement.execute("UPDATE " + table + " SET owner = 'intruder'"),
                    "permission denied for schema " + owner.schema());
            assertPermissionDenied(() -> statement.execute("DELETE FROM " + table), "permission denied for schema " + owner.schema());
            assertPermissionDenied(() -> statement.execute("CREATE TABLE " + owner.schema() + ".planted (id int)"),
                    "permission denied for schema " + owner.schema());
            assertPermissionDenied(() -> statement.execute("SET ROLE " + owner.role()), "permission denied to set role");
        }
        try (Connection connection = connect(owner);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*), min(owner) FROM isolation_probe")) {
            result.next();
            assertThat(result.getInt(1)).as("the owner's data is untouched").isEqualTo(1);
            assertThat(result.getString(2)).isEqualTo(owner.role());
        }
    }

    @ParameterizedTest
    @EnumSource(ServiceRole.class)
    void aServiceCannotShareDataThroughThePublicSchemaOrTemporaryTables(ServiceRole service) throws SQLException {
        try (Connection connection = connect(service); Statement statement = connection.createStatement()) {
            assertPermissionDenied(() -> statement.execute("CREATE TABLE public.shared (id int)"), "permission denied for schema public");
            assertPermissionDenied(() -> statement.execute("CREATE TEMPORARY TABLE scratch (id int)"),
                    "permission denied to create temporary tables");
            assertPermissionDenied(() -> statement.execute("CREATE SCHEMA " + service.schema() + "_extra"), "permission denied");
        }
    }

    @Test
    void aServiceRoleLogsInOnlyWithItsPassword() {
        assertThatThrownBy(() -> database.connect(ServiceRole.ORDERS.role(), ServiceRole.MONITOR.localPassword()).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed for user \"orders_svc\"");
    }

    private static void assertPermissionDenied(ThrowingCallable action, String message) {
        assertThatThrownBy(action)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(PERMISSION_DENIED))
                .hasMessageContaining(message);
    }

    private static Connection connect(ServiceRole service) throws SQLException {
        return database.connect(service.role(), service.localPassword());
    }
}
