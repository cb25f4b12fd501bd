package dev.papertrader.monitor.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.monitor.config.MonitorConfig;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Backtest reports for the dashboard: the subdirectories of {@code papertrader.monitor.reports.dir} that hold a
 * {@code report.html} (written by {@code ./papertrader backtest --out DIR}), with their {@code summary.json}.
 */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/reports")
@Tag(name = "reports")
public class ReportResource {

    /** A report's name is its directory's name: no path separators, no leading dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private final java.nio.file.Path directory;

    public ReportResource(MonitorConfig config) {
        this.directory = config.reports().dir();
    }

    /**
     * One report.
     *
     * @param name     its directory's name
     * @param modified when its report.html was last written
     * @param summary  its summary.json (final equity and every statistic), null when absent or unreadable
     */
    @Schema(description = "A backtest report")
    public record ReportEntry(String name, Instant modified, @Schema(implementation = Object.class) JsonNode summary) {
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The backtest reports, newest first")
    public List<ReportEntry> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<ReportEntry> reports = new ArrayList<>();
        try (Stream<java.nio.file.Path> children = Files.list(directory)) {
            for (java.nio.file.Path child : children.toList()) {
                java.nio.file.Path report = child.resolve("report.html");
                String name = child.getFileName().toString();
                if (NAME.matcher(name).matches() && Files.isRegularFile(report)) {
                    reports.add(new ReportEntry(name, Files.getLastModifiedTime(report).toInstant(), summary(child)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the reports in " + directory, e);
        }
        reports.sort(Comparator.comparing(ReportEntry::modified).reversed().thenComparing(ReportEntry::name));
        return reports;
    }

    @GET
    @Blocking
    @Path("/{name}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A report's report.html (self-contained)")
    public String report(@PathParam("name") String name) {
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.badRequest("name", "a report name is a directory name (letters, digits, . _ -)");
        }
        java.nio.file.Path report = directory.resolve(name).resolve("report.html");
        if (!Files.isRegularFile(report)) {
            throw ProblemException.notFound("no report named " + name);
        }
        try {
            return Files.readString(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + report, e);
        }
    }

    private static JsonNode summary(java.nio.file.Path reportDirectory) {
        java.nio.file.Path summary = reportDirectory.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return null;
        }
        try {
            return JsonCodec.mapper().readTree(summary.toFile());
        } catch (IOException e) {
            return null;
        }
    }
}
