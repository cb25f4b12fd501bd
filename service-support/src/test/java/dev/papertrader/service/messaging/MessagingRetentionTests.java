package dev.papertrader.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retention on a real PostgreSQL with the common messaging migration applied. */
class MessagingRetentionTests {

    private static final Duration WAIT = MessagingDatabase.WAIT;

    @RegisterExtension
    static final MessagingDatabase DATABASE = new MessagingDatabase();

    @BeforeEach
    void emptyTables() {
        sql("truncate outbox, inbox, dead_letters");
    }

    @Test
    void deletesSentOutboxRowsOlderThanTheRetentionAndKeepsEveryUnsentRow() {
        outbox("sent-long-ago", "now() - interval '8 days'", "now() - interval '8 days'");
        outbox("sent-recently", "now() - interval '8 days'", "now() - interval '6 days'");
        outbox("never-sent", "now() - interval '400 days'", "null");

        MessagingRetention.Pruned pruned = retention(3).prune().await().atMost(WAIT);

        assertThat(pruned.outbox()).isEqualTo(1);
        assertThat(ids("select id from outbox order by seq")).containsExactly("sent-recently", "never-sent");
    }

    @Test
    void deletesInboxIdsAndDeadLettersOlderThanTheirRetentions() {
        inbox("old", "now() - interval '31 days'");
        inbox("young", "now() - interval '29 days'");
        deadLetter("old-reason", "now() - interval '91 days'");
        deadLetter("young-reason", "now() - interval '1 day'");

        MessagingRetention.Pruned pruned = retention(3).prune().await().atMost(WAIT);

        assertThat(pruned).isEqualTo(new MessagingRetention.Pruned(0, 1, 1));
        assertThat(ids("select message_id from inbox")).containsExactly("young");
        assertThat(ids("select reason from dead_letters")).containsExactly("young-reason");
    }

    @Test
    void aBacklogLargerThanOneBatchIsDeletedInSeveralStatementsInOnePass() {
        for (int i = 0; i < 7; i++) {
            inbox("old-" + i, "now() - interval '60 days'");
        }
        inbox("young", "now()");

        MessagingRetention.Pruned pruned = retention(3).prune().await().atMost(WAIT);

        assertThat(pruned.inbox()).isEqualTo(7);
        assertThat(ids("select message_id from inbox")).containsExactly("young");
    }

    private static MessagingRetention retention(int batchSize) {
        return new MessagingRetention(DATABASE.pool(), new MessagingConfig.Retention() {
            @Override public Duration period() { return Duration.ofHours(1); }
            @Override public Duration outbox() { return Duration.ofDays(7); }
            @Override public Duration inbox() { return Duration.ofDays(30); }
            @Override public Duration deadLetters() { return Duration.ofDays(90); }
            @Override public int batchSize() { return batchSize; }
            @Override public boolean enabled() { return true; }
        }, null);
    }

    private static void outbox(String id, String createdAt, String sentAt) {
        sql("insert into outbox (id, address, type, body, created_at, sent_at) values ('" + id
                + "', 'trading.fills', 'fill', '{}', " + createdAt + ", " + sentAt + ")");
    }

    private static void inbox(String messageId, String receivedAt) {
        sql("insert into inbox (consumer, message_id, received_at) values ('portfolio', '" + messageId + "', "
                + receivedAt + ")");
    }

    private static void deadLetter(String reason, String receivedAt) {
        sql("insert into dead_letters (consumer, reason, received_at) values ('portfolio', '" + reason + "', "
                + receivedAt + ")");
    }

    private static void sql(String statement) {
        DATABASE.sql(statement);
    }

    private static List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        for (Row row : DATABASE.pool().query(query).execute().await().atMost(WAIT)) {
            ids.add(row.getString(0));
        }
        return ids;
    }
}
