package dev.cowscope.ui.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.merge.CrashPoint;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeSimulator;
import dev.cowscope.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Merge tab's model on the f1-merge kernel fixture, without a stage; jobs run on the test thread. */
class MergeViewModelTest {
    @AutoClose
    private final MergeFixture f = new MergeFixture();

    @TempDir
    Path temp;

    private MergeViewModel openWithOrigin() {
        MergeViewModel vm = shown(new MergeViewModel(f.main));
        f.main.open(f.cow);
        f.main.attachOrigin(f.origin);
        assertThat(vm.plan().plannedProperty().get()).as(vm.plan().messageProperty().get()).isNotNull();
        return vm;
    }

    /** The Merge tab on screen: the model plans only then. */
    private static MergeViewModel shown(MergeViewModel vm) {
        vm.shownProperty().set(true);
        return vm;
    }

    @Test
    void aHiddenTabPlansNothingUntilItIsShown() throws Exception {
        MergeViewModel vm = new MergeViewModel(f.main);
        f.main.open(f.cow);
        assertThat(vm.plan().plannedProperty().get()).isNull();
        assertThat(vm.plan().messageProperty().get()).contains("planned when this tab is shown");
        vm.shownProperty().set(true);
        assertThat(vm.plan().plannedProperty().get()).as(vm.plan().messageProperty().get()).isNotNull();
        assertThat(vm.playback().stepCountProperty().get()).isPositive();
    }

    @Test
    void everyStepShowsTheSimulatorsStatusLineAndTheKernelsLinesAppear() throws Exception {
        MergeViewModel vm = openWithOrigin();
        MergePlan plan = MergePlan.of(CowReader.read(f.cow, ParseOptions.DEFAULT, Progress.NONE), 32L << 20);
        MergeSimulator simulator = new MergeSimulator(plan);
        assertThat(vm.playback().stepCountProperty().get()).isEqualTo(plan.stepCount()).isGreaterThan(1);
        List<String> shown = new ArrayList<>();
        for (int k = 0; k <= plan.stepCount(); k++) {
            vm.playback().setStep(k);
            assertThat(vm.playback().stepProperty().get()).isEqualTo(k);
            assertThat(vm.playback().statusLine()).isEqualTo(MergeSimulator.statusLine(simulator.afterSteps(k), 65536));
            shown.add(vm.playback().statusLine());
            if (!vm.playback().stepViewProperty().get().statusDuringCopy().isEmpty()) {
                shown.add(vm.playback().stepViewProperty().get().statusDuringCopy());
            }
        }
        assertThat(shown).containsAll(f.kernelStatusLines());
        assertThat(shown).contains(MergeFixture.TARGET_PREFIX + "1768/8192 16");
        assertThat(vm.playback().stepViewProperty().get().finished()).isTrue();
        assertThat(vm.playback().statusLine()).isEqualTo(MergeFixture.TARGET_PREFIX + "16/8192 16");
        assertThat(f.errors).isEmpty();
    }

    @Test
    void withoutAnOriginTheStatusHasNoTargetLengthAndTheCrashSaysWhatAnOriginWouldProve() {
        MergeViewModel vm = shown(new MergeViewModel(f.main));
        f.main.open(f.cow);
        vm.playback().setStep(3);
        assertThat(vm.playback().statusLine()).startsWith("snapshot-merge ");
        vm.crash().crashPointProperty().set(CrashPoint.AFTER_COMMIT);
        vm.crash().crashHere();
        assertThat(vm.crash().crashProperty().get().stepsCommitted()).isEqualTo(4);
        assertThat(vm.crash().crashTextProperty().get()).contains("Power lost during step 3, after its metadata commit")
                .contains("Next activation:").contains("goes on with step 4");
        assertThat(vm.crash().proofTextProperty().get()).contains("Attach the origin").contains("sha256 must equal the pre-merge view's");
        assertThat(vm.crash().proofProperty().get()).isNull();
        assertThat(vm.offline().canMergeProperty().get()).isFalse();
    }

    @Test
    void aCrashBeforeTheCommitIsProvedHarmlessWithTheOrigin() {
        MergeViewModel vm = openWithOrigin();
        vm.playback().setStep(40);
        vm.crash().crashPointProperty().set(CrashPoint.BEFORE_COMMIT);
        vm.crash().crashHere();
        assertThat(vm.crash().crashTextProperty().get()).contains("Power lost during step 40, before its metadata commit")
                .contains("is repeated, which is idempotent");
        dev.cowscope.merge.CrashReplay.Proof proof = vm.crash().proofProperty().get();
        assertThat(proof).as(vm.crash().proofTextProperty().get()).isNotNull();
        assertThat(proof.crashedSha256()).isEqualTo(f.artifactSha("snapshot-view"));
        assertThat(proof.preMergeSha256()).isEqualTo(f.artifactSha("snapshot-view"));
        assertThat(proof.matchesSimulator()).isTrue();
        assertThat(vm.crash().proofTextProperty().get()).contains(f.artifactSha("snapshot-view")).contains("equal: the snapshot view is unchanged");
        // moving on forgets the crash
        vm.playback().stepForward();
        assertThat(vm.crash().crashProperty().get()).isNull();
        assertThat(vm.crash().proofTextProperty().get()).isEmpty();
    }

