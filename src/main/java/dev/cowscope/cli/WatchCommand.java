package dev.cowscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cowscope.format.Rates;
import dev.cowscope.format.StatusLine;
import dev.cowscope.format.Units;
import dev.cowscope.monitor.FillPoint;
import dev.cowscope.monitor.FillThresholds;
import dev.cowscope.monitor.FillTracker;
import dev.cowscope.monitor.FillWatch;
import dev.cowscope.monitor.LiveSnapshot;
import dev.cowscope.monitor.LogTime;
import dev.cowscope.monitor.StatusRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--thresholds", paramLabel = "PERCENTS", defaultValue = "50,80,85,90,95",
            description = "Fill percentages that get a line of their own when crossed (default: dmeventd's).")
    String thresholds;

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
                    out.println(textLine(p));
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
            return new CommandLinePlan(micros, FillThresholds.parse(thresholds));
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.commandLine(), e.getMessage());
        }
    }

    static String textLine(FillPoint p) {
        String clock = CLOCK.format(Instant.ofEpochSecond(p.micros() / LogTime.MICROS_PER_SECOND));
        if (!p.status().isActive()) {
            return clock + "  " + p.status().params();
        }
        String rate = Double.isNaN(p.sectorsPerSecond()) ? "rate: measuring"
                : String.format(Locale.ROOT, "%s/s", Units.human(Math.round(p.sectorsPerSecond() * Units.SECTOR_BYTES)));
        String room = p.room() == null || !p.room().consistent() ? ""
                : "  room " + Units.grouped(p.room().remainingChunks()) + " chunks";
        String loss = p.merging() ? "  merging"
                : p.predictsLoss() ? String.format(Locale.ROOT, "  lost in %s (at %s)", Rates.seconds(p.secondsLeft()),
                        CLOCK.format(Instant.ofEpochSecond(p.fullAtMicros() / LogTime.MICROS_PER_SECOND)))
                : "  no loss in sight";
        return String.format(Locale.ROOT, "%s  %-20s %6.2f %%  %s%s%s", clock, p.status().params(), p.status().percentFull(),
                rate, room, loss);
    }

    /**
     * jackson-core's factory alone: a JSON line needs no data binding. Building the ObjectMapper on the first
     * sample loaded some 560 jackson-databind classes and held the second sample back by 5-14 s in the
     * oracle VM (TCG), where watch met the real kernel; the lines it writes are the same.
     */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();
    }

    static String jsonLine(StatusLine line, FillPoint p) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("at", LogTime.seconds(p.micros() / 1000 * 1000));
            g.writeStringField("name", line.name());
            g.writeStringField("status", line.status().params());
            g.writeStringField("target", line.target());
            if (line.status().isActive()) {
                g.writeNumberField("percentFull", line.status().percentFull());
            }
            if (Double.isNaN(p.sectorsPerSecond())) {
                g.writeNullField("sectorsPerSecond");
            } else {
                g.writeNumberField("sectorsPerSecond", Math.round(p.sectorsPerSecond() * 100) / 100.0);
            }
            if (p.predictsLoss()) {
                g.writeNumberField("fullAt", LogTime.seconds(p.fullAtMicros() / 1000 * 1000));
            } else {
                g.writeNullField("fullAt");
            }
            if (p.room() != null && p.room().consistent()) {
                g.writeNumberField("remainingChunks", p.room().remainingChunks());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string", e);
        }
        return w.toString();
    }
}
