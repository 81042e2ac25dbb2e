package dev.cowscope.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.Fixtures;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The crash proof without a window: replays on copy-on-write overlays of the f1-merge fixture, which stay untouched. */
class CrashReplayTest {
    private final Path f1 = Fixtures.scenario("f1-merge");
    private final byte[] origin = Fixtures.gunzip(f1.resolve("origin-before.img.gz"));
    private final byte[] cow = Fixtures.gunzip(f1.resolve("cow-premerge.img.gz"));
    private final String viewSha = Fixtures.manifest(f1).path("artifacts").path("snapshot-view").path("sha256").asText();

    private CowImage image() throws Exception {
        return new CowReader(ParseOptions.DEFAULT).read(new ByteArrayBlockSource("cow", cow), Progress.NONE);
    }

    @Test
    void everyCrashPointKeepsTheKernelsViewAndLeavesTheInputsAlone() throws Exception {
        byte[] originBefore = origin.clone();
        byte[] cowBefore = cow.clone();
        CowImage image = image();
        MergePlan plan = MergePlan.of(image, origin.length);
        MergeSimulator simulator = new MergeSimulator(plan);
        ByteArrayBlockSource originSource = new ByteArrayBlockSource("origin", origin);
        ByteArrayBlockSource cowSource = new ByteArrayBlockSource("cow", cow);
        String before = CrashReplay.viewSha256(originSource, image, cowSource, Progress.NONE);
        assertThat(before).isEqualTo(viewSha);
        for (int step : new int[] {0, 40, plan.stepCount() - 1}) {
            for (CrashPoint point : CrashPoint.values()) {
                CrashState crash = simulator.crash(step, point);
                // the first proof hashes the pre-merge view itself; the others reuse its hash
                CrashReplay.Proof proof = CrashReplay.prove(plan, crash, originSource, cowSource, ParseOptions.DEFAULT,
                        step == 0 ? null : before, Progress.NONE);
                assertThat(proof.preMergeSha256()).isEqualTo(viewSha);
                assertThat(proof.viewUnchanged()).as("step %d %s", step, point).isTrue();
                assertThat(proof.crashedSha256()).isEqualTo(viewSha);
                assertThat(proof.matchesSimulator()).isTrue();
                assertThat(proof.overlayBytes()).isPositive().isLessThanOrEqualTo(CrashReplay.overlayBytesNeeded(plan, crash));
            }
        }
        assertThat(Arrays.equals(origin, originBefore)).as("origin only read").isTrue();
        assertThat(Arrays.equals(cow, cowBefore)).as("COW only read").isTrue();
    }

    @Test
    void aReplayLargerThanTheMemoryLimitIsRefusedWithAMessage() throws Exception {
        MergePlan plan = MergePlan.of(image(), origin.length);
        CrashState crash = new MergeSimulator(plan).crash(plan.stepCount() - 1, CrashPoint.AFTER_COMMIT);
        CrashState huge = new CrashState(crash.step(), crash.point(), crash.stepsCommitted(), crash.entriesOnDisk(),
                crash.entriesZeroed(), CrashReplay.MAX_OVERLAY_BYTES, crash.resumeStep(), crash.usageAtActivation(), crash.recovery());
        assertThatThrownBy(() -> CrashReplay.prove(plan, huge, new ByteArrayBlockSource("o", origin), new ByteArrayBlockSource("c", cow),
                ParseOptions.DEFAULT, "", Progress.NONE)).isInstanceOf(MergeException.class).hasMessageContaining("limit");
    }

    @Test
    void aCopyOnWriteSourceReadsItsWritesAndTheBaseElsewhere() throws Exception {
        byte[] base = new byte[10_000];
        Arrays.fill(base, (byte) 7);
        CopyOnWriteSource overlay = new CopyOnWriteSource(new ByteArrayBlockSource("b", base), 4096, "overlay");
        overlay.write(4000, ByteBuffer.wrap(new byte[200])); // straddles two chunks
        overlay.write(9_999, ByteBuffer.wrap(new byte[] {1})); // the short last chunk
        ByteBuffer all = ByteBuffer.allocate(base.length);
        overlay.readFully(0, all);
        byte[] read = all.array();
        assertThat(read[3999]).isEqualTo((byte) 7);
        assertThat(Arrays.copyOfRange(read, 4000, 4200)).containsOnly(0);
        assertThat(read[4200]).isEqualTo((byte) 7);
        assertThat(read[9_999]).isEqualTo((byte) 1);
        assertThat(base).containsOnly(7);
        assertThat(overlay.heldBytes()).isEqualTo(4096 + 4096 + (10_000 - 8192));
        assertThatThrownBy(() -> overlay.write(9_999, ByteBuffer.wrap(new byte[2]))).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> new CopyOnWriteSource(new ByteArrayBlockSource("b", base), 0, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
