package dev.cowscope.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.Progress;
import dev.cowscope.format.StatusLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live loop, fed a kernel fill trace as if it were polling the kernel (the clock is the trace's):
 * it stops at the first lost sample, and its recording reads back as the same log.
 */
class FillWatchTest {
    /** Plays a recorded log: each poll returns the next line and moves the clock to its time. */
    static final class Replay implements StatusSource, FillWatch.Clock {
        private final List<String> lines;
        private int next;
        private long now;
        final List<Long> sleeps = new ArrayList<>();

        Replay(Path log) throws IOException {
            lines = Files.readAllLines(log);
            now = stamp(0);
        }

        private long stamp(int i) {
            return LogTime.parse(lines.get(i).split(" ", 2)[0]).micros();
        }

        @Override
        public StatusLine poll() throws IOException {
            if (next >= lines.size()) {
                throw new IOException("trace ended");
            }
            now = stamp(next);
            return StatusLog.statusOf(lines.get(next++).split(" ", 2)[1]);
        }

        @Override
        public long nowMicros() {
            return now;
        }

        @Override
        public void sleep(long micros) {
            sleeps.add(micros);
        }
    }

    @Test
    void stopsAtTheFirstLostSampleAndRecordsWhatFillLogReads(@TempDir Path dir) throws IOException {
        Path trace = FillTraceTest.TRACES.resolve("h2-steady-PO/fill-status.log");
        Replay replay = new Replay(trace);
        FillTracker tracker = new FillTracker(8, FillThresholds.DMEVENTD);
        Path recorded = dir.resolve("rec.log");
        List<FillPoint> points = new ArrayList<>();
        FillWatch.End end;
        try (StatusRecord rec = StatusRecord.open(recorded)) {
            end = new FillWatch(replay, tracker, replay).run(100_000, 0, (line, p) -> {
                rec.append(p.micros(), line);
                points.add(p);
                return true;
            });
        }
        assertThat(end).isEqualTo(FillWatch.End.LOST);
        FillReport fromLog = FillReport.of(StatusLog.read(trace, null, Progress.NONE), 0, FillThresholds.DMEVENTD);
        assertThat(tracker.becameOverflowAt()).isEqualTo(fromLog.summary().becameOverflowAt());
        assertThat(points.get(points.size() - 1).micros()).isEqualTo(tracker.becameOverflowAt());
        assertThat(replay.sleeps).allMatch(us -> us > 0 && us <= 100_000);

        FillReport fromRecord = FillReport.of(StatusLog.read(recorded, null, Progress.NONE), 0, FillThresholds.DMEVENTD);
        assertThat(fromRecord.log().series().size()).isEqualTo(points.size());
        assertThat(fromRecord.log().ignoredTotal()).isZero();
        assertThat(fromRecord.summary().becameOverflowAt()).isEqualTo(tracker.becameOverflowAt());
        for (int i = 0; i < fromLog.thresholds().count(); i++) {
            assertThat(fromRecord.summary().thresholdAt(i)).isEqualTo(fromLog.summary().thresholdAt(i));
        }
    }

    @Test
    void countStopsTheWatchAndARecordingNeverGoesToADeviceNode(@TempDir Path dir) throws IOException {
        Replay replay = new Replay(FillTraceTest.TRACES.resolve("h7-partial-chunk16/fill-status.log"));
        FillWatch.End end = new FillWatch(replay, new FillTracker(16, FillThresholds.DMEVENTD), replay)
                .run(100_000, 25, (line, p) -> true);
        assertThat(end).isEqualTo(FillWatch.End.COUNT);
        assertThat(replay.next).isEqualTo(25);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StatusRecord.open(Path.of("/dev/null")))
                .hasMessageContaining("not a regular file");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StatusRecord.open(dir))
                .hasMessageContaining("not a regular file");
    }

    @Test
    void intervalsReadLikeWatchN() {
        assertThat(LogTime.parseInterval("1s")).isEqualTo(1_000_000);
        assertThat(LogTime.parseInterval("2")).isEqualTo(2_000_000);
        assertThat(LogTime.parseInterval("500ms")).isEqualTo(500_000);
        assertThat(LogTime.parseInterval("0.25s")).isEqualTo(250_000);
        assertThat(LogTime.parseInterval("2m")).isEqualTo(120_000_000);
        for (String bad : new String[] {"5ms", "2h1", "61m", "", "-1", "1e3", "s"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogTime.parseInterval(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
