package dev.papertrader.localstack.up;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One service running as a child process: its output goes to its log file, its readiness is its
 * {@value #READINESS_PATH} endpoint answering 200, and it is stopped with SIGTERM, then killed after a grace period.
 */
public final class SupervisedService {

    /** The SmallRye Health readiness endpoint every service exposes. */
    public static final String READINESS_PATH = "/q/health/ready";

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_TAIL_BYTES = 16 * 1024;

    private final ServiceSpec spec;
    private final Process process;
    private final Path logFile;
    private final boolean writesStartupCacheAtExit;

    private SupervisedService(ServiceSpec spec, Process process, Path logFile, boolean writesStartupCacheAtExit) {
        this.spec = spec;
        this.process = process;
        this.logFile = logFile;
        this.writesStartupCacheAtExit = writesStartupCacheAtExit;
    }

    /**
     * Starts the process with the parent's environment plus {@code environment}; its log file is truncated.
     */
    static SupervisedService start(ServiceSpec spec, List<String> command, Map<String, String> environment, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close(); // nothing to read on standard input
            return new SupervisedService(spec, process, logFile, StartupCache.recordsAtExit(command));
        } catch (IOException e) {
            throw new LocalStackException(spec.name() + " could not be started (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Waits until the readiness endpoint answers 200.
     *
     * @param deadline  {@link System#nanoTime()} after which to give up
     * @param cancelled true when the stack is being stopped meanwhile
     * @throws LocalStackException when the process exits first, the deadline passes, or the wait is cancelled;
     *                             the message carries the end of the log
     */
    void awaitReady(HttpClient http, long deadline, Duration timeout, BooleanSupplier cancelled) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(spec.baseUrl() + READINESS_PATH))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new LocalStackException(spec.name() + ": start cancelled, the stack is stopping");
            }
            if (!process.isAlive()) {
                throw new LocalStackException(spec.name() + " exited with code " + process.exitValue()
                        + " before it was ready." + logTailMessage());
            }
            if (answersReady(http, request)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new LocalStackException(spec.name() + " was not ready within " + timeout.toSeconds() + " s ("
                        + spec.baseUrl() + READINESS_PATH + " never answered 200)." + logTailMessage());
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static boolean answersReady(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for services to be ready", e);
        }
    }

    /** Sends SIGTERM (a Quarkus service shuts down gracefully on it). */
    void requestStop() {
        process.destroy();
    }

    /**
     * Waits for the process to end after {@link #requestStop()}; kills it (SIGKILL) when the grace period runs out.
     *
     * @return true when it ended by itself
     */
    boolean awaitStop(Duration grace) {
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    /** The last {@code lines} lines of the log (at most the last 16 KiB). */
    public String logTail(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    String logTailMessage() {
        String tail = Files.exists(logFile) ? logTail(40) : "";
        return tail.isBlank() ? " Its log " + logFile + " is empty."
                : " Last lines of " + logFile + ":\n" + tail.indent(4).stripTrailing();
    }

    /**
     * Whether the JVM records its start-up cache when it exits: it then needs longer to stop (tens of seconds on a
     * busy machine) and should not be killed meanwhile, or the recording is lost and made again next time.
     */
    public boolean writesStartupCacheAtExit() {
        return writesStartupCacheAtExit;
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Process process() {
        return process;
    }

    public Path logFile() {
        return logFile;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for services to be ready", e);
        }
    }
}
