package dev.papertrader.chaos;

import java.nio.file.Path;
import java.util.List;

/**
 * The harness's command line.
 *
 * @param trials       fault trials after the no-fault run
 * @param firstTrial   number of the first of them (1 unless the trials of one full run are split over processes)
 * @param seed         seed of the fault schedule; trial {@code i} uses {@code seed + i}
 * @param datasets     bundled data sets the monitor replays (several symbols)
 * @param workDirectory where each run's PostgreSQL, broker and logs live (emptied per run)
 * @param servicesRoot the checkout whose packaged services ({@code <module>/target/quarkus-app}) are run
 */
record ChaosOptions(int trials, int firstTrial, long seed, List<String> datasets, Path workDirectory, Path servicesRoot) {

    /** The full run's data: 9,399 BTC/USD 1-minute, 576 ETH/USD 5-minute and 252 AAPL daily bars, 10,227 in all. */
    static final List<String> FULL_DATASETS = List.of("btc-bitstamp-2013-1m", "eth-2023-5m", "aapl-2013");
    /** The short (CI) run's data: ETH/USD 5-minute and AAPL daily bars, 828 in all. */
    static final List<String> SHORT_DATASETS = List.of("eth-2023-5m", "aapl-2013");

    static final String USAGE = """
            usage: chaos [--trials N] [--seed S] [--short] [--datasets a,b,c] [--work-dir DIR] [--services-root DIR]
              --trials N           fault trials after the no-fault run (default 20)
              --seed S             seed of the fault schedule (default 1); trial i uses S + i
              --first-trial K      number the trials K .. K+N-1 (default 1): one full run split over processes
                                   (--trials 5 --first-trial 6 runs trials 6-10 of --trials 20, same seeds)
              --short              the CI run: ETH 5m + AAPL 1d (828 bars) instead of BTC 1m + ETH 5m + AAPL 1d (10,227)
              --datasets a,b,c     bundled data sets to replay instead
              --work-dir DIR       where the runs keep PostgreSQL, the broker and the logs (default deploy/chaos/target/runs)
              --services-root DIR  the checkout whose packaged services are run (default: this one)""";

    static ChaosOptions parse(List<String> arguments, Path root) {
        int trials = 20;
        int firstTrial = 1;
        long seed = 1;
        List<String> datasets = FULL_DATASETS;
        Path work = root.resolve("deploy/chaos/target/runs");
        Path servicesRoot = root;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--trials" -> trials = Integer.parseInt(value(arguments, ++i, argument));
                case "--first-trial" -> firstTrial = Integer.parseInt(value(arguments, ++i, argument));
                case "--seed" -> seed = Long.parseLong(value(arguments, ++i, argument));
                case "--short" -> datasets = SHORT_DATASETS;
                case "--datasets" -> datasets = List.of(value(arguments, ++i, argument).split(","));
                case "--work-dir" -> work = Path.of(value(arguments, ++i, argument));
                case "--services-root" -> servicesRoot = Path.of(value(arguments, ++i, argument));
                default -> throw new IllegalArgumentException("unknown option " + argument + "\n" + USAGE);
            }
        }
        if (trials < 1) {
            throw new IllegalArgumentException("--trials must be at least 1, not " + trials);
        }
        if (firstTrial < 1) {
            throw new IllegalArgumentException("--first-trial must be at least 1, not " + firstTrial);
        }
        return new ChaosOptions(trials, firstTrial, seed, datasets, work.toAbsolutePath().normalize(),
                servicesRoot.toAbsolutePath().normalize());
    }

    private static String value(List<String> arguments, int index, String option) {
        if (index >= arguments.size()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return arguments.get(index);
    }
}