    @Test
    void theLastStepCrashedAfterItsCommitIsAFinishedMerge() {
        MergeViewModel vm = openWithOrigin();
        int last = vm.playback().stepCountProperty().get() - 1;
        vm.playback().setStep(last);
        vm.crash().crashPointProperty().set(CrashPoint.AFTER_COMMIT);
        vm.crash().crashHere();
        assertThat(vm.crash().crashTextProperty().get()).contains("the merge was complete");
        assertThat(vm.crash().proofProperty().get().viewUnchanged()).isTrue();
        vm.playback().setStep(last + 1);
        assertThat(vm.crash().canCrashProperty().get()).isFalse();
    }

    @Test
    void estimateValidatesItsInputsAndExplainsTheFlushes() {
        MergeViewModel vm = openWithOrigin();
        assertThat(vm.estimate().estimateProperty().get()).isNotNull();
        assertThat(vm.estimate().whySlowProperty().get()).contains("% of the time is spent waiting for flushes");
        vm.estimate().throughputProperty().set("fast");
        assertThat(vm.estimate().errorProperty().get()).startsWith("Throughput: not a size: 'fast'");
        assertThat(vm.estimate().estimateProperty().get()).isNull();
        vm.estimate().throughputProperty().set("0");
        assertThat(vm.estimate().errorProperty().get()).contains("positive");
        // as on the command line: a bare number is bytes per second, M is MiB
        vm.estimate().throughputProperty().set("200");
        vm.estimate().flushLatencyProperty().set("0");
        assertThat(vm.estimate().errorProperty().get()).isEmpty();
        assertThat(vm.estimate().estimateProperty().get().flushShare()).isZero();
        assertThat(vm.estimate().estimateProperty().get().throughputBytesPerSecond()).isEqualTo(200);
        vm.estimate().throughputProperty().set("200M/s");
        vm.estimate().flushLatencyProperty().set("200us");
        assertThat(vm.estimate().estimateProperty().get().throughputBytesPerSecond()).isEqualTo(200 << 20);
        assertThat(vm.estimate().estimateProperty().get().flushLatencyMillis()).isEqualTo(0.2);
    }

    @Test
    void playAdvancesWithTimeAndStopsAtTheEnd() {
        MergeViewModel vm = openWithOrigin();
        vm.playback().play();
        assertThat(vm.playback().playingProperty().get()).isTrue();
        vm.playback().tick(1_000_000_000L);
        vm.playback().tick(2_000_000_000L);
        assertThat(vm.playback().stepProperty().get()).isEqualTo((int) vm.playback().stepsPerSecond());
        assertThat(vm.playback().cellsProperty().get().stepsDone()).isEqualTo(vm.playback().stepProperty().get());
        vm.playback().tick(60_000_000_000L);
        assertThat(vm.playback().stepProperty().get()).isEqualTo(vm.playback().stepCountProperty().get());
        assertThat(vm.playback().playingProperty().get()).isFalse();
    }

    @Test
    void offlineMergeWritesTheKernelsMergedOrigin() throws Exception {
        MergeViewModel vm = openWithOrigin();
        assertThat(vm.offline().canMergeProperty().get()).isTrue();
        Path out = temp.resolve("merged.img");
        vm.offline().mergeInto(out);
        assertThat(f.errors).isEmpty();
        assertThat(Fixtures.sha256(Files.readAllBytes(out))).isEqualTo(f.artifactSha("origin-after-merge"));
        assertThat(vm.offline().textProperty().get()).contains("Merged origin written to").contains(out.toString());
        assertThat(vm.offline().mergingProperty().get()).isFalse();
    }

    @Test
    void withNothingOpenThereIsNoPlanButTheStrategyTableIsFilled() {
        MergeViewModel vm = shown(new MergeViewModel(f.main));
        assertThat(vm.plan().plannedProperty().get()).isNull();
        assertThat(vm.plan().messageProperty().get()).contains("Open a COW image");
        assertThat(vm.strategy().rows()).hasSize(9);
        assertThat(vm.crash().canCrashProperty().get()).isFalse();
        vm.crash().crashHere();
        vm.playback().play();
        assertThat(vm.playback().playingProperty().get()).isFalse();
    }

    @Test
    void theStrategyInputsArePrefilledFromTheOpenCow() {
        MergeViewModel vm = shown(new MergeViewModel(f.main));
        f.main.open(f.cow);
        StrategyViewModel s = vm.strategy();
        assertThat(s.changedChunksProperty().get()).isEqualTo(Integer.toString(f.main.document().image().exceptions().size()));
        assertThat(s.cowSizeProperty().get()).isEqualTo("4M");
        assertThat(s.chunkSizeProperty().get()).isEqualTo("4K");
        assertThat(s.resultProperty().get()).isNotNull();
        assertThat(s.sourceProperty().get()).contains("cow-premerge.img.gz");
    }
}
