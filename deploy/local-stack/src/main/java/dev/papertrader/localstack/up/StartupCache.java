package dev.papertrader.localstack.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * The JVM's own start-up cache for a service: the classes it loads (and, from JDK 25, how they were linked and
 * profiled) recorded by one run and mapped by the next, which then starts faster. Nothing to install and nothing
 * to run beforehand: the first {@code up} records, every later one uses the recording.
 *
 * <ul>
 *   <li>JDK 25 and later, built: the AOT cache the build made beside the jar ({@code target/quarkus-app/app.aot}:
 *       written by deploy/aot-training.sh, the training start against embedded servers that ./papertrader runs
 *       after building a service, or else by Quarkus at package time; docs/native.md). When it is there and newer
 *       than the jar it is used
 *       ({@code -XX:AOTCache=<file>}), and nothing is recorded at run time.</li>
 *   <li>JDK 25 and later, otherwise: the AOT cache (JEP 483, 514) of the data directory. Without a cache newer than
 *       the jar, the run records one
 *       ({@code -XX:AOTCacheOutput=<file>}, written when the service exits); with one, the run uses it
 *       ({@code -XX:AOTCache=<file>}). A rebuilt jar is newer than its cache, so the next run records again.</li>
 *   <li>JDK 19 to 24: a dynamic CDS archive ({@code -XX:SharedArchiveFile=<file> -XX:+AutoCreateSharedArchive}),
 *       which the JVM itself creates at exit and recreates when the jar changed.</li>
 *   <li>Older JDKs: nothing.</li>
 * </ul>
 *
 * <p>A cache that cannot be used (another JDK, other options) is ignored by the JVM with a warning in the service's
 * log; the service starts as it would without one.
 */
public final class StartupCache {

    /** First JDK with {@code -XX:AOTCacheOutput}, which records and creates the cache in one run. */
    static final int AOT_CACHE_FEATURE = 25;
    /** The file name of the AOT cache the build writes beside {@code quarkus-run.jar}. */
    static final String BUILT_CACHE_NAME = "app.aot";
    /** First JDK with {@code -XX:+AutoCreateSharedArchive}. */
    static final int AUTO_ARCHIVE_FEATURE = 19;

    private StartupCache() {
    }

    /**
     * The options that record or use the cache of one service.
     *
     * @param javaFeature the feature release of the JVM that runs the service (21, 25...)
     * @param directory   where the service's cache lives, e.g. {@code .papertrader/cache}
     * @param name        the service's name, which names the file
     * @param jar         the jar the service runs
     */
    public static List<String> options(int javaFeature, Path directory, String name, Path jar) {
        if (javaFeature >= AOT_CACHE_FEATURE) {
            Path built = builtCache(jar);
            if (isNewer(built, jar)) {
                return List.of("-XX:AOTCache=" + built);
            }
            Path cache = directory.resolve(name + ".aot");
            return isNewer(cache, jar) ? List.of("-XX:AOTCache=" + cache) : List.of("-XX:AOTCacheOutput=" + cache);
        }
        if (javaFeature >= AUTO_ARCHIVE_FEATURE) {
            return List.of("-XX:SharedArchiveFile=" + directory.resolve(name + ".jsa"), "-XX:+AutoCreateSharedArchive");
        }
        return List.of();
    }

    /** Whether a JVM started with {@code command} writes an AOT cache when it exits. */
    public static boolean recordsAtExit(List<String> command) {
        return command.stream().anyMatch(option -> option.startsWith("-XX:AOTCacheOutput="));
    }

    /** Where the build puts the AOT cache of {@code jar}: beside it. */
    public static Path builtCache(Path jar) {
        return jar.resolveSibling(BUILT_CACHE_NAME);
    }

    private static boolean isNewer(Path file, Path than) {
        try {
            FileTime fileTime = Files.getLastModifiedTime(file);
            return Files.size(file) > 0 && fileTime.compareTo(Files.getLastModifiedTime(than)) > 0;
        } catch (IOException e) {
            return false; // no cache yet (or no jar, which the launcher reports)
        }
    }
}
