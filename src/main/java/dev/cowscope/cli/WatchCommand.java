package dev.cowscope.cli;

import dev.cowscope.format.StatusLine;
import dev.cowscope.monitor.FillPoint;
import dev.cowscope.monitor.FillWording;
import dev.cowscope.monitor.FillThresholds;
import dev.cowscope.monitor.FillTracker;
import dev.cowscope.monitor.FillWatch;
import dev.cowscope.monitor.LiveSnapshot;
import dev.cowscope.monitor.LogTime;
import dev.cowscope.monitor.StatusRecord;
import dev.cowscope.report.FillLogJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cowscope watch}: a live snapshot's fill, rate and predicted loss, one line per interval. */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Watch a live snapshot fill: read its status from the kernel (the device-mapper ioctls dmsetup "
                + "uses; needs root) every interval and print the fill, the rate and when the next new chunk that "
                + "does not fit is predicted to be written - the moment the snapshot is lost.",
            "Exits 5 when the snapshot becomes Invalid, overflows or its merge fails; 3 when it cannot be read."})
final class WatchCommand implements Callable<Integer> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    /** Below a second between samples, the line's own time shows milliseconds, or lines look alike. */
    private static final DateTimeFormatter FINE_CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEVICE",
            description = "The snapshot: NAME, /dev/mapper/NAME, or /dev/VG/LV (an LVM origin resolves to its snapshot).")
    String device;

    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "1s",
            description = "Time between samples: 1s (default), 500ms, 2m; a bare number is seconds.")
    String interval;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N samples (default: until lost or interrupted).")
    long count;

    @Option(names = "--json", description = "One JSON object per sample (JSON lines).")
    boolean json;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Also append every sample to FILE as '<epoch seconds> <status line>', the format fill-log reads.")
    Path record;

    @Mixin
    ThresholdsOption thresholds = new ThresholdsOption();

    @Override
    public Integer call() throws IOException {
        CommandLinePlan plan = plan();
        PrintWriter out = spec.commandLine().getOut();
        try (LiveSnapshot snap = LiveSnapshot.attach(device);
             StatusRecord rec = record == null ? null : StatusRecord.open(record)) {
            FillTracker tracker = new FillTracker(snap.chunkSizeSectors(), plan.levels);
            if (!json) {
                out.printf(Locale.ROOT, "Watching %s (%s), every %s; Ctrl-C stops.%n", snap.name(), snap.tableLine(),
                        LogTime.text(plan.intervalMicros) + " s");
            }
            int[] crossed = {0};
            String[] last = {""};
            FillWatch.End end = new FillWatch(snap, tracker, FillWatch.Clock.SYSTEM).run(plan.intervalMicros, count, (line, p) -> {
                last[0] = line.status().params();
                if (rec != null) {
                    rec.append(p.micros(), line);
                }
                if (json) {
                    out.println(jsonLine(line, p));
                } else {
                    out.println(textLine(p, plan.intervalMicros < LogTime.MICROS_PER_SECOND));
                    while (crossed[0] < plan.levels.count() && tracker.thresholdAt(crossed[0]) != FillPoint.NEVER) {
                        out.printf(Locale.ROOT, "  crossed %d %%%n", plan.levels.percent(crossed[0]++));
                    }
                }
                out.flush();
                return !out.checkError();
            });
            if (end == FillWatch.End.LOST) {
                spec.commandLine().getErr().println("cowscope watch: " + snap.name() + " is lost: " + last[0]);
                return ExitCode.LOST;
            }
            return ExitCode.OK;
        }
    }

    private record CommandLinePlan(long intervalMicros, FillThresholds levels) {
    }

    private CommandLinePlan plan() {
        try {
            long micros = LogTime.parseInterval(interval);
            if (count < 0) {
                throw new UsageException(spec.commandLine(), "--count: expected 0 or more, got " + count);
            }
            return new CommandLinePlan(micros, thresholds.levels(spec.commandLine()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.commandLine(), e.getMessage());
        }
    }

    static String textLine(FillPoint p, boolean fine) {
        String at = (fine ? FINE_CLOCK : CLOCK).format(Instant.ofEpochSecond(0, p.micros() * 1000));
        return at + "  " + FillWording.line(p, WatchCommand::clock, "  ");
    }

    private static String clock(long micros) {
        return CLOCK.format(Instant.ofEpochSecond(micros / LogTime.MICROS_PER_SECOND));
    }

    static String jsonLine(StatusLine line, FillPoint p) {
        return FillLogJson.sampleLine(line, p);
    }
}
