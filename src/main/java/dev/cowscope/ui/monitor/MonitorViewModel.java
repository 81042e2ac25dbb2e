package dev.cowscope.ui.monitor;

import dev.cowscope.format.Rates;
import dev.cowscope.format.Units;
import dev.cowscope.monitor.FillPoint;
import dev.cowscope.monitor.FillReport;
import dev.cowscope.monitor.FillThresholds;
import dev.cowscope.monitor.FillTracker;
import dev.cowscope.monitor.FillWatch;
import dev.cowscope.monitor.FillWording;
import dev.cowscope.monitor.LiveSnapshot;
import dev.cowscope.monitor.LogTime;
import dev.cowscope.monitor.StatusLog;
import dev.cowscope.monitor.StatusSource;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Monitor tab's state: a recorded status log read in the background ({@link FillReport}), or a
 * live snapshot polled on a background thread ({@link FillWatch}), each giving the chart's curve, a
 * headline (fill, rate, room, predicted loss), the events (thresholds crossed, the loss) and, live,
 * a notice when a threshold is crossed or the predicted loss comes closer than the margin. Needs no
 * COW image.
 */
public final class MonitorViewModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final long DAY_MICROS = 86_400L * LogTime.MICROS_PER_SECOND;

    /** Something worth a desktop notification. */
    public record Notice(String title, String text, boolean urgent) {
    }

    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Executor fx;
    private final Consumer<String> status;
    private final ReadOnlyObjectWrapper<FillCurve> curve = new ReadOnlyObjectWrapper<>(this, "curve", FillCurve.EMPTY);
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "Nothing open");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper strategyHint = new ReadOnlyStringWrapper(this, "strategyHint", "");
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live", false);
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final StringProperty interval = new SimpleStringProperty(this, "interval", "1s");
    private final StringProperty margin = new SimpleStringProperty(this, "margin", "10m");
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final ObservableList<String> snapshots = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper snapshotsMessage = new ReadOnlyStringWrapper(this, "snapshotsMessage", "");
    private FillThresholds thresholds = FillThresholds.DMEVENTD;
    private LongFunction<String> timeText = MonitorViewModel::seconds;
    private long chunkSizeSectors;
    private long totalSectors;
    private TaskRunner.Cancellable watching = TaskRunner.Cancellable.DONE;

    public MonitorViewModel(TaskRunner tasks, DialogService dialogs, Executor fx, Consumer<String> status) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.fx = fx;
        this.status = status;
    }

    // ---- recorded logs

    /** Reads a status log in the background and shows it. */
    public void openLog(Path file) {
        detach();
        tasks.run(Job.of("Reading " + file.getFileName(), progress -> {
            StatusLog log = StatusLog.read(file, null, progress);
            FillReport report = FillReport.of(log, 0, FillThresholds.DMEVENTD);
            FillCurve.Builder b = new FillCurve.Builder();
            FillPoint[] lastWorking = {null};
            report.forEachPoint(p -> {
                b.add(p);
                if (p.status().isActive()) {
                    lastWorking[0] = p;
                }
            });
            return new Shown(report, b.build(), lastWorking[0]);
        }).onSuccess(s -> showLog(file, s)).onFailure(e -> dialogs.showError("Cannot read the status log", e)));
    }

    /** A log read and replayed once, off the FX thread: the curve and the last working sample. */
    private record Shown(FillReport report, FillCurve curve, FillPoint lastWorking) {
    }

    private void showLog(Path file, Shown s) {
        FillReport r = s.report();
        thresholds = r.thresholds();
        timeText = r.log().base() == LogTime.Base.SECONDS ? MonitorViewModel::seconds : MonitorViewModel::clock;
        chunkSizeSectors = r.chunkSize().sectors();
        FillTracker t = r.summary();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < thresholds.count(); i++) {
            if (t.thresholdAt(i) != FillPoint.NEVER) {
                lines.add(thresholds.percent(i) + " % full at " + timeText.apply(t.thresholdAt(i)));
            }
        }
        lost(lines, "Became Invalid", t.becameInvalidAt());
        lost(lines, "Overflowed", t.becameOverflowAt());
        lost(lines, "Merge failed", t.mergeFailedAt());
        if (r.log().ignoredTotal() > 0) {
            lines.add(Units.grouped(r.log().ignoredTotal()) + " of " + Units.grouped(r.log().lines()) + " lines were not samples");
        }
        events.setAll(lines);
        source.set("Log " + file.getFileName() + ": " + r.log().series().size() + " samples"
                + (r.log().series().name().isEmpty() ? "" : " of '" + r.log().series().name() + "'")
                + ", chunk size " + (chunkSizeSectors == 0 ? "unknown" : chunkSizeSectors + " sectors ("
                + r.chunkSize().source().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")"));
        FillPoint last = s.lastWorking();
        totalSectors = last == null ? 0 : last.status().totalSectors();
        long lostAt = firstLoss(t);
        String lastWords = last == null ? "no working sample in the log" : String.format(Locale.ROOT,
                "last working sample %s (%.2f %%) at %s", last.status().params(), last.status().percentFull(), timeText.apply(last.micros()));
        headline.set(lostAt == FillPoint.NEVER ? (last == null ? "No working sample in the log" : describe(last))
                : r.last().status().params() + " since " + timeText.apply(lostAt) + ": the snapshot is lost  ·  " + lastWords);
        strategyHint.set(lostAt == FillPoint.NEVER ? hint(last) : "");
        curve.set(s.curve());
        status.accept("Read " + file.getFileName());
    }

    private static long firstLoss(FillTracker t) {
        long first = FillPoint.NEVER;
        for (long at : new long[] {t.becameInvalidAt(), t.becameOverflowAt(), t.mergeFailedAt()}) {
            if (at != FillPoint.NEVER && (first == FillPoint.NEVER || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private void lost(List<String> lines, String what, long at) {
        if (at != FillPoint.NEVER) {
            lines.add(what + " at " + timeText.apply(at));
        }
    }

    // ---- live

    /** The snapshots the kernel has, or a sentence saying why they cannot be listed (no root, no dm). */
    public void refreshSnapshots() {
        tasks.run(Job.of("Listing snapshots", progress -> LiveSnapshot.snapshots())
                .onSuccess(list -> {
                    snapshots.setAll(list);
                    snapshotsMessage.set(list.isEmpty() ? "The kernel has no snapshots" : "");
                })
                .onFailure(e -> {
                    snapshots.clear();
                    snapshotsMessage.set(e.getMessage());
                }));
    }

    /** Attaches to a live snapshot (NAME, /dev/mapper/NAME, /dev/VG/LV) and polls it until detached or lost. */
    public void attach(String device) {
        long every;
        try {
            every = LogTime.parseInterval(interval.get());
        } catch (IllegalArgumentException e) {
            dialogs.showError("Cannot watch " + device, e);
            return;
        }
        detach();
        watching = tasks.run(Job.of("Watching " + device, progress -> {
            try (LiveSnapshot snap = LiveSnapshot.attach(device)) {
                return watch(snap, snap.name() + " (" + snap.tableLine() + ")", snap.chunkSizeSectors(), every,
                        FillWatch.Clock.SYSTEM, progress::isCancelled);
            }
        }).onSuccess(end -> stopped(end)).onFailure(e -> {
            live.set(false);
            dialogs.showError("Cannot watch " + device, e);
        }).onCancelled(() -> stopped(FillWatch.End.STOPPED)));
    }

    /**
     * Polls {@code source} on this (background) thread until it is lost or {@code cancelled} says
     * stop, publishing every sample to the FX thread; used by {@link #attach} and by tests that play
     * a recorded kernel trace.
     */
    FillWatch.End watch(StatusSource source, String title, long chunkSize, long everyMicros, FillWatch.Clock clock,
                        BooleanSupplier cancelled) throws IOException {
        fx.execute(() -> startLive(title, chunkSize));
        FillThresholds thresholds = FillThresholds.DMEVENTD;
        FillTracker tracker = new FillTracker(chunkSize, thresholds);
        FillCurve.Builder builder = new FillCurve.Builder();
        int[] crossed = {0};
        boolean[] warned = {false};
        return new FillWatch(source, tracker, clock).run(everyMicros, 0, (line, p) -> {
            builder.add(p);
            FillCurve c = builder.build();
            List<Notice> notices = new ArrayList<>();
            while (crossed[0] < thresholds.count() && tracker.thresholdAt(crossed[0]) != FillPoint.NEVER) {
                int pct = thresholds.percent(crossed[0]++);
                notices.add(new Notice("Snapshot " + pct + " % full", line.name() + " is " + p.status().percentFull()
                        + " % full (" + p.status().params() + ")", pct >= FillThresholds.WARNING_FROM));
            }
            boolean close = p.predictsLoss() && p.fullAtMicros() - p.micros() <= marginMicros();
            if (close && !warned[0]) {
                notices.add(new Notice("Snapshot lost in " + Rates.seconds(p.secondsLeft()),
                        line.name() + " is predicted to run out of room at " + clock(p.fullAtMicros()), true));
            }
            warned[0] = close;
            if (!p.status().isActive()) {
                notices.add(new Notice("Snapshot " + p.status().params(), line.name() + " is lost: " + p.status().params(), true));
            }
            fx.execute(() -> showLive(c, p, notices));
            return !cancelled.getAsBoolean();
        });
    }

    private void startLive(String what, long cs) {
        live.set(true);
        thresholds = FillThresholds.DMEVENTD;
        timeText = MonitorViewModel::clock;
        chunkSizeSectors = cs;
        source.set("Live " + what);
        events.clear();
        curve.set(FillCurve.EMPTY);
    }

    private void showLive(FillCurve c, FillPoint p, List<Notice> notices) {
        curve.set(c);
        totalSectors = p.status().isActive() ? p.status().totalSectors() : totalSectors;
        headline.set(describe(p));
        strategyHint.set(hint(p));
        for (Notice n : notices) {
            events.add(clock(p.micros()) + "  " + n.title());
            notice.set(n);
        }
    }

    private void stopped(FillWatch.End end) {
        live.set(false);
        status.accept(end == FillWatch.End.LOST ? "The watched snapshot is lost" : "Stopped watching");
    }

    /** Stops a live watch (nothing when none runs). */
    public void detach() {
        watching.cancel();
        watching = TaskRunner.Cancellable.DONE;
    }

    private long marginMicros() {
        try {
            return LogTime.parseDuration(margin.get(), LogTime.MICROS_PER_SECOND, 7 * DAY_MICROS, "a margin from 1s to 7 days");
        } catch (IllegalArgumentException e) {
            return 10 * 60 * LogTime.MICROS_PER_SECOND;
        }
    }

    // ---- words

    private String describe(FillPoint p) {
        if (!p.status().isActive()) {
            return p.status().params() + " since " + timeText.apply(p.micros()) + ": the snapshot is lost";
        }
        return FillWording.line(p, timeText, "  ·  ");
    }

    private String hint(FillPoint p) {
        if (p == null || !p.predictsLoss()) {
            return "";
        }
        return "At this rate the snapshot runs out of room at " + timeText.apply(p.fullAtMicros())
                + ". If it holds an update trial that will not fit, compare the Merge tab's strategies: "
                + "update the origin and keep the old data in the snapshot.";
    }

    /** A time in a log's own seconds, as "87.48 s". */
    static String seconds(long micros) {
        return LogTime.text(micros) + " s";
    }

    static String clock(long micros) {
        return CLOCK.format(Instant.ofEpochSecond(micros / LogTime.MICROS_PER_SECOND));
    }

    // ---- properties

    public ReadOnlyObjectProperty<FillCurve> curveProperty() {
        return curve.getReadOnlyProperty();
    }

    public FillThresholds thresholds() {
        return thresholds;
    }

    public LongFunction<String> timeText() {
        return timeText;
    }

    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty strategyHintProperty() {
        return strategyHint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public StringProperty intervalProperty() {
        return interval;
    }

    public StringProperty marginProperty() {
        return margin;
    }

    public ObservableList<String> events() {
        return events;
    }

    public ObservableList<String> snapshots() {
        return snapshots;
    }

    public ReadOnlyStringProperty snapshotsMessageProperty() {
        return snapshotsMessage.getReadOnlyProperty();
    }

    /** The monitored COW's size and chunk size in sectors (0 when unknown), for the Merge tab's strategies. */
    public long totalSectors() {
        return totalSectors;
    }

    public long chunkSizeSectors() {
        return chunkSizeSectors;
    }
}
