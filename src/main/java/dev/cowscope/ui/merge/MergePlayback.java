package dev.cowscope.ui.merge;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Where the tab is in the planned merge and the clock that plays it. The step is the number of
 * steps committed, {@code 0 … stepCount}; the "current step" is the one in flight next (index
 * {@code step}), none once the merge is complete. Changed only on the FX thread.
 */
public final class MergePlayback {
    /** The whole merge plays in about this many seconds, at least {@link #MIN_STEPS_PER_SECOND}. */
    public static final double PLAY_SECONDS = 8;
    public static final double MIN_STEPS_PER_SECOND = 2;

    private final MergePlanModel plan;
    private final MergeEstimateModel estimate;
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step", 0);
    private final ReadOnlyIntegerWrapper stepCount = new ReadOnlyIntegerWrapper(this, "stepCount", 0);
    private final ReadOnlyObjectWrapper<MergeStepView> stepView = new ReadOnlyObjectWrapper<>(this, "stepView", MergeStepView.NONE);
    private final ReadOnlyObjectWrapper<MergedCells> cells = new ReadOnlyObjectWrapper<>(this, "cells");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing", false);
    private double playCarry;
    private long lastTick;

    MergePlayback(MergePlanModel plan, MergeEstimateModel estimate) {
        this.plan = plan;
        this.estimate = estimate;
        plan.plannedProperty().addListener((obs, was, now) -> {
            pause();
            stepCount.set(now == null ? 0 : now.plan().stepCount());
            step.set(0);
            refresh();
        });
        estimate.estimateProperty().addListener((obs, was, now) -> {
            PlannedMerge p = plan.planned();
            if (p != null) {
                stepView.set(MergeStepView.of(p, step.get(), now));
            }
        });
    }

    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stepCountProperty() {
        return stepCount.getReadOnlyProperty();
    }

    /** Everything shown for the current step. */
    public ReadOnlyObjectProperty<MergeStepView> stepViewProperty() {
        return stepView.getReadOnlyProperty();
    }

    /** The chunk map with the merged steps' data chunks marked; null without a plan. */
    public ReadOnlyObjectProperty<MergedCells> cellsProperty() {
        return cells.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** The status line at the current step, as {@code dmsetup status} prints it. */
    public String statusLine() {
        return stepView.get().statusLine();
    }

    /** Moves to {@code k} committed steps (clamped). */
    public void setStep(int k) {
        int clamped = Math.max(0, Math.min(stepCount.get(), k));
        if (clamped != step.get()) {
            step.set(clamped);
            refresh();
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
        if (plan.planned() == null || stepCount.get() == 0) {
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
        int advance = (int) Math.min(Integer.MAX_VALUE, playCarry);
        if (advance > 0) {
            playCarry -= advance;
            setStep((int) Math.min(Integer.MAX_VALUE, (long) step.get() + advance));
        }
        if (step.get() >= stepCount.get()) {
            pause();
        }
    }

    /** Hover text for a map cell: its role now and, for a data chunk, the step that merges it. */
    public String describeChunk(long first, long chunks) {
        MergedCells c = cells.get();
        if (c == null || plan.planned() == null || first < 0 || first >= c.chunkCount()) {
            return "";
        }
        return MergeProse.chunk(c, first, chunks);
    }

    private void refresh() {
        PlannedMerge p = plan.planned();
        if (p == null) {
            stepView.set(MergeStepView.NONE);
            cells.set(null);
            return;
        }
        int k = step.get();
        cells.set(p.cells().atStep(k));
        stepView.set(MergeStepView.of(p, k, estimate.estimate()));
    }
}
