package dev.cowscope.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.snapshot.SnapshotView;
import dev.cowscope.testkit.Fixtures;
import dev.cowscope.testkit.NullChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A power loss at any step, before or after its commit, leaves a store whose snapshot view is the
 * pre-merge view: the crashed origin and COW are rebuilt in memory step by step with the same
 * executor the in-place merge uses, re-read with {@link CowReader} and hashed through {@link SnapshotView}.
 */
class MergeCrashTest {

    private static CowImage parse(byte[] cow) throws Exception {
        return new CowReader(ParseOptions.DEFAULT).read(new ByteArrayBlockSource("crashed-cow", cow), Progress.NONE);
    }

    private static SnapshotView view(byte[] origin, byte[] cow) throws Exception {
        return new SnapshotView(new ByteArrayBlockSource("crashed-origin", origin), parse(cow),
                new ByteArrayBlockSource("crashed-cow", cow), false);
    }

    private static String viewSha(byte[] origin, byte[] cow) throws Exception {
        return view(origin, cow).stream(new NullChannel(), Progress.NONE).sha256();
    }

    /** Rebuilds the view chunk by chunk (the kernel's lookup per chunk) and compares it with the kernel's view bytes. */
    private static void assertSameView(byte[] origin, byte[] cow, byte[] expected, CrashState crash) throws Exception {
        SnapshotView view = view(origin, cow);
        int chunkBytes = (int) parse(cow).requireLayout().chunkSizeBytes();
        for (int at = 0; at < expected.length; at += chunkBytes) {
            byte[] chunk = view.readChunk(at / chunkBytes);
            int mismatch = Arrays.mismatch(chunk, 0, chunk.length, expected, at, at + chunk.length);
            assertThat(mismatch).as("view byte %d after a crash %s of step %d", at + mismatch, crash.point(), crash.step()).isEqualTo(-1);
        }
    }

    private static String artifact(JsonNode manifest, String name) {
        return manifest.path("artifacts").path(name).path("sha256").asText();
    }

    /**
     * Walks the whole merge in memory. At every {@code viewEvery}-th step, every area boundary and
     * both crash points: the simulator's account of the crashed store, and the view rebuilt chunk by
     * chunk equals the kernel's view bytes; at every {@code shaEvery}-th step (and the boundaries)
     * also the streamed view's sha256.
     */
    private static void walk(Path scenario, String originName, int viewEvery, int shaEvery) throws Exception {
        JsonNode manifest = Fixtures.manifest(scenario);
        String viewSha = artifact(manifest, "snapshot-view");
        byte[] expected = Fixtures.gunzip(scenario.resolve("snapshot-view.img.gz"));
        assertThat(Fixtures.sha256(expected)).isEqualTo(viewSha);
        byte[] origin = Fixtures.gunzip(scenario.resolve(originName));
        byte[] cow = Fixtures.gunzip(scenario.resolve("cow-premerge.img.gz"));
        MergePlan plan = MergePlan.of(parse(cow), origin.length);
        MergeSimulator simulator = new MergeSimulator(plan);
        MergeExecutor executor = new MergeExecutor(plan, MergeDevices.memory(origin, cow));
        assertThat(viewSha(origin, cow)).isEqualTo(viewSha);
        for (int k = 0; k < plan.stepCount(); k++) {
            MergeStep step = plan.step(k);
            boolean boundary = step.entersArea() || step.emptiesArea() || k == plan.stepCount() - 1;
            boolean view = boundary || k % viewEvery == 0;
            String sha = boundary || k % shaEvery == 0 ? viewSha : "";
            executor.copy(step);
            if (view) {
                assertCrashed(simulator.crash(k, CrashPoint.BEFORE_COMMIT), origin, cow, expected, sha);
            }
            executor.commitMerge(step);
            if (view) {
                assertCrashed(simulator.crash(k, CrashPoint.AFTER_COMMIT), origin, cow, expected, sha);
            }
        }
        assertThat(Fixtures.sha256(origin)).as("merged origin").isEqualTo(artifact(manifest, "origin-after-merge"));
        assertThat(Fixtures.sha256(cow)).as("merged COW, byte for byte the kernel's").isEqualTo(artifact(manifest, "cow-after-merge"));
    }

