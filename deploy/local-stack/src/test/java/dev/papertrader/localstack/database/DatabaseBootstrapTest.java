package dev.papertrader.localstack.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.ServiceRole;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bootstrap script on a real PostgreSQL of its own (the tests change passwords). */
class DatabaseBootstrapTest {

    private static EmbeddedDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedDatabase.startTemporary();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void runningItTwiceSucceedsAndLeavesExactlyTheSameRolesSchemasAndPrivileges() throws SQLException {
        DatabaseBootstrap.runWithLocalPasswords(database.server());
        List<String> afterFirstRun = catalogSnapshot();

        DatabaseBootstrap.runWithLocalPasswords(database.server());

        assertThat(catalogSnapshot()).isEqualTo(afterFirstRun);
    }

    @Test
    void itCreatesOneUnprivilegedLoginRolePerServiceOwningItsSchema() throws SQLException {
        DatabaseBootstrap.runWithLocalPasswords(database.server());
        List<String> expected = Arrays.stream(ServiceRole.values())
                .map(role -> role.role() + " login=true super=false createdb=false createrole=false replication=false"
                        + " bypassrls=false owns " + role.schema() + " search_path=" + role.schema())
                .toList();
        assertThat(query("""
                SELECT r.rolname || ' login=' || r.rolcanlogin || ' super=' || r.rolsuper || ' createdb=' || r.rolcreatedb
                       || ' createrole=' || r.rolcreaterole || ' replication=' || r.rolreplication
                       || ' bypassrls=' || r.rolbypassrls || ' owns ' || n.nspname
                       || ' ' || array_to_string(s.setconfig, ',')
                FROM pg_roles r
                JOIN pg_namespace n ON n.nspowner = r.oid
                LEFT JOIN pg_db_role_setting s ON s.setrole = r.oid
                WHERE r.rolname LIKE '%\\_svc' ORDER BY r.rolname"""))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void onlyTheServiceRolesMayConnectAndNobodyGetsThePublicSchema() throws SQLException {
        DatabaseBootstrap.runWithLocalPasswords(database.server());
        List<String> databaseGrants = aclEntries(query("SELECT datacl::text FROM pg_database WHERE datname = current_database()"));
        assertThat(databaseGrants).as("nothing granted to PUBLIC (an empty grantee)").noneMatch(entry -> entry.startsWith("="));
        assertThat(databaseGrants).contains("monitor_svc=c/postgres", "router_svc=c/postgres", "orders_svc=c/postgres",
                "portfolio_svc=c/postgres");
        assertThat(aclEntries(query("SELECT nspacl::text FROM pg_namespace WHERE nspname = 'public'")))
                .noneMatch(entry -> entry.startsWith("="));
    }

    @Test
    void aSecondRunSetsTheNewPasswords() throws SQLException {
        DatabaseBootstrap.run(database.server(), passwords(role -> "first-" + role.role()));
        DatabaseBootstrap.run(database.server(), passwords(role -> "second-" + role.role()));

        try (Connection connection = database.server().connect("orders_svc", "second-orders_svc")) {
            assertThat(connection.isValid(2)).isTrue();
        }
        assertThatThrownBy(() -> database.server().connect("orders_svc", "first-orders_svc").close())
                .hasMessageContaining("password authentication failed");
        DatabaseBootstrap.runWithLocalPasswords(database.server());
    }

    @Test
    void passwordsWithQuotesBackslashesAndDollarsAreSetVerbatim() throws SQLException {
        String awkward = "it's a \\ \"test\" $$ :'monitor_svc_password' -- not a comment";
        DatabaseBootstrap.run(database.server(), passwords(role -> awkward));

        try (Connection connection = database.server().connect("monitor_svc", awkward)) {
            assertThat(connection.isValid(2)).isTrue();
        }
        DatabaseBootstrap.runWithLocalPasswords(database.server());
    }

    @Test
    void aMissingOrBlankPasswordIsRefusedBeforeAnythingRuns() {
        Map<ServiceRole, String> withoutRouter = passwords(role -> "pw");
        withoutRouter.remove(ServiceRole.ROUTER);
        assertThatThrownBy(() -> DatabaseBootstrap.run(database.server(), withoutRouter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no password given for role router_svc");
        assertThatThrownBy(() -> DatabaseBootstrap.run(database.server(), passwords(role -> " ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailureNamesTheServerAndRollsEverythingBack() {
        DatabaseServer unreachable = new DatabaseServer("127.0.0.1", database.port(), "no_such_database", "postgres", "");
        assertThatThrownBy(() -> DatabaseBootstrap.runWithLocalPasswords(unreachable))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("database bootstrap failed on jdbc:postgresql://127.0.0.1:" + database.port()
                        + "/no_such_database as postgres: ")
                .hasMessageContaining("\"no_such_database\" does not exist");
    }

    /** The entries of an ACL such as {@code {=Tc/postgres,postgres=CTc/postgres}}. */
    private static List<String> aclEntries(List<String> acl) {
        String text = acl.getFirst();
        return text == null ? List.of() : List.of(text.substring(1, text.length() - 1).split(","));
    }

    private static Map<ServiceRole, String> passwords(Function<ServiceRole, String> password) {
        Map<ServiceRole, String> passwords = new EnumMap<>(ServiceRole.class);
        for (ServiceRole role : ServiceRole.values()) {
            passwords.put(role, password.apply(role));
        }
        return passwords;
    }

    /** Roles, schemas and privileges as the catalog shows them (passwords aside: a scram hash is salted anew). */
    private static List<String> catalogSnapshot() throws SQLException {
        List<String> snapshot = new ArrayList<>();
        snapshot.addAll(query("""
                SELECT rolname || ' ' || rolcanlogin || rolsuper || rolcreatedb || rolcreaterole || rolreplication || rolbypassrls
                FROM pg_roles WHERE rolname NOT LIKE 'pg\\_%' ORDER BY rolname"""));
        snapshot.addAll(query("""
                SELECT nspname || ' ' || pg_get_userbyid(nspowner) || ' ' || coalesce(nspacl::text, '-')
                FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname"""));
        snapshot.addAll(query("SELECT datname || ' ' || coalesce(datacl::text, '-') FROM pg_database ORDER BY datname"));
        snapshot.addAll(query("""
                SELECT pg_get_userbyid(setrole) || ' ' || array_to_string(setconfig, ',')
                FROM pg_db_role_setting ORDER BY 1"""));
        return snapshot;
    }

    private static List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.server().connectAsSuperuser();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
