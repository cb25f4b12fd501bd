package dev.papertrader.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.papertrader.core.json.JsonCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code backfill}: asks the running monitor to load history and run strategies over it
 * ({@code POST /api/monitor/backfill}), shows its progress on standard error, and prints the report: per strategy,
 * signals, hit rate and mean directional return 1, 5 and 20 bars later (a BUY hits when the close N bars later is
 * higher, a SELL when it is lower). Asking again for the same backfill resumes it.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load historical bars into the running monitor (monitor.bars), run strategies over them and print"
                + " how their signals fared. Needs a trader token (./papertrader token --role trader).")
public class BackfillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--symbol", required = true, description = "e.g. BTCUSDT")
    String symbol;

    @Option(names = "--from", required = true, paramLabel = "DATE|INSTANT", description = "first bar, e.g. 2024-01-01")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE|INSTANT",
            description = "end, exclusive; a date alone includes that whole day")
    String to;

    @Option(names = "--interval", defaultValue = "1h", description = "bar interval (default: ${DEFAULT-VALUE})")
    String interval;

    @Option(names = "--source", defaultValue = "binance", paramLabel = "binance|csv:FILE|bundled:NAME",
            description = "where the bars come from (default: ${DEFAULT-VALUE}); a CSV path is read by the monitor")
    String source;

    @Option(names = "--strategy", paramLabel = "NAME[:key=value,...]",
            description = "repeatable; default: the watchlist's strategies on the symbol, else all")
    List<String> strategies = new ArrayList<>();

    @Option(names = "--monitor-url", defaultValue = "${env:PAPERTRADER_MONITOR_URL:-http://localhost:8081}",
            description = "the monitor (env PAPERTRADER_MONITOR_URL, default ${DEFAULT-VALUE})")
    String monitorUrl;

    @Option(names = "--token", defaultValue = "${env:PAPERTRADER_TOKEN}",
            description = "a trader's bearer token (env PAPERTRADER_TOKEN)")
    String token;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        ObjectNode body = JsonCodec.mapper().createObjectNode().put("symbol", symbol).put("interval", interval)
                .put("from", from).put("to", to).put("source", source.startsWith("csv:")
                        ? "csv:" + Path.of(source.substring(4)).toAbsolutePath() : source);
        ArrayNode list = body.putArray("strategies");
        for (String strategy : strategies) {
            String[] parts = strategy.split(":", 2);
            ObjectNode item = list.addObject().put("name", parts[0]);
            ObjectNode parameters = item.putObject("parameters");
            if (parts.length == 2) {
                for (String pair : parts[1].split(",")) {
                    String[] kv = pair.split("=", 2);
                    if (kv.length != 2) {
                        err.println("backfill: --strategy parameters are key=value, was '" + pair + "'");
                        return 2;
                    }
                    parameters.put(kv[0].strip(), kv[1].strip());
                }
            }
        }
        if (strategies.isEmpty()) {
            body.remove("strategies");
        }
        JsonNode job = send(HttpRequest.newBuilder(uri("/api/monitor/backfill"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (job == null) {
            return 1;
        }
        String id = job.path("id").asText();
        err.println("backfill " + id + ": " + symbol + " " + interval + " from " + source);
        int lastWidth = -1;
        while (!job.path("status").asText().equals("done") && !job.path("status").asText().equals("failed")) {
            lastWidth = progress(err, job, lastWidth);
            Thread.sleep(500); // polling pace of the progress bar, not a synchronisation
            job = send(HttpRequest.newBuilder(uri("/api/monitor/backfill/" + id)).GET());
            if (job == null) {
                return 1;
            }
        }
        progress(err, job, -1);
        err.println();
        if (job.path("status").asText().equals("failed")) {
            err.println("backfill failed: " + job.path("error").asText() + " (run the same command again to resume)");
            return 1;
        }
        System.out.print(table(job.path("report")));
        return 0;
    }

    private int progress(PrintStream err, JsonNode job, int lastWidth) {
        int width = 30;
        double done = job.path("progress").asDouble();
        int filled = (int) Math.round(done * width);
        if (filled == lastWidth) {
            return lastWidth;
        }
        err.printf(Locale.ROOT, "\r[%s%s] %3.0f%%  %,d/%,d bars  %s", "=".repeat(filled), " ".repeat(width - filled),
                done * 100, job.path("barsLoaded").asLong(), job.path("barsExpected").asLong(),
                job.path("status").asText());
        err.flush();
        return filled;
    }

    /** The report as a table: one row per strategy. */
    static String table(JsonNode report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s %s, %s to %s, %,d bars (%s)%n", report.path("symbol").asText(),
                report.path("timeframe").asText(), report.path("from").asText(), report.path("to").asText(),
                report.path("bars").asLong(), report.path("source").asText()));
        out.append(String.format(Locale.ROOT, "%-16s %7s %5s %5s", "strategy", "signals", "buys", "sells"));
        JsonNode first = report.path("strategies").path(0).path("horizons");
        for (JsonNode horizon : first) {
            int n = horizon.path("bars").asInt();
            out.append(String.format(Locale.ROOT, " %9s %10s", "hit@" + n, "mean@" + n));
        }
        out.append(System.lineSeparator());
        for (JsonNode line : report.path("strategies")) {
            out.append(String.format(Locale.ROOT, "%-16s %7d %5d %5d", line.path("strategy").asText(),
                    line.path("signals").asInt(), line.path("buys").asInt(), line.path("sells").asInt()));
            for (JsonNode horizon : line.path("horizons")) {
                out.append(horizon.path("evaluated").asInt() == 0
                        ? String.format(Locale.ROOT, " %9s %10s", "-", "-")
                        : String.format(Locale.ROOT, " %8.1f%% %+9.3f%%", horizon.path("hitRate").asDouble() * 100,
                                horizon.path("meanReturn").asDouble() * 100));
            }
            out.append(System.lineSeparator());
        }
        out.append("hit@N: share of signals right N bars later (BUY: close higher, SELL: lower);"
                + " mean@N: mean directional return, before costs.").append(System.lineSeparator());
        return out.toString();
    }

    private URI uri(String path) {
        return URI.create(monitorUrl.replaceAll("/+$", "") + path);
    }

    /** Sends with the token; the JSON answer, or null after printing the problem. */
    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("backfill: cannot reach the monitor at " + monitorUrl + " (" + e.getMessage()
                    + "); is ./papertrader up running?");
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            System.err.println("backfill: the monitor answered " + response.statusCode() + ": " + response.body()
                    + (response.statusCode() == 401 || response.statusCode() == 403
                            ? " (give a trader token: --token or PAPERTRADER_TOKEN)" : ""));
            return null;
        }
        return JsonCodec.mapper().readTree(response.body());
    }
}
