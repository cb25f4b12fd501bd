package dev.papertrader.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The harness's final table: one row per run, then the totals, then the faults injected per kind. */
final class ResultTable {

    private ResultTable() {
    }

    static String render(List<TrialResult> results) {
        StringBuilder table = new StringBuilder();
        table.append("| run | seed | faults | poison sent | dead-lettered | poison not dead-lettered | lost fills"
                + " | duplicate fills | state differences | time (s) |\n");
        table.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        Map<String, Integer> faultsByKind = new LinkedHashMap<>();
        int faults = 0;
        int poison = 0;
        int deadLettered = 0;
        int notDeadLettered = 0;
        int lost = 0;
        int duplicates = 0;
        int differences = 0;
        int failed = 0;
        for (TrialResult result : results) {
            int runFaults = result.faults().values().stream().mapToInt(Integer::intValue).sum();
            result.faults().forEach((kind, count) -> faultsByKind.merge(kind, count, Integer::sum));
            table.append(String.format("| %s | %s | %d | %d | %d | %d | %d | %d | %s | %.0f |%n", result.name(),
                    result.seed() == 0 ? "-" : Long.toString(result.seed()), runFaults, result.poisonSent(),
                    result.deadLettered(), result.poisonNotDeadLettered(), result.lostFills(), result.duplicateFills(),
                    result.failure() == null ? Integer.toString(result.stateDifferences()) : "did not finish",
                    result.took().toMillis() / 1000.0));
            faults += runFaults;
            poison += result.poisonSent();
            deadLettered += result.deadLettered();
            notDeadLettered += result.poisonNotDeadLettered();
            lost += result.lostFills();
            duplicates += result.duplicateFills();
            differences += result.stateDifferences();
            failed += result.failure() == null ? 0 : 1;
        }
        table.append(String.format("| **total: %d trials** | | %d | %d | %d | %d | **%d** | **%d** | **%d**%s | |%n",
                results.size() - 1, faults, poison, deadLettered, notDeadLettered, lost, duplicates, differences,
                failed == 0 ? "" : " (" + failed + " did not finish)"));
        table.append("\n| fault | injected |\n|---|--:|\n");
        faultsByKind.forEach((kind, count) -> table.append("| ").append(kind).append(" | ").append(count).append(" |\n"));
        return table.toString();
    }
}
