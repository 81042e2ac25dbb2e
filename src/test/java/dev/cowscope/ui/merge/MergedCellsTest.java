package dev.cowscope.ui.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeSimulator;
import dev.cowscope.testkit.Fixtures;
import dev.cowscope.ui.map.ChunkRaster;
import dev.cowscope.ui.map.CowChunkMap;
import dev.cowscope.ui.map.CowChunkRole;
import dev.cowscope.ui.map.MapViewport;
import org.junit.jupiter.api.Test;

class MergedCellsTest {

    @Test
    void mergedStepsTurnTheirDataChunksMergedAndCountsAgreeWithRoleAt() throws Exception {
        CowImage image = CowReader.read(Fixtures.scenario("f1-merge").resolve("cow-premerge.img.gz"), ParseOptions.DEFAULT, Progress.NONE);
        CowChunkMap map = CowChunkMap.of(image, Progress.NONE);
        MergePlan plan = MergePlan.of(image);
        MergeSimulator simulator = new MergeSimulator(plan);
        MergedCells start = MergedCells.of(map.cells(), plan);
        for (int k : new int[] {0, 1, 7, plan.stepCount() / 2, plan.stepCount()}) {
            MergedCells cells = start.atStep(k);
            int[] counts = new int[cells.roleCount()];
            cells.countRoles(0, cells.chunkCount(), counts);
            long merged = simulator.afterSteps(k).originChunksMerged();
            assertThat(counts[MergedCells.MERGED]).as("merged after %d steps", k).isEqualTo(merged);
            assertThat(counts[CowChunkRole.DATA.ordinal()] + counts[MergedCells.MERGED]).isEqualTo((int) map.count(CowChunkRole.DATA));
            // per chunk, and over odd ranges, the two ways agree
            for (long from = 0; from < cells.chunkCount(); from += 37) {
                long to = Math.min(cells.chunkCount(), from + 53);
                int[] range = new int[cells.roleCount()];
                int uniform = cells.countRoles(from, to, range);
                int[] slow = new int[cells.roleCount()];
                for (long c = from; c < to; c++) {
                    slow[cells.roleAt(c)]++;
                }
                assertThat(range).isEqualTo(slow);
                int single = -1;
                for (int r = 0; r < slow.length; r++) {
                    single = slow[r] == to - from ? r : single;
                }
                assertThat(uniform).isEqualTo(single);
            }
        }
        int[] argb = ChunkRaster.render(start.atStep(plan.stepCount()), MergedCells.palette(), MapViewport.fit(map.chunkCount(), 64, 64));
        assertThat(argb).contains(MergedCells.MERGED_ARGB).doesNotContain(CowChunkRole.DATA.argb());
    }

    @Test
    void stepsOutOfChunkOrderAreSortedAndEachMergesItsOwnChunks() throws Exception {
        // new chunks 3, 2, 4 in disk order: the plan runs (30→4), (20→2), (10→3), not in descending COW order
        CowImage image = dev.cowscope.testkit.CowImageBuilder.cow().deviceBytes(64 * 4096)
                .exception(10, 3).exception(20, 2).exception(30, 4).read();
        MergePlan plan = MergePlan.of(image);
        assertThat(plan.stepCount()).isEqualTo(3);
        MergedCells cells = MergedCells.of(CowChunkMap.of(image, Progress.NONE).cells(), plan);
        assertThat(cells.stepMerging(4)).isZero();
        assertThat(cells.stepMerging(2)).isEqualTo(1);
        assertThat(cells.stepMerging(3)).isEqualTo(2);
        assertThat(cells.stepMerging(5)).isEqualTo(-1);
        MergedCells one = cells.atStep(1);
        assertThat(one.roleAt(4)).isEqualTo(MergedCells.MERGED);
        assertThat(one.roleAt(2)).isEqualTo(CowChunkRole.DATA.ordinal());
        MergedCells two = cells.atStep(2);
        int[] counts = new int[two.roleCount()];
        assertThat(two.countRoles(2, 5, counts)).isEqualTo(-1);
        assertThat(counts[MergedCells.MERGED]).isEqualTo(2);
        assertThat(counts[CowChunkRole.DATA.ordinal()]).isEqualTo(1);
        counts = new int[two.roleCount()];
        assertThat(cells.atStep(3).countRoles(2, 5, counts)).isEqualTo(MergedCells.MERGED);
    }
}
