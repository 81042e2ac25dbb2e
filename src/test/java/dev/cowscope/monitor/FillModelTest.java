package dev.cowscope.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.StatusLine;
import dev.cowscope.sizing.CowSizeCalculator;
import dev.cowscope.sizing.WhenFull;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FillModelTest {
    /** The room agrees with the sizing engine's status after n allocations: the (room+1)-th new chunk is the one that loses it. */
    @Property(tries = 300)
    void roomIsWhatTheAllocatorStillTakes(@ForAll @IntRange(min = 3, max = 7) int shift,
                                          @ForAll @LongRange(min = 2, max = 3000) long cowChunks,
                                          @ForAll @LongRange(min = 0, max = 3000) long allocations) {
        long cs = 1L << shift;
        long cowBytes = cowChunks * cs * 512;
        CowSizeCalculator calc = new CowSizeCalculator(cs);
        SnapshotStatus s = calc.statusAfter(allocations, cowBytes, WhenFull.INVALIDATE);
        if (!s.isActive()) {
            return;
        }
        StoreRoom room = StoreRoom.of(s, cs);
        assertThat(room.consistent()).isTrue();
        assertThat(room.dataChunks()).isEqualTo(allocations);
        assertThat(calc.statusAfter(allocations + room.remainingChunks(), cowBytes, WhenFull.INVALIDATE).isActive()).isTrue();
        assertThat(calc.statusAfter(allocations + room.remainingChunks() + 1, cowBytes, WhenFull.INVALIDATE).isActive()).isFalse();
    }

    @Test
    void fullButStillValidHasNoRoom() {
        // the kernel's own last valid sample in h1-steady-P: 254 exceptions in a 1 MiB COW
        StoreRoom r = StoreRoom.of(SnapshotStatus.active(2048, 2048, 16), 8);
        assertThat(r.dataChunks()).isEqualTo(254);
        assertThat(r.remainingChunks()).isZero();
        assertThat(StoreRoom.of(SnapshotStatus.active(2040, 2048, 16), 8).remainingChunks()).isEqualTo(1);
        assertThat(StoreRoom.of(SnapshotStatus.active(2041, 2048, 16), 8).consistent()).isFalse();
        assertThat(StoreRoom.of(SnapshotStatus.active(424, 4096, 0), 8).remainingChunks()).isEqualTo(459); // transient
    }

    @Test
    void chunkSizeFromTheNumbers() {
        FillSeries fresh = series("16/2048 16", "24/2048 16", "40/2048 16");
        assertThat(ChunkSizeGuess.of(fresh)).isEqualTo(new ChunkSizeGuess(8, false));
        FillSeries chunk16 = series("32/8192 32", "48/8192 32");
        assertThat(ChunkSizeGuess.of(chunk16).chunkSizeSectors()).isEqualTo(16);
        FillSeries lost = series("Invalid");
        assertThat(ChunkSizeGuess.of(lost)).isEqualTo(ChunkSizeGuess.NONE);
        FillSeries nonsense = series("17/2048 16");
        assertThat(ChunkSizeGuess.of(nonsense)).isEqualTo(ChunkSizeGuess.NONE);
    }

    @Test
    void thresholdsAreExactAndParsedStrictly() {
        assertThat(FillThresholds.reached(80, 100, 80)).isTrue();
        assertThat(FillThresholds.reached(79, 100, 80)).isFalse();
        assertThat(FillThresholds.reached(-1L, -1L, 100)).isTrue(); // unsigned 2^64-1 of 2^64-1
        assertThat(FillThresholds.parse("95, 80,80%,50").toString()).isEqualTo("50,80,95");
        assertThatThrownBy(() -> FillThresholds.parse("0")).hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> FillThresholds.parse("80,abc")).hasMessageContaining("'abc'");
        assertThatThrownBy(() -> FillThresholds.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idleSnapshotNeverGetsAPredictionAndANewOneStartsOver() {
        FillTracker t = new FillTracker(8, FillThresholds.DMEVENTD);
        long at = 0;
        for (int i = 0; i < 50; i++) {
            t.add(at += 100_000, SnapshotStatus.active(16 + 8L * i, 4096, 16), false);
        }
        FillPoint growing = t.add(at += 100_000, SnapshotStatus.active(16 + 8L * 50, 4096, 16), false);
        assertThat(growing.predictsLoss()).isTrue();
        assertThat(growing.sectorsPerSecond()).isCloseTo(80, org.assertj.core.data.Offset.offset(1.0));
        FillPoint idle = growing;
        for (int i = 0; i < 400; i++) {
            idle = t.add(at += 100_000, SnapshotStatus.active(16 + 8L * 50, 4096, 16), false);
        }
        assertThat(idle.predictsLoss()).isFalse();
        FillPoint replaced = t.add(at += 100_000, SnapshotStatus.active(16, 4096, 16), false);
        assertThat(t.replacements()).isEqualTo(1);
        assertThat(replaced.predictsLoss()).isFalse();
    }

    private static FillSeries series(String... params) {
        FillSeries s = new FillSeries("");
        long at = 0;
        for (String p : params) {
            s.add(at += 1_000_000, StatusLine.of(0, StatusLine.SNAPSHOT, SnapshotStatus.parseParams(p).orElseThrow()));
        }
        return s;
    }
}
