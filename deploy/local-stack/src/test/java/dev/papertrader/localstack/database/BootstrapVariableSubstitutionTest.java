package dev.papertrader.localstack.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.ServiceRole;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** psql's {@code :'name'} variables, replaced the way psql replaces them. */
class BootstrapVariableSubstitutionTest {

    private static final Map<String, String> VARIABLES = Map.of("pw", "secret", "other", "x");

    @Test
    void aQuotedVariableBecomesAStringLiteral() {
        assertThat(DatabaseBootstrap.substituteVariables("ALTER ROLE a PASSWORD :'pw';", VARIABLES))
                .isEqualTo("ALTER ROLE a PASSWORD 'secret';");
    }

    @Test
    void quotesAreDoubledAndABackslashMakesAnEscapeStringLiteral() {
        assertThat(DatabaseBootstrap.sqlLiteral("it's")).isEqualTo("'it''s'");
        assertThat(DatabaseBootstrap.sqlLiteral("a\\b'c")).isEqualTo("E'a\\\\b''c'");
        assertThat(DatabaseBootstrap.sqlLiteral("")).isEqualTo("''");
    }

    @Test
    void commentsStringsQuotedIdentifiersAndDollarQuotedBodiesAreLeftAlone() {
        String sql = """
                -- :'pw' in a line comment
                /* :'pw' in /* a nested */ block comment */
                SELECT ':''pw''', E'\\' :''pw''', ":'pw'", $$ :'pw' $$, $body$ :'pw' $body$, :'other';""";
        assertThat(DatabaseBootstrap.substituteVariables(sql, VARIABLES)).isEqualTo(sql.replace(":'other'", "'x'"));
    }

    @Test
    void castsAndDollarParametersAreNotVariables() {
        String sql = "SELECT 'a'::text, $1, x::'pw' FROM t; SELECT :'pw'";
        assertThat(DatabaseBootstrap.substituteVariables(sql, VARIABLES))
                .isEqualTo("SELECT 'a'::text, $1, x::'pw' FROM t; SELECT 'secret'");
    }

    @Test
    void aVariableWithoutValueIsAnError() {
        assertThatThrownBy(() -> DatabaseBootstrap.substituteVariables("SELECT :'missing'", VARIABLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the script uses variable 'missing', which has no value");
    }

    @Test
    void theShippedScriptUsesExactlyOnePasswordVariablePerServiceRole() {
        String script = DatabaseBootstrap.script();
        for (ServiceRole role : ServiceRole.values()) {
            String marker = ":'" + role.passwordVariable() + "'";
            assertThat(script.indexOf(marker)).as(marker).isPositive().isEqualTo(script.lastIndexOf(marker));
            assertThat(script).contains("ALTER ROLE " + role.role(), "CREATE SCHEMA IF NOT EXISTS " + role.schema());
        }
        Map<String, String> values = new HashMap<>();
        Arrays.stream(ServiceRole.values()).forEach(role -> values.put(role.passwordVariable(), "p"));
        assertThat(DatabaseBootstrap.substituteVariables(script, values)).doesNotContain(":'");
    }
}
