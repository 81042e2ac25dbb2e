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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Merge tab's model on the f1-merge kernel fixture, without a stage; jobs run on the test thread. */
class MergeViewModelTest {
    private final MergeFixture f = new MergeFixture();

    @TempDir
    Path temp;

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private MergeViewModel openWithOrigin() {
        MergeViewModel vm = shown(new MergeViewModel(f.main));
        f.main.open(f.cow);
        f.main.attachOrigin(f.origin);
        assertThat(vm.loadedProperty().get()).as(vm.planMessageProperty().get()).isNotNull();
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
        assertThat(vm.loadedProperty().get()).isNull();
        assertThat(vm.planMessageProperty().get()).contains("planned when this tab is shown");
        vm.shownProperty().set(true);
        assertThat(vm.loadedProperty().get()).as(vm.planMessageProperty().get()).isNotNull();
        assertThat(vm.stepCountProperty().get()).isPositive();
    }

    @Test
    void everyStepShowsTheSimulatorsStatusLineAndTheKernelsLinesAppear() throws Exception {
        MergeViewModel vm = openWithOrigin();
        MergePlan plan = MergePlan.of(CowReader.read(f.cow, ParseOptions.DEFAULT, Progress.NONE), 32L << 20);
        MergeSimulator simulator = new MergeSimulator(plan);
        assertThat(vm.stepCountProperty().get()).isEqualTo(plan.stepCount()).isGreaterThan(1);
        List<String> shown = new ArrayList<>();
        for (int k = 0; k <= plan.stepCount(); k++) {
            vm.setStep(k);
            assertThat(vm.stepProperty().get()).isEqualTo(k);
            assertThat(vm.statusLine()).isEqualTo(MergeSimulator.statusLine(simulator.afterSteps(k), 65536));
            shown.add(vm.statusLine());
            if (!vm.stepViewProperty().get().statusDuringCopy().isEmpty()) {
                shown.add(vm.stepViewProperty().get().statusDuringCopy());
            }
        }
        assertThat(shown).containsAll(f.kernelStatusLines());
        assertThat(shown).contains(MergeFixture.TARGET_PREFIX + "1768/8192 16");
        assertThat(vm.stepViewProperty().get().finished()).isTrue();
        assertThat(vm.statusLine()).isEqualTo(MergeFixture.TARGET_PREFIX + "16/8192 16");
        assertThat(f.errors).isEmpty();
    }

    @Test
    void withoutAnOriginTheStatusHasNoTargetLengthAndTheCrashSaysWhatAnOriginWouldProve() {
        MergeViewModel vm = shown(new MergeViewModel(f.main));
        f.main.open(f.cow);
        vm.setStep(3);
        assertThat(vm.statusLine()).startsWith("snapshot-merge ");
        vm.crashPointProperty().set(CrashPoint.AFTER_COMMIT);
        vm.crashHere();
        assertThat(vm.crashProperty().get().stepsCommitted()).isEqualTo(4);
        assertThat(vm.crashTextProperty().get()).contains("Power lost during step 3, after its metadata commit")
                .contains("Next activation:").contains("goes on with step 4");
        assertThat(vm.proofTextProperty().get()).contains("Attach the origin").contains("sha256 must equal the pre-merge view's");
        assertThat(vm.proofProperty().get()).isNull();
        assertThat(vm.canMergeOfflineProperty().get()).isFalse();
    }

    @Test
    void aCrashBeforeTheCommitIsProvedHarmlessWithTheOrigin() {
        MergeViewModel vm = openWithOrigin();
        vm.setStep(40);
        vm.crashPointProperty().set(CrashPoint.BEFORE_COMMIT);
        vm.crashHere();
        assertThat(vm.crashTextProperty().get()).contains("Power lost during step 40, before its metadata commit")
                .contains("is repeated, which is idempotent");
        dev.cowscope.merge.CrashReplay.Proof proof = vm.proofProperty().get();
        assertThat(proof).as(vm.proofTextProperty().get()).isNotNull();
        assertThat(proof.crashedSha256()).isEqualTo(f.artifactSha("snapshot-view"));
        assertThat(proof.preMergeSha256()).isEqualTo(f.artifactSha("snapshot-view"));
        assertThat(proof.matchesSimulator()).isTrue();
        assertThat(vm.proofTextProperty().get()).contains(f.artifactSha("snapshot-view")).contains("equal: the snapshot view is unchanged");
        // moving on forgets the crash
        vm.stepForward();
        assertThat(vm.crashProperty().get()).isNull();
        assertThat(vm.proofTextProperty().get()).isEmpty();
    }

