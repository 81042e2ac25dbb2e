package dev.cowscope.ui.merge;

import dev.cowscope.ui.document.MainViewModel;
import javafx.beans.property.BooleanProperty;

/**
 * The Merge tab for the open COW, one part per concern: the plan ({@link MergePlanModel}), its
 * time ({@link MergeEstimateModel}), the playback of its steps ({@link MergePlayback}), "Crash
 * here" and its proof ({@link CrashProofModel}), the offline merge ({@link OfflineMergeModel}),
 * Export JSON ({@link MergeJsonExport}) and the strategy comparison, which needs no COW. The
 * parts listen to the plan; the merge itself is the engine's, called from background tasks.
 */
public final class MergeViewModel {
    private final MainViewModel main;
    private final StrategyViewModel strategy = new StrategyViewModel();
    private final MergePlanModel plan;
    private final MergeEstimateModel estimate;
    private final MergePlayback playback;
    private final CrashProofModel crash;
    private final OfflineMergeModel offline;
    private final MergeJsonExport export;

    public MergeViewModel(MainViewModel main) {
        this.main = main;
        main.documentProperty().addListener((obs, was, now) -> strategy.prefill(now));
        strategy.prefill(main.document());
        plan = new MergePlanModel(main);
        // the estimate listens to the plan before the playback, whose step view shows the time so far
        estimate = new MergeEstimateModel(plan);
        playback = new MergePlayback(plan, estimate);
        crash = new CrashProofModel(main, plan, playback);
        offline = new OfflineMergeModel(main, plan);
        export = new MergeJsonExport(main, plan, estimate);
        plan.replan();
    }

    /** Whether the Merge tab is on screen: the plan waits for it. */
    public BooleanProperty shownProperty() {
        return plan.shownProperty();
    }

    public MainViewModel main() {
        return main;
    }

    public StrategyViewModel strategy() {
        return strategy;
    }

    public MergePlanModel plan() {
        return plan;
    }

    public MergeEstimateModel estimate() {
        return estimate;
    }

    public MergePlayback playback() {
        return playback;
    }

    public CrashProofModel crash() {
        return crash;
    }

    public OfflineMergeModel offline() {
        return offline;
    }

    public MergeJsonExport export() {
        return export;
    }
}
