package dev.cowscope.ui.merge;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.Units;
import dev.cowscope.merge.CrashPoint;
import dev.cowscope.merge.CrashReplay;
import dev.cowscope.merge.CrashState;
import dev.cowscope.merge.MergeEstimate;
import dev.cowscope.merge.MergeException;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeSimulator;
import dev.cowscope.merge.MergeState;
import dev.cowscope.merge.MergeStep;
import dev.cowscope.merge.MergeTotals;
import dev.cowscope.merge.OfflineMerge;
import dev.cowscope.ui.MainViewModel;
import dev.cowscope.ui.chunkmap.CowChunkRole;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import dev.cowscope.ui.document.AttachedOrigin;
import dev.cowscope.ui.document.OpenedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Merge tab for the open COW: the kernel's merge step by step ({@link MergePlan},
 * {@link MergeSimulator}), its time at a throughput and flush latency ({@link MergeEstimate}),
 * a crash at the current step with the recovery explained and, with an origin attached, proved
 * by {@link CrashReplay} in the background; the offline merge into a new file
 * ({@link OfflineMerge}); and the strategy comparison, which needs no COW.
 * <p>
 * The step is the number of steps committed, {@code 0 … stepCount}; the "current step" is the
 * one in flight next (index {@code step}), none once the merge is complete. Changed only on the
 * FX thread; plans and proofs are built through the {@link TaskRunner}.
 */
public final class MergeViewModel {
    /** The whole merge plays in about this many seconds, at least {@link #MIN_STEPS_PER_SECOND}. */
    public static final double PLAY_SECONDS = 8;
    public static final double MIN_STEPS_PER_SECOND = 2;
    private static final double MB = 1_000_000.0;

    private final MainViewModel main;
    private final StrategyViewModel strategy = new StrategyViewModel();
    private final ReadOnlyObjectWrapper<Loaded> loaded = new ReadOnlyObjectWrapper<>(this, "loaded");
    private final ReadOnlyStringWrapper planMessage = new ReadOnlyStringWrapper(this, "planMessage", "Open a COW image to plan its merge.");
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step", 0);
    private final ReadOnlyIntegerWrapper stepCount = new ReadOnlyIntegerWrapper(this, "stepCount", 0);
    private final ReadOnlyObjectWrapper<StepView> stepView = new ReadOnlyObjectWrapper<>(this, "stepView", StepView.NONE);
    private final ReadOnlyObjectWrapper<MergedCells> cells = new ReadOnlyObjectWrapper<>(this, "cells");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing", false);
    private final StringProperty throughput = new SimpleStringProperty(this, "throughput", "100");
    private final StringProperty flushLatency = new SimpleStringProperty(this, "flushLatency", "5");
    private final ReadOnlyObjectWrapper<MergeEstimate> estimate = new ReadOnlyObjectWrapper<>(this, "estimate");
    private final ReadOnlyStringWrapper estimateText = new ReadOnlyStringWrapper(this, "estimateText", "");
    private final ReadOnlyStringWrapper whySlow = new ReadOnlyStringWrapper(this, "whySlow", "");
    private final ReadOnlyStringWrapper estimateError = new ReadOnlyStringWrapper(this, "estimateError", "");
    private final ObjectProperty<CrashPoint> crashPoint = new SimpleObjectProperty<>(this, "crashPoint", CrashPoint.BEFORE_COMMIT);
    private final ReadOnlyObjectWrapper<CrashState> crash = new ReadOnlyObjectWrapper<>(this, "crash");
    private final ReadOnlyStringWrapper crashText = new ReadOnlyStringWrapper(this, "crashText", "");
    private final ReadOnlyObjectWrapper<CrashReplay.Proof> proof = new ReadOnlyObjectWrapper<>(this, "proof");
    private final ReadOnlyStringWrapper proofText = new ReadOnlyStringWrapper(this, "proofText", "");
    private final ReadOnlyBooleanWrapper proving = new ReadOnlyBooleanWrapper(this, "proving", false);
    private final ReadOnlyBooleanWrapper merging = new ReadOnlyBooleanWrapper(this, "merging", false);
    private final ReadOnlyStringWrapper mergeText = new ReadOnlyStringWrapper(this, "mergeText", "");
    private final BooleanBinding canCrash;
    private final BooleanBinding canMergeOffline;
    private TaskRunner.Cancellable planJob = TaskRunner.Cancellable.DONE;
    private TaskRunner.Cancellable proofJob = TaskRunner.Cancellable.DONE;
    private TaskRunner.Cancellable mergeJob = TaskRunner.Cancellable.DONE;
    /** Whether the Merge tab is on screen: a plan of 16 M entries costs seconds and GiBs, so it waits for the tab. */
    private final BooleanProperty shown = new SimpleBooleanProperty();
    private boolean planStale;
    private String preMergeSha;
    private double playCarry;
    private long lastTick;

