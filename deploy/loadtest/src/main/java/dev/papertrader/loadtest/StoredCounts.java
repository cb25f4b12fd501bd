package dev.papertrader.loadtest;

import dev.papertrader.localstack.ServiceRole;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Row counts in the services' tables after a run, read as the superuser, and the cross-service joins that show a lost
 * or doubled effect: every signal has one decision, every accepted decision one order, every fill is booked once.
 * All counts come from one repeatable-read snapshot, so they agree with each other.
 */
final class StoredCounts {

    private StoredCounts() {
    }

    static Map<String, Long> read(Connection connection) throws SQLException {
        String monitor = ServiceRole.MONITOR.schema();
        String router = ServiceRole.ROUTER.schema();
        String orders = ServiceRole.ORDERS.schema();
        String portfolio = ServiceRole.PORTFOLIO.schema();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("bars", "select count(*) from " + monitor + ".bars");
        queries.put("signals", "select count(*) from " + monitor + ".signals");
        queries.put("decisions", "select count(*) from " + router + ".decisions");
        queries.put("accepted decisions", "select count(*) from " + router + ".decisions where accepted and order_id is not null");
        queries.put("orders", "select count(*) from " + orders + ".orders where source = 'message'");
        queries.put("fills", "select count(*) from " + orders + ".fills");
        queries.put("booked fills", "select count(*) from " + portfolio + ".booked_fills");
        queries.put("paper trades", "select count(*) from " + portfolio + ".paper_trades");
        queries.put("signals without a decision", "select count(*) from " + monitor + ".signals s where not exists"
                + " (select 1 from " + router + ".decisions d where d.signal_id = s.id)");
        queries.put("decisions per signal above one", "select coalesce(sum(n - 1), 0) from (select count(*) n from "
                + router + ".decisions group by signal_id) per_signal");
        queries.put("accepted decisions without an order", "select count(*) from " + router + ".decisions d where"
                + " d.accepted and d.order_id is not null and not exists (select 1 from " + orders + ".orders o where o.id = d.order_id)");
        queries.put("fills not booked", "select count(*) from " + orders + ".fills f where not exists"
                + " (select 1 from " + portfolio + ".booked_fills b where b.fill_id = f.id)");
        queries.put("booked fills without a fill", "select count(*) from " + portfolio + ".booked_fills b where not exists"
                + " (select 1 from " + orders + ".fills f where f.id = b.fill_id)");
        Map<String, Long> counts = new LinkedHashMap<>();
        // one snapshot for all counts: read while the pipeline still runs, separate statements would disagree
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                try (ResultSet rows = statement.executeQuery(query.getValue())) {
                    rows.next();
                    counts.put(query.getKey(), rows.getLong(1));
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        return counts;
    }

    /** Committed transactions of the whole server so far ({@code pg_stat_database.xact_commit}, all databases). */
    static long serverCommits(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select sum(xact_commit) from pg_stat_database")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
