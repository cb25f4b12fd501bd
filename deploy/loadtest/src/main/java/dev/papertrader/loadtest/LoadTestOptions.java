package dev.papertrader.loadtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ./papertrader loadtest} runs.
 *
 * @param symbols        synthetic symbols (one bar each per slice)
 * @param barsPerSecond  bars published per second over all symbols; the monitor's feed speed is
 *                       {@code barsPerSecond / symbols} slices per second
 * @param duration       seconds of load (the feed stops by itself after {@code duration × speed} slices)
 * @param warmup         seconds at the start whose slices are not recorded in the latency histograms (JIT warm-up)
 * @param drainTimeout   seconds to wait after the last slice for the pipeline to finish it
 * @param output         the JSON result file
 * @param workDirectory  data (PostgreSQL, broker) and logs of the run; emptied first
 * @param dbUrl          an external PostgreSQL (JDBC URL) instead of the embedded one
 * @param dbSuperuser    superuser of the external PostgreSQL
 * @param dbPassword     its password
 * @param amqpUrl        an external AMQP 1.0 broker instead of the embedded Artemis
 * @param limits         whether to measure the physical limits after the load
 * @param check          whether to exit with status 1 on errors or lost or duplicated effects (CI)
 */
record LoadTestOptions(int symbols, int barsPerSecond, int duration, int warmup, int drainTimeout, Path output,
                       Path workDirectory, Optional<String> dbUrl, String dbSuperuser, String dbPassword,
                       Optional<String> amqpUrl, boolean limits, boolean check) {

    static final String USAGE = """
            usage: ./papertrader loadtest [options]
              --symbols N          synthetic symbols (default 100)
              --rate R             bars per second over all symbols (default 1000)
              --duration D         seconds of load (default 30)
              --warmup W           first seconds left out of the latency histograms (default 5)
              --drain-timeout S    seconds the pipeline may take to finish after the last bar (default 60)
              --out FILE           JSON result (default .papertrader/loadtest/result.json)
              --work-dir DIR       data and logs of the run, emptied first (default .papertrader/loadtest/run)
              --db-url URL         external PostgreSQL (JDBC URL) instead of the embedded one
              --db-superuser NAME  its superuser (default postgres); --db-password PASSWORD
              --amqp-url URL       external AMQP 1.0 broker instead of the embedded Artemis
              --no-limits          skip the physical limits (PostgreSQL commit loop, broker round trip)
              --check              exit 1 on errors, lost or duplicated messages or effects (CI)
            ./papertrader loadtest --medians A.json B.json C.json
                                   the median of every figure over several results, as Markdown tables
            Traffic goes to loopback only unless --db-url/--amqp-url say otherwise.""";

    LoadTestOptions {
        requirePositive(symbols, "--symbols");
        requirePositive(barsPerSecond, "--rate");
        requirePositive(duration, "--duration");
        if (warmup < 0 || warmup >= duration) {
            throw new IllegalArgumentException("--warmup must be at least 0 and below --duration, was " + warmup);
        }
        requirePositive(drainTimeout, "--drain-timeout");
    }

    /** Slices per second the monitor publishes: {@code barsPerSecond / symbols}. */
    double slicesPerSecond() {
        return (double) barsPerSecond / symbols;
    }

    /** Slices the feed publishes before it ends: {@code round(duration × slicesPerSecond)}. */
    int slices() {
        return (int) Math.max(1, Math.round(duration * slicesPerSecond()));
    }

    /** Slices of the warm-up, not recorded in the latency histograms. */
    int warmupSlices() {
        return (int) Math.round(warmup * slicesPerSecond());
    }

    static LoadTestOptions parse(List<String> arguments, Path root) {
        int symbols = 100;
        int rate = 1000;
        int duration = 30;
        int warmup = 5;
        int drain = 60;
        Path out = root.resolve(".papertrader/loadtest/result.json");
        Path work = root.resolve(".papertrader/loadtest/run");
        Optional<String> dbUrl = Optional.empty();
        String superuser = "postgres";
        String password = "";
        Optional<String> amqpUrl = Optional.empty();
        boolean limits = true;
        boolean check = false;
        List<String> rest = new ArrayList<>(arguments);
        while (!rest.isEmpty()) {
            String option = rest.removeFirst();
            switch (option) {
                case "--symbols" -> symbols = intValue(option, rest);
                case "--rate" -> rate = intValue(option, rest);
                case "--duration" -> duration = intValue(option, rest);
                case "--warmup" -> warmup = intValue(option, rest);
                case "--drain-timeout" -> drain = intValue(option, rest);
                case "--out" -> out = Path.of(value(option, rest));
                case "--work-dir" -> work = Path.of(value(option, rest));
                case "--db-url" -> dbUrl = Optional.of(value(option, rest));
                case "--db-superuser" -> superuser = value(option, rest);
                case "--db-password" -> password = value(option, rest);
                case "--amqp-url" -> amqpUrl = Optional.of(value(option, rest));
                case "--no-limits" -> limits = false;
                case "--check" -> check = true;
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new LoadTestOptions(symbols, rate, duration, warmup, drain, out.toAbsolutePath(), work.toAbsolutePath(),
                dbUrl, superuser, password, amqpUrl, limits, check);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.removeFirst();
    }

    private static int intValue(String option, List<String> rest) {
        String text = value(option, rest);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, was '" + text + "'");
        }
    }

    private static void requirePositive(int value, String option) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, was " + value);
        }
    }
}