    private static void assertCrashed(CrashState crash, byte[] origin, byte[] cow, byte[] expected, String viewSha) throws Exception {
        CowImage reloaded = parse(cow);
        assertThat((long) reloaded.exceptions().size()).as("entries after crash in step %d", crash.step()).isEqualTo(crash.entriesOnDisk());
        assertThat(reloaded.usage().orElseThrow()).isEqualTo(crash.usageAtActivation());
        assertSameView(origin, cow, expected, crash);
        if (!viewSha.isEmpty()) {
            assertThat(viewSha(origin, cow)).as("view after a crash %s of step %d", crash.point(), crash.step()).isEqualTo(viewSha);
        }
    }

    @Test
    void f1EveryStepBothCrashPointsKeepTheView() throws Exception {
        walk(Fixtures.scenario("f1-merge"), "origin-before.img.gz", 1, 50);
    }

    @Test
    void f2SampledStepsBothCrashPointsKeepTheView() throws Exception {
        walk(Fixtures.scenario("f2-merge-crash"), "origin-premerge.img.gz", 25, 250);
    }

    @Test
    void f2KernelCrashImageIsOneOfOurCrashStates() throws Exception {
        Path f2 = Fixtures.scenario("f2-merge-crash");
        byte[] origin = Fixtures.gunzip(f2.resolve("origin-premerge.img.gz"));
        byte[] cow = Fixtures.gunzip(f2.resolve("cow-premerge.img.gz"));
        byte[] kernelCow = Fixtures.gunzip(f2.resolve("cow-crash.img.gz"));
        byte[] kernelOrigin = Fixtures.gunzip(f2.resolve("origin-crash.img.gz"));
        ExceptionTable kernelTable = parse(kernelCow).exceptions();
        assertThat(kernelTable.size()).isEqualTo(894);
        MergePlan plan = MergePlan.of(parse(cow), origin.length);
        MergeSimulator simulator = new MergeSimulator(plan);
        MergeExecutor executor = new MergeExecutor(plan, MergeDevices.memory(origin, cow));
        int k = 0;
        while (simulator.afterSteps(k).entriesLeft() > kernelTable.size()) {
            executor.run(plan.step(k++));
        }
        CrashState crash = simulator.crash(k - 1, CrashPoint.AFTER_COMMIT);
        assertThat(crash.entriesOnDisk()).isEqualTo(894);
        ExceptionTable ours = parse(cow).exceptions();
        for (int i = 0; i < kernelTable.size(); i++) {
            assertThat(ours.entry(i)).isEqualTo(kernelTable.entry(i));
        }
        assertThat(Fixtures.sha256(cow)).as("our crashed COW is the kernel's byte for byte").isEqualTo(Fixtures.sha256(kernelCow));
        // the kernel's origin is ours after the commit, or already holds the next step's copy
        String kernelOriginSha = Fixtures.sha256(kernelOrigin);
        String afterCommit = Fixtures.sha256(origin);
        executor.copy(plan.step(k));
        assertThat(kernelOriginSha).isIn(afterCommit, Fixtures.sha256(origin));
        // and the kernel resumed with exactly the rest of our plan
        MergePlan resumed = MergePlan.of(parse(kernelCow));
        assertThat(resumed.stepCount()).isEqualTo(plan.stepCount() - k);
        for (int i = 0; i < resumed.stepCount(); i++) {
            MergeStep a = resumed.step(i);
            MergeStep b = plan.step(k + i);
            assertThat(new long[] {a.originFirstChunk(), a.cowFirstChunk(), a.chunks(), a.area()})
                    .containsExactly(b.originFirstChunk(), b.cowFirstChunk(), b.chunks(), b.area());
        }
    }
}
