package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The O(1) headroom equals the allocator's walk area by area (the former implementation, kept
 * here as the model) from any next_free and fill, and answers at once for 2^35 areas.
 */
class HeadroomClosedFormTest {
    @Test
    void equalsTheAreaByAreaWalk() {
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 200_000; trial++) {
            AreaLayout layout = new AreaLayout(1L << random.nextInt(0, 4));
            long perArea = layout.exceptionsPerArea();
            long deviceChunks = random.nextLong(0, 8 * (perArea + 1));
            long currentArea = random.nextLong(0, 8);
            long committed = random.nextLong(0, perArea + 1);
            // next_free is always past skip_metadata; out of kernel order it may lie anywhere
            long nextFree = layout.skipMetadata(random.nextInt(4) == 0 ? random.nextLong(0, 10 * (perArea + 1))
                    : layout.sequentialChunk(currentArea * perArea + committed));
            assertThat(Headroom.chunksThatFit(layout, deviceChunks, nextFree, currentArea, committed))
                    .as("E %d, %d chunks, next_free %d, area %d, committed %d", perArea, deviceChunks, nextFree, currentArea, committed)
                    .isEqualTo(walk(layout, deviceChunks, nextFree, currentArea, committed));
        }
    }

    @Test
    @Timeout(2)
    void aSixteenTebibyteStoreOf512ByteChunksAnswersAtOnce() {
        AreaLayout layout = new AreaLayout(1);
        long deviceChunks = (16L << 40) / 512;
        long full = layout.nextFreeAfter(layout.exceptionsPerArea());
        assertThat(Headroom.chunksThatFit(layout, deviceChunks, full, 1, 0)).isPositive();
        assertThat(Headroom.chunksThatFit(layout, deviceChunks, -5, 1, 0)).isZero(); // unsigned: past every device
    }

    /** The allocator walked area by area, as the engine did before: the model. */
    private static long walk(AreaLayout layout, long deviceChunks, long nextFree, long currentArea, long currentCommitted) {
        long perArea = layout.exceptionsPerArea();
        long fitted = 0;
        long free = nextFree;
        long area = currentArea;
        long committed = currentCommitted;
        while (true) {
            long available = Headroom.dataChunksBetween(layout, free, deviceChunks);
            long slots = perArea - committed;
            if (available < slots) {
                return fitted + available;
            }
            fitted += slots;
            for (long left = slots; left > 0; ) {
                long nextMetadata = layout.areaLocation(layout.areaOfChunk(free) + 1);
                long run = Math.min(left, nextMetadata - free);
                free = layout.skipMetadata(free + run);
                left -= run;
            }
            if (layout.areaLocation(area + 1) >= deviceChunks) {
                return fitted - 1;
            }
            area++;
            committed = 0;
        }
    }
}
