package dev.papertrader.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One run's outcome.
 *
 * @param faults             faults injected, by kind
 * @param poisonSent         poison messages sent (invalid ones and replays)
 * @param deadLettered       rows in the services' dead_letters tables at the end
 * @param poisonNotDeadLettered (invalid poison message, consuming service) pairs with no dead letter, plus
 *                              unknown-symbol orders not stored REJECTED (or filled)
 * @param lostFills          backtest fills missing from the exchange's fills or the portfolio's booked fills
 * @param duplicateFills     fills made or booked more than once
 * @param vsNoFault          how the state differs from the no-fault run's, per table
 * @param vsBacktest         how it differs from the in-process backtest's
 * @param failure            why the run could not finish, or null
 */
record TrialResult(String name, long seed, Map<String, Integer> faults, int poisonSent, int deadLettered,
                   int poisonNotDeadLettered, int lostFills, int duplicateFills, List<String> vsNoFault,
                   List<String> vsBacktest, int fills, Duration took, FinalState state, String failure) {

    static TrialResult failed(String name, long seed, Map<String, Integer> faults, String failure, Duration took) {
        return new TrialResult(name, seed, faults, 0, 0, 0, 0, 0, List.of(), List.of(), 0, took, null, failure);
    }

    /** The number of tables that differ from the no-fault run or the backtest. */
    int stateDifferences() {
        return vsNoFault.size() + vsBacktest.size();
    }

    boolean clean() {
        return failure == null && lostFills == 0 && duplicateFills == 0 && stateDifferences() == 0
                && poisonNotDeadLettered == 0;
    }

    String summary() {
        StringBuilder text = new StringBuilder(String.format("  %s: %d fills, %d dead letters, %d lost, %d duplicate,"
                        + " %d poison not dead-lettered, %.0f s", name, fills, deadLettered, lostFills, duplicateFills,
                poisonNotDeadLettered, took.toMillis() / 1000.0));
        vsNoFault.forEach(difference -> text.append("\n    vs no-fault run: ").append(difference));
        vsBacktest.forEach(difference -> text.append("\n    vs backtest: ").append(difference));
        return text.toString();
    }
}