    public MergeViewModel(MainViewModel main) {
        this.main = main;
        canCrash = Bindings.createBooleanBinding(() -> loaded.get() != null && step.get() < stepCount.get(), loaded, step, stepCount);
        canMergeOffline = Bindings.createBooleanBinding(() -> loaded.get() != null && main.originProperty().get() != null
                && !merging.get() && !main.busyProperty().get(), loaded, main.originProperty(), merging, main.busyProperty());
        main.documentProperty().addListener((obs, was, now) -> {
            strategy.prefill(now);
            replan();
        });
        main.originProperty().addListener((obs, was, now) -> replan());
        throughput.addListener(o -> recomputeEstimate());
        flushLatency.addListener(o -> recomputeEstimate());
        crashPoint.addListener(o -> clearCrash());
        shown.addListener((obs, was, now) -> {
            if (now && planStale) {
                replan();
            }
        });
        strategy.prefill(main.document());
        replan();
    }

    public BooleanProperty shownProperty() {
        return shown;
    }

    public MainViewModel main() {
        return main;
    }

    public StrategyViewModel strategy() {
        return strategy;
    }

    /** The plan of the open COW, or null (none open, not mergeable, or still building). */
    public ReadOnlyObjectProperty<Loaded> loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** Why there is no plan, or the plan's headline. */
    public ReadOnlyStringProperty planMessageProperty() {
        return planMessage.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stepCountProperty() {
        return stepCount.getReadOnlyProperty();
    }

    /** Everything shown for the current step. */
    public ReadOnlyObjectProperty<StepView> stepViewProperty() {
        return stepView.getReadOnlyProperty();
    }

    /** The chunk map with the merged steps' data chunks marked; null without a plan. */
    public ReadOnlyObjectProperty<MergedCells> cellsProperty() {
        return cells.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Copy throughput in MB/s (10^6 bytes). */
    public StringProperty throughputProperty() {
        return throughput;
    }

    /** Latency of one cache flush or FUA write, in milliseconds. */
    public StringProperty flushLatencyProperty() {
        return flushLatency;
    }

    public ReadOnlyObjectProperty<MergeEstimate> estimateProperty() {
        return estimate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty estimateTextProperty() {
        return estimateText.getReadOnlyProperty();
    }

    /** Why a merge of scattered writes takes long: the share of the time spent in flushes. */
    public ReadOnlyStringProperty whySlowProperty() {
        return whySlow.getReadOnlyProperty();
    }

    /** What is wrong with the throughput or latency, or empty. */
    public ReadOnlyStringProperty estimateErrorProperty() {
        return estimateError.getReadOnlyProperty();
    }

    /** Where "Crash here" cuts the current step. */
    public ObjectProperty<CrashPoint> crashPointProperty() {
        return crashPoint;
    }

    public ReadOnlyObjectProperty<CrashState> crashProperty() {
        return crash.getReadOnlyProperty();
    }

    /** What is on disk after the crash, what the next activation does, why the view is unchanged. */
    public ReadOnlyStringProperty crashTextProperty() {
        return crashText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CrashReplay.Proof> proofProperty() {
        return proof.getReadOnlyProperty();
    }

    /** The rebuilt view's sha256 against the pre-merge view's, or what attaching an origin would prove. */
    public ReadOnlyStringProperty proofTextProperty() {
        return proofText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty provingProperty() {
        return proving.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty mergingProperty() {
        return merging.getReadOnlyProperty();
    }

    /** The offline merge's outcome, or why it is not available. */
    public ReadOnlyStringProperty mergeTextProperty() {
        return mergeText.getReadOnlyProperty();
    }

    /** A current step exists (the merge is not complete). */
    public BooleanBinding canCrashProperty() {
        return canCrash;
    }

    /** A plan, an attached origin, and no merge or open running. */
    public BooleanBinding canMergeOfflineProperty() {
        return canMergeOffline;
    }

    /** Moves to {@code k} committed steps (clamped). */
    public void setStep(int k) {
        int clamped = Math.max(0, Math.min(stepCount.get(), k));
        if (clamped != step.get()) {
            step.set(clamped);
            clearCrash();
            refreshStep();
        }
    }

    public void stepForward() {
        setStep(step.get() + 1);
    }

    public void stepBack() {
        setStep(step.get() - 1);
    }

    /** Plays from the current step (from the start when the merge is complete). */
    public void play() {
        if (loaded.get() == null || stepCount.get() == 0) {
            return;
        }
        if (step.get() >= stepCount.get()) {
            setStep(0);
        }
        playCarry = 0;
        lastTick = 0;
        playing.set(true);
    }

    public void pause() {
        playing.set(false);
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** Steps per second while playing: the whole merge in about {@value #PLAY_SECONDS} s. */
    public double stepsPerSecond() {
        return Math.max(MIN_STEPS_PER_SECOND, stepCount.get() / PLAY_SECONDS);
    }

    /** One animation frame at {@code nowNanos}: advances as many steps as the elapsed time allows. */
    public void tick(long nowNanos) {
        if (!playing.get()) {
            return;
        }
        if (lastTick == 0) {
            lastTick = nowNanos;
            return;
        }
        playCarry += (nowNanos - lastTick) / 1e9 * stepsPerSecond();
        lastTick = nowNanos;
        int advance = (int) playCarry;
        if (advance > 0) {
            playCarry -= advance;
            setStep(step.get() + advance);
        }
        if (step.get() >= stepCount.get()) {
            pause();
        }
    }

    /** Hover text for a map cell: its role now and, for a data chunk, the step that merges it. */
    public String describeChunk(long first, long chunks) {
        MergedCells c = cells.get();
        Loaded l = loaded.get();
        if (c == null || l == null || first < 0 || first >= c.chunkCount()) {
            return "";
        }
        if (chunks > 1) {
            int[] counts = new int[c.roleCount()];
            c.countRoles(first, Math.min(c.chunkCount(), first + chunks), counts);
            return String.format(Locale.ROOT, "chunks %s – %s: %s merged, %s still to merge", Formats.grouped(first),
                    Formats.grouped(first + chunks - 1), Formats.grouped(counts[MergedCells.MERGED]),
                    Formats.grouped(counts[CowChunkRole.DATA.ordinal()]));
        }
        int role = c.roleAt(first);
        String what = role == MergedCells.MERGED ? "Merged (its entry is zeroed, the origin holds its data)"
                : CowChunkRole.of(role).label();
        int stepOf = c.stepMerging(first);
        return "COW chunk " + Formats.grouped(first) + "\n" + what + (stepOf >= 0 ? "\nmerged by step " + Formats.grouped(stepOf) : "");
    }

    /** The status line at the current step, as {@code dmsetup status} prints it. */
    public String statusLine() {
        return stepView.get().statusLine();
    }

    /**
     * A power loss during the current step, at {@link #crashPointProperty()}: explains the
     * recovery and, with an origin attached, starts the proof in the background.
     */
    public void crashHere() {
        Loaded l = loaded.get();
        if (l == null || step.get() >= stepCount.get()) {
            return;
        }
        clearCrash();
        CrashState c = l.simulator().crash(step.get(), crashPoint.get());
        crash.set(c);
        crashText.set(describeCrash(l, c));
        AttachedOrigin origin = main.originProperty().get();
        if (origin == null) {
            proofText.set("No origin attached, so the view is not rebuilt. Attach the origin (File ▸ Attach origin…) and press "
                    + "Crash here again: CowScope then replays steps 0…" + c.step() + " with the kernel's procedure on in-memory "
                    + "copies of the origin and the COW (your files are only read), cuts it " + pointWords(c.point())
                    + ", re-reads the crashed COW as the next activation does, and hashes the snapshot view it serves: "
                    + "its sha256 must equal the pre-merge view's.");
            return;
        }
        startProof(l, c, origin);
    }

    /** Cancels a running proof. */
    public void cancelProof() {
        proofJob.cancel();
        proofJob = TaskRunner.Cancellable.DONE;
    }

    /** Merges the attached origin and the open COW into {@code target}, a new file (temp, fsync, rename). */
    public void mergeInto(Path target) {
        OpenedImage doc = main.document();
        AttachedOrigin origin = main.originProperty().get();
        if (doc == null || origin == null) {
            main.dialogs().showError("No origin attached", "Attach the origin (File ▸ Attach origin…) to merge it with the COW "
                    + "into a new file.", null);
            return;
        }
        merging.set(true);
        mergeText.set("Merging into " + target + " …");
        mergeJob = main.tasks().run(Job.of("Merging into " + target.getFileName(),
                        progress -> OfflineMerge.toNewFile(origin.path(), doc.path(), target, progress))
                .onSuccess(result -> {
                    merging.set(false);
                    String text = String.format(Locale.ROOT, "Merged origin written to %s: %s; %s origin chunks taken from the COW "
                                    + "(the kernel would take %s steps), %s left as holes. It is what the kernel's merge leaves on the origin.",
                            result.target(), Formats.bytes(result.sizeBytes()), Formats.grouped(result.chunksMerged()),
                            Formats.grouped(result.stepsMerged()), Units.human(result.holeBytes()));
                    mergeText.set(text);
                    main.reportStatus("Merged into " + result.target());
                })
                .onFailure(error -> {
                    merging.set(false);
                    mergeText.set("The merge into " + target.getFileName() + " failed; nothing was written there.");
                    main.dialogs().showError("Cannot merge into " + target.getFileName(), messageOf(error), error);
                })
                .onCancelled(() -> {
                    merging.set(false);
                    mergeText.set("Merge into " + target.getFileName() + " cancelled; nothing was written there.");
                    main.reportStatus("Merge cancelled");
                }));
    }

    public void cancelMerge() {
        mergeJob.cancel();
        mergeJob = TaskRunner.Cancellable.DONE;
    }

    private void replan() {
        pause();
        planJob.cancel();
        cancelProof();
        clearCrash();
        preMergeSha = null;
        loaded.set(null);
        cells.set(null);
        stepCount.set(0);
        step.set(0);
        stepView.set(StepView.NONE);
        mergeText.set(main.originProperty().get() == null ? "Attach the origin to merge it with the COW into a new file." : "");
        OpenedImage doc = main.document();
        if (doc == null) {
            planMessage.set("Open a COW image to plan its merge. The strategy comparison below works without one.");
            recomputeEstimate();
            return;
        }
        planStale = !shown.get();
        if (planStale) {
            planMessage.set("The merge of " + doc.displayName() + " is planned when this tab is shown.");
            return;
        }
        AttachedOrigin origin = main.originProperty().get();
        long originBytes = origin == null ? -1 : origin.sizeBytes();
        planMessage.set("Planning the merge of " + doc.displayName() + " …");
        planJob = main.tasks().run(Job.of("Planning the merge", progress -> {
            MergePlan plan = MergePlan.of(doc.image(), originBytes < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(originBytes));
            return new Loaded(doc, plan, new MergeSimulator(plan), MergedCells.of(doc.chunkMap().cells(), plan),
                    prefixBytes(plan), originBytes);
        }).onSuccess(l -> {
            if (main.document() != doc) {
                return;
            }
            loaded.set(l);
            stepCount.set(l.plan().stepCount());
            step.set(0);
            MergeTotals t = l.plan().totals();
            planMessage.set(String.format(Locale.ROOT, "%s steps merge %s chunks (%s) newest first, one copy in flight; "
                            + "%s of them copy a single chunk.%s",
                    Formats.grouped(t.steps()), Formats.grouped(t.chunks()), Units.human(t.bytesWritten()),
                    Formats.grouped(t.singleChunkSteps()),
                    l.plan().stepsPastOriginEnd() > 0 ? " Warning: " + l.plan().stepsPastOriginEnd()
                            + " step(s) write past the end of the origin: the kernel stops with \"Write error\"." : ""));
            refreshStep();
            recomputeEstimate();
        }).onFailure(error -> {
            if (main.document() != doc) {
                return;
            }
            if (error instanceof MergeException) {
                planMessage.set("No merge: " + error.getMessage());
            } else {
                planMessage.set("The merge could not be planned.");
                main.dialogs().showError("Cannot plan the merge", messageOf(error), error);
            }
        }).onCancelled(() -> { }));
    }

    private static long[] prefixBytes(MergePlan plan) {
        long[] bytes = new long[plan.stepCount() + 1];
        for (int k = 0; k < plan.stepCount(); k++) {
            bytes[k + 1] = bytes[k] + plan.step(k).copyBytes();
        }
        return bytes;
    }

    private void refreshStep() {
        Loaded l = loaded.get();
        if (l == null) {
            stepView.set(StepView.NONE);
            cells.set(null);
            return;
        }
        int k = step.get();
        cells.set(l.cells().atStep(k));
        stepView.set(StepView.of(l, k, estimate.get()));
    }

    private void recomputeEstimate() {
        Loaded l = loaded.get();
        double rate;
        double latency;
        try {
            rate = number(throughput.get(), "throughput") * MB;
            latency = number(flushLatency.get(), "flush latency");
            if (rate <= 0) {
                throw new IllegalArgumentException("the throughput must be positive");
            }
        } catch (IllegalArgumentException e) {
            estimateError.set(e.getMessage());
            estimate.set(null);
            estimateText.set("");
            whySlow.set("");
            refreshStepText();
            return;
        }
        estimateError.set("");
        if (l == null) {
            estimate.set(null);
            estimateText.set("");
            whySlow.set("");
            return;
        }
        MergeEstimate e = MergeEstimate.of(l.plan().totals(), rate, latency);
        estimate.set(e);
        MergeTotals t = l.plan().totals();
        estimateText.set(String.format(Locale.ROOT, "%s in all: copying %s takes %s, %s flushes take %s",
                seconds(e.totalSeconds()), Units.human(t.bytesWritten()), seconds(e.copySeconds()),
                Formats.grouped(t.flushes()), seconds(e.flushSeconds())));
        whySlow.set(t.steps() == 0 ? "Nothing to merge." : String.format(Locale.ROOT,
                "%.1f %% of the time is spent waiting for flushes. Each of the %s steps copies one run and then waits for two "
                        + "flushes (blkdev_issue_flush of the origin, then the REQ_PREFLUSH|REQ_FUA write of its area) before "
                        + "the next copy may start. %s of %s steps copy a single chunk (%.1f chunks per step on average): "
                        + "scattered writes make many small steps, so the merge moves %s/s, not %s/s.",
                100 * e.flushShare(), Formats.grouped(t.steps()), Formats.grouped(t.singleChunkSteps()), Formats.grouped(t.steps()),
                (double) t.chunks() / t.steps(), Units.human((long) e.effectiveBytesPerSecond()),
                Units.human((long) e.throughputBytesPerSecond())));
        refreshStepText();
    }

    private void refreshStepText() {
        Loaded l = loaded.get();
        if (l != null) {
            stepView.set(StepView.of(l, step.get(), estimate.get()));
        }
    }

    private void startProof(Loaded l, CrashState c, AttachedOrigin origin) {
        OpenedImage doc = l.document();
        String knownSha = preMergeSha;
        proving.set(true);
        proofText.set("Rebuilding the crashed state's snapshot view in the background …");
        proofJob = main.tasks().run(Job.of("Proving the crash at step " + c.step(), progress -> {
            String before = knownSha != null ? knownSha
                    : CrashReplay.viewSha256(origin.source(), doc.image(), doc.source(), progress);
            return CrashReplay.prove(l.plan(), c, origin.source(), doc.source(), doc.options(), before, progress);
        }).onSuccess(p -> {
            proving.set(false);
            if (crash.get() != c) {
                return;
            }
            preMergeSha = p.preMergeSha256();
            proof.set(p);
            proofText.set(describeProof(p));
        }).onFailure(error -> {
            proving.set(false);
            if (crash.get() != c) {
                return;
            }
            if (error instanceof MergeException) {
                proofText.set("Not rebuilt: " + error.getMessage());
            } else {
                proofText.set("The rebuild failed.");
                main.dialogs().showError("Cannot rebuild the crashed state", messageOf(error), error);
            }
        }).onCancelled(() -> {
            proving.set(false);
            if (crash.get() == c) {
                proofText.set("Rebuild cancelled.");
            }
        }));
    }

    private void clearCrash() {
        cancelProof();
        proving.set(false);
        crash.set(null);
        proof.set(null);
        crashText.set("");
        proofText.set("");
    }

    static String describeProof(CrashReplay.Proof p) {
        String verdict = p.viewUnchanged() ? "equal: the snapshot view is unchanged." : "DIFFERENT: the crash changed the view!";
        String reload = p.matchesSimulator()
                ? String.format(Locale.ROOT, "The crashed COW reloads with %s entries (status %s), as predicted.",
                        Formats.grouped(p.entriesReloaded()), p.usageReloaded().dmsetupStatus())
                : String.format(Locale.ROOT, "The crashed COW reloads with %s entries (status %s), not the predicted %s (%s).",
                        Formats.grouped(p.entriesReloaded()), p.usageReloaded().dmsetupStatus(),
                        Formats.grouped(p.crash().entriesOnDisk()), p.crash().usageAtActivation().dmsetupStatus());
        return "Crashed state's view  sha256 " + p.crashedSha256() + "\n"
                + "Pre-merge view        sha256 " + p.preMergeSha256() + "\n"
                + verdict + " " + reload + " (replayed in memory: " + Units.human(p.overlayBytes()) + ")";
    }

    static String describeCrash(Loaded l, CrashState c) {
        MergeStep s = l.plan().step(c.step());
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Power lost during step %s, %s.%n%n", Formats.grouped(c.step()), pointWords(c.point())));
        text.append(String.format(Locale.ROOT, "On disk: %s step(s) committed; %s entries remain in the COW (%s zeroed by commits); "
                        + "%s origin chunks already hold the snapshot's data%s.%n%n",
                Formats.grouped(c.stepsCommitted()), Formats.grouped(c.entriesOnDisk()), Formats.grouped(c.entriesZeroed()),
                Formats.grouped(c.originChunksWritten()),
                c.point() == CrashPoint.BEFORE_COMMIT ? " (this step's " + s.chunks() + " perhaps only in part)" : ""));
        text.append("Next activation: ").append(c.recovery()).append(String.format(Locale.ROOT,
                " The merge resumes with step %s of this plan; status at reload: %s.%n%n",
                Formats.grouped(c.resumeStep()), c.usageAtActivation().dmsetupStatus()));
        text.append("Why the snapshot view is unchanged: an origin chunk's entry is zeroed only by the commit that follows the "
                + "flush of its copy, so every origin chunk either still has its entry (reads go to its COW chunk, which a merge "
                + "never overwrites) or already holds that chunk's data on the origin.");
        return text.toString();
    }

    private static String pointWords(CrashPoint point) {
        return point == CrashPoint.BEFORE_COMMIT ? "before its metadata commit" : "after its metadata commit";
    }

    private static double number(String text, String what) {
        try {
            double value = Double.parseDouble(text == null ? "" : text.strip());
            if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a valid " + what + ": '" + text + "'");
        }
    }

    static String seconds(double s) {
        if (s < 1) {
            return String.format(Locale.ROOT, "%.1f ms", s * 1000);
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        return String.format(Locale.ROOT, "%dh %02dm %02ds", (long) s / 3600, (long) s / 60 % 60, (long) s % 60);
    }

    private static String messageOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    /**
     * The plan of one opened COW.
     *
     * @param prefixBytes bytes copied by the first {@code k} steps, for every {@code k}
     * @param originBytes the attached origin's size, or -1
     */
    public record Loaded(OpenedImage document, MergePlan plan, MergeSimulator simulator, MergedCells cells, long[] prefixBytes,
                         long originBytes) {
        public String status(MergeState state) {
            return simulator.status(state);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return Objects.hash(document, plan);
        }

        @Override
        public String toString() {
            return "Loaded[" + document.displayName() + ", " + plan.stepCount() + " steps]";
        }
    }

    /**
     * What the tab shows at one step; every text is ready to display.
     *
     * @param title which step, of how many
     * @param statusLine {@code dmsetup status} after the committed steps
     * @param statusDuringCopy the status while the current step copies, when its {@code prepare_merge} stepped back an area
     * @param currentCowChunk the current step's first COW chunk, or -1
     */
    public record StepView(int stepsDone, String title, String originRange, String cowRange, String bytes, String area,
                           String statusLine, String statusDuringCopy, String entriesLeft, String chunksMerged, String bytesCopied,
                           String flushes, String elapsed, boolean finished, long currentCowChunk) {
        static final StepView NONE = new StepView(0, "No plan", "—", "—", "—", "—", "", "", "—", "—", "—", "—", "—", false, -1);

        static StepView of(Loaded l, int k, MergeEstimate estimate) {
            MergePlan plan = l.plan();
            int n = plan.stepCount();
            MergeState state = l.simulator().afterSteps(k);
            String status = l.status(state);
            String entries = Formats.grouped(state.entriesLeft()) + " of " + Formats.grouped(plan.image().exceptions().size());
            String merged = Formats.grouped(state.originChunksMerged()) + " of " + Formats.grouped(plan.totals().chunks());
            String copied = Units.human(l.prefixBytes()[k]) + " of " + Units.human(plan.totals().bytesWritten());
            String flushes = Formats.grouped(2L * k) + " (" + Formats.grouped(k) + " area writes)";
            String elapsed = estimate == null ? "—" : seconds(l.prefixBytes()[k] / estimate.throughputBytesPerSecond()
                    + k * MergeEstimate.FLUSHES_PER_STEP * estimate.flushLatencyMillis() / 1000.0) + " of " + seconds(estimate.totalSeconds());
            if (k >= n) {
                String title = n == 0 ? "Nothing to merge: the table is empty" : "Merge complete: all " + Formats.grouped(n) + " steps committed";
                return new StepView(k, title, "—", "—", "—", "—", status, "", entries, merged, copied, flushes, elapsed, true, -1);
            }
            MergeStep s = plan.step(k);
            CowImage image = plan.image();
            long chunkBytes = plan.layout().chunkSizeBytes();
            String title = "Step " + Formats.grouped(k) + " of " + Formats.grouped(n) + " (" + Formats.grouped(k) + " committed; this one is next)";
            String origin = range("origin chunks", s.originFirstChunk(), s.chunks(), chunkBytes);
            String cow = range("COW chunks", s.cowFirstChunk(), s.chunks(), chunkBytes);
            String bytes = Formats.bytes(s.copyBytes()) + " (" + s.chunks() + (s.chunks() == 1 ? " chunk)" : " chunks)");
            long slotFirst = s.committedAfter();
            String slots = s.chunks() == 1 ? "entry " + slotFirst : "entries " + slotFirst + "…" + (slotFirst + s.chunks() - 1);
            String area = String.format(Locale.ROOT, "area %d (metadata chunk %s): %s zeroed, then written with REQ_PREFLUSH|REQ_FUA%s",
                    s.area(), Formats.grouped(plan.layout().areaLocation(s.area())), slots,
                    s.entersArea() ? "; prepare_merge first re-reads this area (current_area drops)" : "");
            String during = l.simulator().prepared(k).map(l::status).orElse("");
            if (image.exceptions().size() == 0) {
                during = "";
            }
            return new StepView(k, title, origin, cow, bytes, area, status, during, entries, merged, copied, flushes, elapsed, false,
                    s.cowFirstChunk());
        }

        private static String range(String what, long first, int count, long chunkBytes) {
            String chunks = count == 1 ? Formats.unsigned(first) : Formats.unsigned(first) + " … " + Formats.unsigned(first + count - 1);
            return what + " " + chunks + "  (bytes @" + Formats.hex(first * chunkBytes) + ")";
        }
    }
}