    @Test
    void theLastStepCrashedAfterItsCommitIsAFinishedMerge() {
        MergeViewModel vm = openWithOrigin();
        int last = vm.stepCountProperty().get() - 1;
        vm.setStep(last);
        vm.crashPointProperty().set(CrashPoint.AFTER_COMMIT);
        vm.crashHere();
        assertThat(vm.crashTextProperty().get()).contains("the merge was complete");
        assertThat(vm.proofProperty().get().viewUnchanged()).isTrue();
        vm.setStep(last + 1);
        assertThat(vm.canCrashProperty().get()).isFalse();
    }

    @Test
    void estimateValidatesItsInputsAndExplainsTheFlushes() {
        MergeViewModel vm = openWithOrigin();
        assertThat(vm.estimateProperty().get()).isNotNull();
        assertThat(vm.whySlowProperty().get()).contains("% of the time is spent waiting for flushes");
        vm.throughputProperty().set("fast");
        assertThat(vm.estimateErrorProperty().get()).contains("throughput");
        assertThat(vm.estimateProperty().get()).isNull();
        vm.throughputProperty().set("0");
        assertThat(vm.estimateErrorProperty().get()).contains("positive");
        vm.throughputProperty().set("200");
        vm.flushLatencyProperty().set("0");
        assertThat(vm.estimateErrorProperty().get()).isEmpty();
        assertThat(vm.estimateProperty().get().flushShare()).isZero();
        assertThat(vm.estimateProperty().get().throughputBytesPerSecond()).isEqualTo(200e6);
    }

    @Test
    void playAdvancesWithTimeAndStopsAtTheEnd() {
        MergeViewModel vm = openWithOrigin();
        vm.play();
        assertThat(vm.playingProperty().get()).isTrue();
        vm.tick(1_000_000_000L);
        vm.tick(2_000_000_000L);
        assertThat(vm.stepProperty().get()).isEqualTo((int) vm.stepsPerSecond());
        assertThat(vm.cellsProperty().get().stepsDone()).isEqualTo(vm.stepProperty().get());
        vm.tick(60_000_000_000L);
        assertThat(vm.stepProperty().get()).isEqualTo(vm.stepCountProperty().get());
        assertThat(vm.playingProperty().get()).isFalse();
    }

    @Test
    void offlineMergeWritesTheKernelsMergedOrigin() throws Exception {
        MergeViewModel vm = openWithOrigin();
        assertThat(vm.canMergeOfflineProperty().get()).isTrue();
        Path out = temp.resolve("merged.img");
        vm.mergeInto(out);
        assertThat(f.errors).isEmpty();
        assertThat(Fixtures.sha256(Files.readAllBytes(out))).isEqualTo(f.artifactSha("origin-after-merge"));
        assertThat(vm.mergeTextProperty().get()).contains("Merged origin written to").contains(out.toString());
        assertThat(vm.mergingProperty().get()).isFalse();
    }

    @Test
    void withNothingOpenThereIsNoPlanButTheStrategyTableIsFilled() {
        MergeViewModel vm = shown(new MergeViewModel(f.main));
        assertThat(vm.loadedProperty().get()).isNull();
        assertThat(vm.planMessageProperty().get()).contains("Open a COW image");
        assertThat(vm.strategy().rows()).hasSize(9);
        assertThat(vm.canCrashProperty().get()).isFalse();
        vm.crashHere();
        vm.play();
        assertThat(vm.playingProperty().get()).isFalse();
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
