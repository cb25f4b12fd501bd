package dev.papertrader.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What makes a load run fail: errors, lost or doubled messages or effects; never its speed.
 *
 * <p>Expected: the monitor stored and published {@code symbols × slices} bars; every stored signal has exactly one
 * decision; every accepted decision exactly one order; every fill is booked exactly once; the observer saw every
 * decision and every fill the tables hold, and the portfolio's snapshot of the last slice (the pipeline drained);
 * nothing reached {@code dead.letters}; no service logged an ERROR or died.
 */
final class LossCheck {

    private LossCheck() {
    }

    /**
     * @param stored        {@link StoredCounts#read} counts
     * @param expectedBars  symbols × slices
     * @return the failures, empty when the run is clean
     */
    static List<String> failures(Map<String, Long> stored, long expectedBars, long observedBars, long observedDecisions,
                                 long observedFills, boolean drained, long deadLetters, long errorLogLines,
                                 List<String> deadServices) {
        List<String> failures = new ArrayList<>();
        expectEqual(failures, "bars stored by the monitor", stored.get("bars"), expectedBars);
        expectEqual(failures, "bars seen on market.bars", observedBars, expectedBars);
        expectEqual(failures, "signals without a decision", stored.get("signals without a decision"), 0);
        expectEqual(failures, "decisions per signal above one", stored.get("decisions per signal above one"), 0);
        expectEqual(failures, "accepted decisions without an order", stored.get("accepted decisions without an order"), 0);
        expectEqual(failures, "orders from messages", stored.get("orders"), stored.get("accepted decisions"));
        expectEqual(failures, "fills not booked", stored.get("fills not booked"), 0);
        expectEqual(failures, "booked fills without a fill", stored.get("booked fills without a fill"), 0);
        expectEqual(failures, "booked fills", stored.get("booked fills"), stored.get("fills"));
        expectEqual(failures, "decisions seen on trading.decisions", observedDecisions, stored.get("decisions"));
        expectEqual(failures, "fills seen on trading.fills", observedFills, stored.get("fills"));
        if (!drained) {
            failures.add("the portfolio's snapshot of the last slice never arrived: the pipeline did not drain");
        }
        expectEqual(failures, "messages in dead.letters", deadLetters, 0);
        expectEqual(failures, "ERROR lines in the service logs", errorLogLines, 0);
        if (!deadServices.isEmpty()) {
            failures.add("services that exited during the run: " + String.join(", ", deadServices));
        }
        return failures;
    }

    private static void expectEqual(List<String> failures, String what, Long actual, long expected) {
        if (actual == null || actual != expected) {
            failures.add(what + ": " + actual + ", expected " + expected);
        }
    }
}
