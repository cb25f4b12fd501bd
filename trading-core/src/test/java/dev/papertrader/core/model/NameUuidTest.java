package dev.papertrader.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NameUuidTest {

    @Test
    void isTheVersion3UuidOfTheUtf8Bytes() {
        // RFC 4122 name-based MD5 UUIDs, as the JDK computes them: version nibble 3, variant bits 10.
        assertThat(NameUuid.of("")).isEqualTo("d41d8cd9-8f00-3204-a980-0998ecf8427e");
        assertThat(NameUuid.of("order|acc-1|sig-1"))
                .isEqualTo(UUID.nameUUIDFromBytes("order|acc-1|sig-1".getBytes(StandardCharsets.UTF_8)).toString());
        UUID parsed = UUID.fromString(NameUuid.of("macd-crossover|AAPL|2013-01-02T00:00:00Z|BUY"));
        assertThat(parsed.version()).isEqualTo(3);
        assertThat(parsed.variant()).isEqualTo(2);
    }

    @Test
    void equalsTheJdkForManyKeysIncludingNonAscii() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(0, 80);
            for (int c = 0; c < length; c++) {
                // Mostly ASCII, with some Latin-1, CJK and a surrogate pair now and then.
                int kind = random.nextInt(10);
                key.appendCodePoint(kind < 7 ? random.nextInt(32, 127)
                        : kind < 8 ? random.nextInt(0xA0, 0x100)
                        : kind < 9 ? random.nextInt(0x4E00, 0x9FFF) : random.nextInt(0x1F600, 0x1F64F));
            }
            String text = key.toString();
            assertThat(NameUuid.of(text)).as(text)
                    .isEqualTo(UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString());
        }
    }

    @Test
    void threadsDoNotShareADigestInTheMiddleOfAHash() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        String key = "key|" + thread + "|" + i;
                        if (!NameUuid.of(key).equals(
                                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString())) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
