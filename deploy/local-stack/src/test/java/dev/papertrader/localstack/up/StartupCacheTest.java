package dev.papertrader.localstack.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which start-up cache options a service gets, by JDK and by what is already recorded. */
class StartupCacheTest {

    @TempDir
    Path directory;

    @Test
    void onJdk25TheFirstRunRecordsAnAotCacheAndTheNextUsesIt() throws Exception {
        Path jar = touch(directory.resolve("quarkus-run.jar"), "2026-01-01T00:00:00Z");
        Path cache = directory.resolve("orders.aot");

        assertThat(StartupCache.options(25, directory, "orders", jar)).containsExactly("-XX:AOTCacheOutput=" + cache);
        assertThat(StartupCache.recordsAtExit(StartupCache.options(25, directory, "orders", jar))).isTrue();

        touch(cache, "2026-01-02T00:00:00Z");
        assertThat(StartupCache.options(25, directory, "orders", jar)).containsExactly("-XX:AOTCache=" + cache);
        assertThat(StartupCache.recordsAtExit(StartupCache.options(25, directory, "orders", jar))).isFalse();
        assertThat(StartupCache.options(26, directory, "orders", jar)).containsExactly("-XX:AOTCache=" + cache);
    }

    @Test
    void aRebuiltJarOrAnEmptyCacheIsRecordedAgain() throws Exception {
        Path cache = touch(directory.resolve("router.aot"), "2026-01-02T00:00:00Z");
        Path rebuilt = touch(directory.resolve("quarkus-run.jar"), "2026-01-03T00:00:00Z");
        assertThat(StartupCache.options(25, directory, "router", rebuilt)).containsExactly("-XX:AOTCacheOutput=" + cache);

        Files.write(cache, new byte[0]);
        Files.setLastModifiedTime(cache, FileTime.from(Instant.parse("2026-01-04T00:00:00Z")));
        assertThat(StartupCache.options(25, directory, "router", rebuilt)).containsExactly("-XX:AOTCacheOutput=" + cache);
    }

    @Test
    void onJdk25TheCacheTheBuildWroteBesideTheJarIsUsedUnlessTheJarIsNewer() throws Exception {
        Path app = Files.createDirectories(directory.resolve("order-service/target/quarkus-app"));
        Path data = directory.resolve("data/cache");
        Path jar = touch(app.resolve("quarkus-run.jar"), "2026-01-01T00:00:00Z");
        Path built = touch(app.resolve("app.aot"), "2026-01-01T00:00:05Z");

        assertThat(StartupCache.options(25, data, "orders", jar)).containsExactly("-XX:AOTCache=" + built);
        assertThat(StartupCache.builtCache(jar)).isEqualTo(built);

        touch(jar, "2026-01-02T00:00:00Z"); // rebuilt without a new cache: record one at run time as before
        assertThat(StartupCache.options(25, data, "orders", jar)).containsExactly("-XX:AOTCacheOutput=" + data.resolve("orders.aot"));
    }

    @Test
    void beforeJdk25ACacheTheBuildWroteIsIgnored() throws Exception {
        Path jar = touch(directory.resolve("quarkus-run.jar"), "2026-01-01T00:00:00Z");
        touch(directory.resolve("app.aot"), "2026-01-02T00:00:00Z");

        assertThat(StartupCache.options(21, directory, "monitor", jar))
                .containsExactly("-XX:SharedArchiveFile=" + directory.resolve("monitor.jsa"), "-XX:+AutoCreateSharedArchive");
    }

    @Test
    void jdk19To24UseADynamicCdsArchiveTheJvmMaintainsAndOlderOnesNothing() throws Exception {
        Path jar = touch(directory.resolve("quarkus-run.jar"), "2026-01-01T00:00:00Z");

        assertThat(StartupCache.options(21, directory, "monitor", jar))
                .containsExactly("-XX:SharedArchiveFile=" + directory.resolve("monitor.jsa"), "-XX:+AutoCreateSharedArchive");
        assertThat(StartupCache.options(24, directory, "monitor", jar)).hasSize(2);
        assertThat(StartupCache.options(17, directory, "monitor", jar)).isEmpty();
    }

    private static Path touch(Path file, String time) throws Exception {
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(time)));
        return file;
    }
}
