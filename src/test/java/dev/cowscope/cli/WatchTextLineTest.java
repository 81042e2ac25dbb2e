package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.monitor.FillPoint;
import dev.cowscope.monitor.FillThresholds;
import dev.cowscope.monitor.FillTracker;
import org.junit.jupiter.api.Test;

/** watch's text line: what a person reads every interval. */
class WatchTextLineTest {
    @Test
    void subSecondIntervalsShowMillisecondsAndTheLineSaysFillRateRoomAndLoss() {
        FillTracker t = new FillTracker(8, FillThresholds.DMEVENTD);
        long at = 1_796_523_609_000_000L;
        FillPoint p = null;
        for (int i = 0; i < 40; i++) {
            p = t.add(at += 200_000, SnapshotStatus.active(16 + 8L * i, 2048, 16), false);
        }
        String fine = WatchCommand.textLine(p, true);
        assertThat(fine).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  328/2048 16  16\\.02 % full  .*/s  room for 215 chunks  lost in .*");
        assertThat(WatchCommand.textLine(p, false)).matches("\\d\\d:\\d\\d:\\d\\d  328/2048 16 .*");
        FillPoint lost = t.add(at + 200_000, SnapshotStatus.of(SnapshotStatus.State.INVALID, 0), false);
        assertThat(WatchCommand.textLine(lost, false)).endsWith("  Invalid");
    }
}
