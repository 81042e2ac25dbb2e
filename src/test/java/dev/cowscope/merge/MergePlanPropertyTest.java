package dev.cowscope.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.CowImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The plan against a brute-force model of the kernel's merge order over random small tables. */
class MergePlanPropertyTest {
    private static final long CS = 1; // 512-byte chunks: E = 32, so small tables span several areas

    /** Random table: runs of consecutive (old, new) pairs, jumps, sequential and scattered new chunks. */
    static long[][] table(int size, long seed) {
        Random random = new Random(seed);
        AreaLayout layout = new AreaLayout(CS);
        long[][] entries = new long[size][];
        long old = random.nextInt(100);
        long next = 2;
        for (int i = 0; i < size; i++) {
            int r = random.nextInt(10);
            old = r < 6 ? old + 1 : r < 9 ? random.nextInt(200) : Math.max(0, old - 1);
            long newChunk = random.nextInt(8) == 0 ? next + 1 + random.nextInt(3) : layout.sequentialChunk(i);
            newChunk = layout.skipMetadata(Math.max(newChunk, next));
            entries[i] = new long[] {old, newChunk};
            next = layout.skipMetadata(newChunk + 1);
        }
        return entries;
    }

    /**
     * The model: take the table as a list; while it is not empty, the last entry starts a run that
     * grows backwards while the previous entry is in the same area and one less in old and new chunk.
     */
    static List<int[]> model(long[][] entries, long perArea) {
        List<int[]> steps = new ArrayList<>();
        int end = entries.length;
        while (end > 0) {
            int first = end - 1;
            while (first > 0 && (first - 1) / perArea == (end - 1) / perArea
                    && entries[first - 1][0] == entries[first][0] - 1 && entries[first - 1][1] == entries[first][1] - 1) {
                first--;
            }
            steps.add(new int[] {first, end - first});
            end = first;
        }
        return steps;
    }

    @Property(tries = 300)
    void planFollowsTheModel(@ForAll @IntRange(min = 0, max = 200) int size, @ForAll long seed) throws Exception {
        long[][] entries = table(size, seed);
        CowImage image = TestCows.image(CS, entries);
        assertThat(image.exceptions().size()).isEqualTo(size);
        MergePlan plan = MergePlan.of(image);
        List<int[]> expected = model(entries, image.requireLayout().exceptionsPerArea());
        assertThat(plan.stepCount()).isEqualTo(expected.size());
        long chunks = 0;
        for (int k = 0; k < plan.stepCount(); k++) {
            MergeStep step = plan.step(k);
            assertThat(new int[] {step.firstEntry(), step.chunks()}).containsExactly(expected.get(k));
            assertThat(step.originFirstChunk()).isEqualTo(entries[step.firstEntry()][0]);
            assertThat(step.cowFirstChunk()).isEqualTo(entries[step.firstEntry()][1]);
            chunks += step.chunks();
        }
        assertThat(plan.totals().chunks()).isEqualTo(size);
        MergeSimulator simulator = new MergeSimulator(plan);
        MergeState end = simulator.afterSteps(plan.stepCount());
        assertThat(end.finished()).isTrue();
        assertThat(end.statusParams()).isEqualTo("2/" + image.deviceSectors() + " 2");
        assertThat(chunks).isEqualTo(size);
    }

    @org.junit.jupiter.api.Test
    void aStepPastTheEndOfTheOriginStopsTheMerge() throws Exception {
        long[][] entries = {{3, 2}, {-1L, 3}};
        byte[] cow = TestCows.bytes(CS, entries, 0);
        MergePlan plan = MergePlan.of(TestCows.image(CS, entries));
        MergeExecutor executor = new MergeExecutor(plan, MergeDevices.memory(new byte[4096], cow));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> executor.run(plan.step(0)))
                .isInstanceOf(MergeException.class).hasMessageContaining("past the end of the origin");
    }

    @Property(tries = 100)
    void everyCommittedStateReloadsAsTheSimulatorSays(@ForAll @IntRange(min = 1, max = 120) int size, @ForAll long seed) throws Exception {
        long[][] entries = table(size, seed);
        byte[] cow = TestCows.bytes(CS, entries, 0);
        byte[] origin = new byte[Math.toIntExact(512L * 256)];
        MergePlan plan = MergePlan.of(TestCows.image(CS, entries));
        MergeSimulator simulator = new MergeSimulator(plan);
        MergeExecutor executor = new MergeExecutor(plan, MergeDevices.memory(origin, cow));
        for (int k = 0; k < plan.stepCount(); k++) {
            executor.run(plan.step(k));
            CowImage reloaded = new dev.cowscope.format.CowReader(dev.cowscope.format.ParseOptions.DEFAULT)
                    .read(new dev.cowscope.format.ByteArrayBlockSource("c", cow), dev.cowscope.format.Progress.NONE);
            CrashState crash = simulator.crash(k, CrashPoint.AFTER_COMMIT);
            assertThat((long) reloaded.exceptions().size()).isEqualTo(crash.entriesOnDisk());
            assertThat(reloaded.usage().orElseThrow()).isEqualTo(crash.usageAtActivation());
            assertThat(reloaded.currentArea()).isEqualTo(simulator.afterSteps(k + 1).currentArea());
            assertThat(MergePlan.of(reloaded).stepCount()).isEqualTo(plan.stepCount() - k - 1);
        }
    }
}
