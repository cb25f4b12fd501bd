package dev.papertrader.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Times the pipeline from the outside: it sees, on its own non-competing subscriptions, every bar, fill, order status,
 * portfolio snapshot and decision the services publish, with the monotonic arrival time of each, and correlates them
 * by slice (the bars' open time, which is every message's event time) and by order id.
 *
 * <p>Latencies, all measured between arrivals at this observer (so each includes one broker delivery, as the services
 * see it), for slices at or after {@code measureFrom}:
 * <ul>
 *   <li><b>bar → portfolio update</b>: first bar of slice t → the snapshot with {@code asOf = t} (end to end);</li>
 *   <li><b>bar → fills done</b>: first bar of t → the order service's {@code slice-end(t)} on {@code trading.fills};</li>
 *   <li><b>fills done → portfolio update</b>: that {@code slice-end(t)} → snapshot t;</li>
 *   <li><b>bar → decision</b>: first bar of t → each decision decided at t (monitor's strategy and signal, router);</li>
 *   <li><b>order → fill</b>: the accepted decision carrying an order id → each fill of that order (includes waiting
 *       for the next slice's bar, as orders fill from the next bar on);</li>
 *   <li><b>bar → fill</b>: first bar of the fill's slice → the fill (the exchange's hop);</li>
 *   <li><b>fill → booked</b>: a fill → the snapshot of its slice, which is published after the fill is booked.</li>
 * </ul>
 * Every method is synchronized: messages may come from several receivers' threads.
 */
final class PipelineObserver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Instant measureFrom;
    private final Map<Instant, Long> firstBarNanos = new HashMap<>();
    private final Map<Instant, Long> fillsDoneNanos = new HashMap<>();
    private final Map<Instant, Long> snapshotNanos = new HashMap<>();
    private final Map<Instant, List<Long>> unbookedFillNanos = new HashMap<>();
    private final Map<String, Long> orderDecisionNanos = new HashMap<>();
    private final Set<String> fillIds = new HashSet<>();
    private final Set<String> decisionIds = new HashSet<>();
    private final Map<String, Histogram> histograms = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private byte[] sampleFillBody;
    private long firstOrderNanos = -1;
    private long lastOrderNanos = -1;
    private long firstFillNanos = -1;
    private long lastFillNanos = -1;

    static final String BAR_TO_PORTFOLIO = "bar -> portfolio update";
    static final String BAR_TO_FILLS_DONE = "bar -> fills done (orders)";
    static final String FILLS_DONE_TO_PORTFOLIO = "fills done -> portfolio update";
    static final String BAR_TO_DECISION = "bar -> signal -> decision";
    static final String ORDER_TO_FILL = "order -> fill (waits for next bar)";
    static final String BAR_TO_FILL = "bar -> fill";
    static final String FILL_TO_BOOKED = "fill -> booked (snapshot)";

    /** @param measureFrom slices before this open time are warm-up: counted, not timed */
    PipelineObserver(Instant measureFrom) {
        this.measureFrom = measureFrom;
        for (String name : List.of(BAR_TO_PORTFOLIO, BAR_TO_FILLS_DONE, FILLS_DONE_TO_PORTFOLIO, BAR_TO_DECISION,
                ORDER_TO_FILL, BAR_TO_FILL, FILL_TO_BOOKED)) {
            histograms.put(name, LatencySummary.newMicrosHistogram());
        }
    }

    /** One message from {@code address} of kind {@code type} (the AMQP property), arrived at {@code nanos}. */
    synchronized void onMessage(String address, String type, byte[] body, long nanos) {
        count(address + " " + type);
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            problems.add("unreadable " + type + " on " + address + ": " + e.getMessage());
            return;
        }
        switch (address + " " + type) {
            case "market.bars bar" -> firstBarNanos.putIfAbsent(instant(json, "openTime"), nanos);
            case "trading.fills slice-end" -> onFillsDone(instant(json, "time"), nanos);
            case "trading.fills fill" -> {
                if (sampleFillBody == null) {
                    sampleFillBody = body.clone();
                }
                onFill(json, nanos);
            }
            case "portfolio.updates snapshot" -> onSnapshot(instant(json, "asOf"), nanos);
            case "trading.decisions decision" -> onDecision(json, nanos);
            default -> { } // slice-end on market.bars, order-status: counted only
        }
    }

    private void onFillsDone(Instant slice, long nanos) {
        fillsDoneNanos.putIfAbsent(slice, nanos);
        Long bar = firstBarNanos.get(slice);
        if (bar != null && timed(slice)) {
            record(BAR_TO_FILLS_DONE, nanos - bar);
        }
    }

    private void onFill(JsonNode fill, long nanos) {
        if (!fillIds.add(fill.path("id").asText())) {
            count("duplicate fill deliveries");
            return;
        }
        if (firstFillNanos < 0) {
            firstFillNanos = nanos;
        }
        lastFillNanos = nanos;
        Instant slice = instant(fill, "filledAt");
        if (!timed(slice)) {
            return;
        }
        Long decision = orderDecisionNanos.get(fill.path("orderId").asText());
        if (decision != null) {
            record(ORDER_TO_FILL, nanos - decision);
        }
        Long bar = firstBarNanos.get(slice);
        if (bar != null) {
            record(BAR_TO_FILL, nanos - bar);
        }
        Long snapshot = snapshotNanos.get(slice);
        if (snapshot != null) {
            problems.add("fill " + fill.path("id").asText() + " arrived after the snapshot of its slice " + slice);
        } else {
            unbookedFillNanos.computeIfAbsent(slice, key -> new ArrayList<>()).add(nanos);
        }
    }

    private void onSnapshot(Instant asOf, long nanos) {
        if (snapshotNanos.putIfAbsent(asOf, nanos) != null) {
            count("repeated snapshots of a slice");
            return;
        }
        List<Long> fills = unbookedFillNanos.remove(asOf);
        if (!timed(asOf)) {
            return;
        }
        if (fills != null) {
            fills.forEach(fill -> record(FILL_TO_BOOKED, nanos - fill));
        }
        Long bar = firstBarNanos.get(asOf);
        if (bar != null) {
            record(BAR_TO_PORTFOLIO, nanos - bar);
        }
        Long fillsDone = fillsDoneNanos.get(asOf);
        if (fillsDone != null) {
            record(FILLS_DONE_TO_PORTFOLIO, nanos - fillsDone);
        }
    }

    private void onDecision(JsonNode decision, long nanos) {
        if (!decisionIds.add(decision.path("id").asText())) {
            count("duplicate decision deliveries");
            return;
        }
        if (decision.path("accepted").asBoolean() && decision.hasNonNull("orderId")) {
            count("accepted decisions");
            orderDecisionNanos.put(decision.path("orderId").asText(), nanos);
            if (firstOrderNanos < 0) {
                firstOrderNanos = nanos;
            }
            lastOrderNanos = nanos;
        }
        Instant slice = instant(decision, "decidedAt");
        Long bar = firstBarNanos.get(slice);
        if (bar != null && timed(slice)) {
            record(BAR_TO_DECISION, nanos - bar);
        }
    }

    private boolean timed(Instant slice) {
        return !slice.isBefore(measureFrom);
    }

    private void record(String histogram, long nanos) {
        histograms.get(histogram).recordValue(Math.max(0, nanos / 1000));
    }

    private void count(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    private static Instant instant(JsonNode json, String field) {
        return Instant.parse(json.path(field).asText());
    }

    /** The body of the first fill seen, the message size the broker limits are measured with; null before one. */
    synchronized byte[] sampleFillBody() {
        return sampleFillBody;
    }

    /** Whether the snapshot as of {@code slice} has arrived. */
    synchronized boolean hasSnapshot(Instant slice) {
        return snapshotNanos.containsKey(slice);
    }

    /** Latency percentiles by hop, in the order of the class comment. */
    synchronized Map<String, LatencySummary> latencies() {
        Map<String, LatencySummary> summaries = new LinkedHashMap<>();
        histograms.forEach((name, histogram) -> summaries.put(name, LatencySummary.ofMicros(histogram)));
        return summaries;
    }

    /** Messages seen by {@code "<address> <type>"}, and the duplicate and accepted-decision counters. */
    synchronized Map<String, Long> counts() {
        return new LinkedHashMap<>(counts);
    }

    synchronized long count(String address, String type) {
        return counts.getOrDefault(address + " " + type, 0L);
    }

    /** Distinct fills seen. */
    synchronized long distinctFills() {
        return fillIds.size();
    }

    /** Distinct decisions seen. */
    synchronized long distinctDecisions() {
        return decisionIds.size();
    }

    /** Accepted decisions (orders) per second between the first and the last one; 0 with fewer than two. */
    synchronized double ordersPerSecond() {
        return rate(counts.getOrDefault("accepted decisions", 0L), firstOrderNanos, lastOrderNanos);
    }

    /** Fills per second between the first and the last one. */
    synchronized double fillsPerSecond() {
        return rate(fillIds.size(), firstFillNanos, lastFillNanos);
    }

    private static double rate(long events, long first, long last) {
        return events < 2 || last <= first ? 0 : (events - 1) / ((last - first) / 1e9);
    }

    /** Ordering or parsing problems seen (a fill after its slice's snapshot would break the watermark protocol). */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
