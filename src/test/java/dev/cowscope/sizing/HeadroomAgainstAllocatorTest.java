package dev.cowscope.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.Headroom;
import dev.cowscope.testkit.CowImageBuilder;
import org.junit.jupiter.api.Test;

/**
 * The engine's headroom (further chunks before overflow or invalidation) equals what the step-by-step
 * allocator model actually manages, from every fill level of many device sizes.
 */
class HeadroomAgainstAllocatorTest {
    @Test
    void headroomEqualsTheAllocatorsRemainingSuccesses() {
        for (long cs : new long[] {1, 2, 8}) {
            AreaLayout layout = new AreaLayout(cs);
            long perArea = layout.exceptionsPerArea();
            for (long deviceChunks = 2; deviceChunks <= 3 * (perArea + 1) + 5; deviceChunks++) {
                long sectors = deviceChunks * cs + (deviceChunks % 3 == 0 ? cs / 2 : 0);
                KernelAllocatorModel total = new KernelAllocatorModel(cs, sectors);
                long capacity = 0;
                while (total.allocate() == KernelAllocatorModel.Outcome.ALLOCATED) {
                    capacity++;
                }
                for (long n = 0; n <= capacity; n++) {
                    long nextFree = layout.nextFreeAfter(n);
                    long headroom = Headroom.chunksThatFit(layout, sectors / cs, nextFree, n / perArea, n % perArea);
                    assertThat(headroom).as("cs %d, %d chunks, after %d", cs, deviceChunks, n).isEqualTo(capacity - n);
                }
            }
        }
    }

    @Test
    void aParsedImageReportsTheSameHeadroom() throws Exception {
        var image = CowImageBuilder.cow().deviceBytes(300 * 4096L).exceptions(0, 200).read();
        KernelAllocatorModel model = new KernelAllocatorModel(8, 300 * 8);
        long capacity = 0;
        while (model.allocate() == KernelAllocatorModel.Outcome.ALLOCATED) {
            capacity++;
        }
        assertThat(image.headroomChunks()).isEqualTo(capacity - 200);
    }
}
