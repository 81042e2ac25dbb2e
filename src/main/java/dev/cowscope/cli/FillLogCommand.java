package dev.cowscope.cli;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.Finding;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Units;
import dev.cowscope.monitor.FillPoint;
import dev.cowscope.monitor.FillReport;
import dev.cowscope.monitor.FillThresholds;
import dev.cowscope.monitor.FillTracker;
import dev.cowscope.monitor.FillWording;
import dev.cowscope.monitor.LogTime;
import dev.cowscope.monitor.StatusLog;
import dev.cowscope.report.FillLogJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cowscope fill-log}: what a recorded {@code dmsetup status} log says about a snapshot's fill. */
@Command(name = "fill-log", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Read a recorded status log - lines of '<time> <status>', the time in seconds (uptime, epoch) "
                + "or ISO-8601, the status as 'dmsetup status [NAME]' prints it - and report the fill: thresholds crossed, "
                + "when the snapshot became Invalid or overflowed, and at every sample the fill rate and the predicted "
                + "moment it is lost (by the kernel's allocation rule, not a straight line to 100 %%).",
            "Other lines are counted and reported, never fatal. 'cowscope watch --record FILE' writes this format."})
final class FillLogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The status log; - reads standard input.")
    Path file;

    @Option(names = "--json", description = "Print the report as JSON, with one prediction per working sample.")
    boolean json;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The snapshot to follow when the log holds several (lines 'NAME: 0 … snapshot …').")
    String name;

    @Option(names = "--chunk-size", paramLabel = "SIZE",
            description = "The snapshot table's chunk size (8s, 4K); by default inferred from the numbers.")
    String chunkSize;

    @Mixin
    ThresholdsOption thresholds = new ThresholdsOption();

    @Mixin
    FailOn failOn = new FailOn();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        failOn.threshold(spec.commandLine());
        long cs = TableChunkOption.sectors(spec.commandLine(), chunkSize, false);
        if (cs > 0 && AreaLayout.refusal(cs) != null) {
            throw new UsageException(spec.commandLine(), "--chunk-size: " + AreaLayout.refusal(cs));
        }
        FillThresholds levels = thresholds.levels(spec.commandLine());
        Progress progress = TerminalProgress.on(spec.commandLine().getErr());
        StatusLog log;
        try {
            log = file.toString().equals("-") ? StatusLog.read(System.in, -1, name, progress)
                    : StatusLog.read(file, name, progress);
        } finally {
            TerminalProgress.finish(progress);
        }
        FillReport report = FillReport.of(log, cs, levels);
        if (json) {
            FillLogJson.write(file.toString(), report, out);
        } else {
            printText(report, out);
        }
        return failOn.exitCode(report.findings(), spec.commandLine());
    }

    private void printText(FillReport r, PrintWriter out) {
        StatusLog log = r.log();
        FillTracker t = r.summary();
        String who = log.series().name().isEmpty() ? "one snapshot" : "snapshot '" + log.series().name() + "'";
        out.printf(Locale.ROOT, "%s: %s, %d samples%s%n", file, who, log.series().size(),
                log.series().size() == 0 ? "" : String.format(Locale.ROOT, " from %s to %s (%s)", LogTime.text(t.firstMicros()),
                        LogTime.text(t.lastMicros()), log.base() == LogTime.Base.SECONDS ? "seconds" : "ISO-8601, shown as epoch seconds"));
        if (log.series().size() == 0) {
            out.println("No snapshot status lines: nothing to tell.");
            printFindings(r, out);
            return;
        }
        out.printf(Locale.ROOT, "Chunk size      %s%n", switch (r.chunkSize().source()) {
            case GIVEN -> r.chunkSize().sectors() + " sectors (given)";
            case INFERRED -> r.chunkSize().sectors() + " sectors (inferred from the numbers)";
            case INFERRED_AMBIGUOUS -> r.chunkSize().sectors() + " sectors (inferred, but others fit too: give --chunk-size)";
            case UNKNOWN -> "unknown (no working sample): no room or prediction";
        });
        List<String> crossed = new ArrayList<>();
        for (int i = 0; i < r.thresholds().count(); i++) {
            long at = t.thresholdAt(i);
            crossed.add(r.thresholds().percent(i) + " % " + (at == FillPoint.NEVER ? "never" : "at " + LogTime.text(at)));
        }
        out.printf(Locale.ROOT, "Thresholds      %s%n", String.join(" · ", crossed));
        lossLine(out, "Became Invalid", t.becameInvalidAt());
        lossLine(out, "Overflowed", t.becameOverflowAt());
        lossLine(out, "Merge failed", t.mergeFailedAt());
        long lostAt = Math.max(t.becameInvalidAt(), t.becameOverflowAt());
        out.println("Predictions     (when the first new chunk that does not fit will be written)");
        int[] next = {0};
        r.forEachPoint(p -> {
            if (!p.status().isActive() || p.merging()) {
                return;
            }
            while (next[0] < r.thresholds().count() && t.thresholdAt(next[0]) == p.micros()) {
                out.printf(Locale.ROOT, "  at %3d %%      %s%n", r.thresholds().percent(next[0]), prediction(p, lostAt));
                next[0]++;
            }
        });
        if (r.last() != null) {
            out.printf(Locale.ROOT, "  last sample   %s%s%n", r.last().status().params(),
                    r.last().status().isActive() ? "  " + prediction(r.last(), lostAt) : "");
        }
        if (log.ignoredTotal() > 0) {
            out.printf(Locale.ROOT, "Ignored lines   %s of %s%n", Units.grouped(log.ignoredTotal()), Units.grouped(log.lines()));
        }
        printFindings(r, out);
    }

    private static String prediction(FillPoint p, long lostAt) {
        String actual = lostAt == FillPoint.NEVER || lostAt < p.micros() ? ""
                : String.format(Locale.ROOT, "; it was lost %.1f s later", (lostAt - p.micros()) / 1e6);
        return FillWording.line(p, LogTime::text, ", ") + actual;
    }

    private static void lossLine(PrintWriter out, String what, long at) {
        if (at != FillPoint.NEVER) {
            out.printf(Locale.ROOT, "%-15s %s%n", what, LogTime.text(at));
        }
    }

    private static void printFindings(FillReport r, PrintWriter out) {
        out.printf(Locale.ROOT, "Findings (%d)%n", r.findings().size());
        for (Finding f : r.findings()) {
            out.printf(Locale.ROOT, "  %-7s %-22s %s%n", f.severity(), f.kind(), f.message());
        }
    }
}
