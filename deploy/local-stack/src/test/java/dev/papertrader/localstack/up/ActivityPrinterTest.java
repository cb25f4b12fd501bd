package dev.papertrader.localstack.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.localstack.database.DatabaseServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code up} prints while the system runs, read from tables shaped like the services' (only the columns the
 * printer reads), in a database of its own on the test JVM's PostgreSQL.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ActivityPrinterTest {

    private static final String DATABASE = "activity_printer_test";
    private static final String TABLES = """
            create schema monitor;
            create schema router;
            create schema orders;
            create schema portfolio;
            create table monitor.bars (symbol text);
            create table monitor.signals (seq bigserial, bar_time timestamptz, type text, symbol text, strategy text,
                price numeric);
            create table router.decisions (seq bigserial, decided_at timestamptz, signal_type text, symbol text,
                accepted boolean, reason text, qty numeric, notional numeric);
            create table orders.fills (id text, filled_at timestamptz, side text, qty numeric, symbol text, price numeric,
                fee numeric);
            create table portfolio.paper_trades (seq bigserial, account_id text, exit_time timestamptz, direction text,
                symbol text, entry_price numeric, exit_price numeric, pnl numeric);
            create table portfolio.paper_portfolio (account_id text, as_of timestamptz, equity numeric, cash numeric);
            create table portfolio.paper_positions (account_id text);
            """;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    private DatabaseServer database;

    @BeforeEach
    void freshDatabase() throws SQLException {
        DatabaseServer server = LocalInfraTestResource.database();
        try (Connection connection = server.connectAsSuperuser(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + DATABASE);
            statement.execute("create database " + DATABASE);
        }
        database = server.withDatabase(DATABASE);
        execute(TABLES);
    }

    @Test
    void aFreshRunPrintsEachSignalDecisionFillTradeAndTheEquityAsTheyAreStored() throws Exception {
        try (ActivityPrinter ignored = ActivityPrinter.start(database, "default", out, Duration.ofMillis(200))) {
            awaitOutput("Activity: signals, decisions, fills and closed trades appear below");

            execute("""
                    insert into monitor.bars values ('AAPL');
                    insert into monitor.signals (bar_time, type, symbol, strategy, price)
                        values ('2013-03-14T00:00:00Z', 'BUY', 'AAPL', 'macd-crossover', 432.500000);
                    insert into router.decisions (decided_at, signal_type, symbol, accepted, reason, notional)
                        values ('2013-03-14T00:00:00Z', 'BUY', 'AAPL', true, 'accepted', 10000);
                    insert into router.decisions (decided_at, signal_type, symbol, accepted, reason)
                        values ('2013-03-15T00:00:00Z', 'SELL', 'AAPL', false, 'long-only: no position to sell');
                    insert into orders.fills values ('f-1', '2013-03-15T00:00:00Z', 'BUY', 23.25581395, 'AAPL', 430.0, 0);
                    insert into portfolio.paper_portfolio values ('default', '2013-03-15T00:00:00Z', 10000.004, 0.004);
                    insert into portfolio.paper_positions values ('default');
                    """);
            awaitOutput("fill ");
            awaitOutput("account ");
            execute("""
                    insert into portfolio.paper_trades (account_id, exit_time, direction, symbol, entry_price, exit_price, pnl)
                        values ('default', '2013-04-02T00:00:00Z', 'LONG', 'AAPL', 430.0, 440.5, 244.186046475);
                    insert into portfolio.paper_trades (account_id, exit_time, direction, symbol, entry_price, exit_price, pnl)
                        values ('other', '2013-04-02T00:00:00Z', 'LONG', 'MSFT', 1, 2, 3);
                    update portfolio.paper_portfolio set as_of = '2013-04-02T00:00:00Z', equity = 10244.19, cash = 10244.19;
                    delete from portfolio.paper_positions;
                    """);
            awaitOutput("trade ");
            awaitOutput("equity 10244.19");
        }

        assertThat(printed()).contains(
                "2013-03-14 00:00  signal    BUY  AAPL by macd-crossover at 432.5",
                "2013-03-14 00:00  decision  BUY  AAPL accepted, order notional 10000.00",
                "2013-03-15 00:00  decision  SELL AAPL rejected: long-only: no position to sell",
                "2013-03-15 00:00  fill      BUY  23.25581395 AAPL at 430, fee 0.00",
                "2013-03-15 00:00  account   default: equity 10000.00, cash 0.00, 1 open position(s)",
                "2013-04-02 00:00  trade     LONG AAPL closed: 430 -> 440.5, P&L 244.19",
                "2013-04-02 00:00  account   default: equity 10244.19, cash 10244.19, 0 open position(s)")
                .doesNotContain("MSFT");
    }

    @Test
    void aResumedRunSummarizesWhatIsStoredAndPrintsOnlyWhatIsNew() throws Exception {
        execute("""
                insert into monitor.bars values ('AAPL'), ('AAPL'), ('AAPL');
                insert into monitor.signals (bar_time, type, symbol, strategy, price)
                    values ('2013-03-14T00:00:00Z', 'BUY', 'AAPL', 'macd-crossover', 432.5);
                insert into orders.fills values ('f-1', '2013-03-15T00:00:00Z', 'BUY', 2, 'AAPL', 430, 0);
                insert into portfolio.paper_portfolio values ('default', '2013-03-15T00:00:00Z', 10010, 9140);
                """);

        try (ActivityPrinter ignored = ActivityPrinter.start(database, "default", out, Duration.ofMillis(200))) {
            awaitOutput("Activity: 3 bars replayed so far, 1 signals, 1 fills, 0 closed trades; what follows is new.");
            execute("""
                    insert into monitor.signals (bar_time, type, symbol, strategy, price)
                        values ('2013-04-01T00:00:00Z', 'SELL', 'AAPL', 'macd-crossover', 441);
                    insert into orders.fills values ('f-0', '2013-04-02T00:00:00Z', 'SELL', 2, 'AAPL', 440.5, 0);
                    """);
            awaitOutput("fill ");
        }

        assertThat(printed())
                .contains("2013-03-15 00:00  account   default: equity 10010.00, cash 9140.00, 0 open position(s)",
                        "2013-04-01 00:00  signal    SELL AAPL by macd-crossover at 441",
                        "2013-04-02 00:00  fill      SELL 2 AAPL at 440.5, fee 0.00")
                .doesNotContain("signal    BUY", "fill      BUY");
    }

    @Test
    void moneyIsShownToTheCentAndPricesAsStored() {
        assertThat(ActivityPrinter.money(new BigDecimal("12620.4650"))).isEqualTo("12620.46");
        assertThat(ActivityPrinter.money(new BigDecimal("12620.4750"))).isEqualTo("12620.48");
        assertThat(ActivityPrinter.plain(new BigDecimal("430.5500000000"))).isEqualTo("430.55");
        assertThat(ActivityPrinter.plain(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ActivityPrinter.plain(null)).isEqualTo("-");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connectAsSuperuser(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!printed().contains(text)) {
            assertThat(System.nanoTime() - deadline).as("waiting for '%s' in:%n%s", text, printed()).isNegative();
            Thread.sleep(50);
        }
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
