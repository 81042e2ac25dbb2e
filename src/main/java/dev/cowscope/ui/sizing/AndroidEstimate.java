package dev.cowscope.ui.sizing;

import dev.cowscope.android.AndroidBlockCompressor;
import dev.cowscope.android.AndroidCowOptions;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.input.RangesFile;
import dev.cowscope.sizing.AndroidPairPlan;
import dev.cowscope.sizing.ChunkSizeRule;
import dev.cowscope.sizing.Margin;
import dev.cowscope.sizing.RoundingUnit;
import dev.cowscope.ui.common.BackgroundJob;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Plan tab's Android Virtual A/B COW for the same change, as {@code size --android} computes it: for two
 * images the writer's ops and compressed lengths (a second pass over both, in the background, on demand); for a
 * ranges file the upper bound (every touched block a REPLACE stored raw). A count of chunks says nothing about
 * blocks, so it gives no Android estimate. Any change of the inputs drops a result computed for older ones.
 */
public final class AndroidEstimate {
    /** Compressions offered: AOSP's, less brotli (no Java encoder: a guessed length would look computed). */
    public static final List<String> COMPRESSIONS = List.of("lz4", "zstd", "gz", "none");
    /** v3 compression factors offered, in bytes (4K blocks: 1 to 64 blocks per op). */
    public static final List<Long> FACTORS = List.of(4096L, 8192L, 16384L, 32768L, 65536L, 131072L, 262144L);

    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Consumer<String> status;
    private final PlanInputs inputs;
    private final ChangeMeasurement measurement;
    private final ObjectProperty<Integer> version = new SimpleObjectProperty<>(this, "version", 3);
    private final ObjectProperty<String> compression = new SimpleObjectProperty<>(this, "compression", "lz4");
    private final ObjectProperty<Long> factor = new SimpleObjectProperty<>(this, "factor", 65536L);
    private final ReadOnlyObjectWrapper<AndroidPairPlan> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private int generation;
    private TaskRunner.Cancellable job = TaskRunner.Cancellable.DONE;

    AndroidEstimate(TaskRunner tasks, DialogService dialogs, Consumer<String> status, PlanInputs inputs, ChangeMeasurement measurement) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.status = status;
        this.inputs = inputs;
        this.measurement = measurement;
        // what the estimate depends on (not the dm chunk sizes picked)
        for (javafx.beans.Observable input : List.of(version, compression, factor, inputs.modeProperty(), measurement.oldImageProperty(),
                measurement.newImageProperty(), measurement.rangesFileProperty(), inputs.marginProperty(), inputs.roundingProperty(),
                inputs.customRoundingProperty(), inputs.originSizeProperty(), inputs.cowBlockBytesProperty(),
                inputs.originBlockBytesProperty())) {
            input.addListener(o -> drop());
        }
        drop();
    }

    /** 2 or 3: the writer version (AOSP 12–14 write v2, 15 on v3). */
    public ObjectProperty<Integer> versionProperty() {
        return version;
    }

    /** One of {@link #COMPRESSIONS}. */
    public ObjectProperty<String> compressionProperty() {
        return compression;
    }

    /** The v3 compression factor in bytes (v2 writes one op per block). */
    public ObjectProperty<Long> factorProperty() {
        return factor;
    }

    /** The estimate for the current inputs, null until asked for (and again after any change). */
    public ReadOnlyObjectProperty<AndroidPairPlan> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** What the estimate is (or why there is none, or what to do), in a sentence or two. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Estimates for the current inputs in the background (progress and Cancel in the status bar). */
    public void estimate() {
        AndroidCowOptions options;
        Margin margin;
        RoundingUnit unit;
        ChunkSizeRule rule;
        long origin;
        try {
            options = AndroidCowOptions.estimator(version.get(), AndroidCowOptions.DEFAULT_BLOCK_SIZE,
                    AndroidCowOptions.DEFAULT_CLUSTER_OPS, version.get() >= 3 ? factor.get() : AndroidCowOptions.DEFAULT_BLOCK_SIZE);
            margin = inputs.margin();
            unit = inputs.roundingUnit();
            rule = inputs.rule();
            origin = inputs.originBytes();
        } catch (IllegalArgumentException e) {
            summary.set(PlanWording.capitalised(e.getMessage()));
            return;
        }
        BackgroundJob<AndroidPairPlan> work;
        switch (inputs.modeProperty().get()) {
            case IMAGE_PAIR -> {
                Path before = measurement.oldImageProperty().get();
                Path after = measurement.newImageProperty().get();
                if (before == null || after == null) {
                    summary.set("Choose the old and the new image above first.");
                    return;
                }
                AndroidBlockCompressor.Compression c = AndroidBlockCompressor.Compression.parse(compression.get());
                work = progress -> {
                    try (BlockSource a = BlockSources.open(before, progress); BlockSource b = BlockSources.open(after, progress)) {
                        return AndroidPairPlan.estimate(a, b, options, List.of(c), margin, unit, rule, progress);
                    }
                };
            }
            case RANGES -> {
                Path ranges = measurement.rangesFileProperty().get();
                if (ranges == null) {
                    summary.set("Choose a ranges file above first.");
                    return;
                }
                work = progress -> AndroidPairPlan.fromRanges(RangesFile.read(ranges), origin, options, margin, unit, rule);
            }
            default -> {
                summary.set(NEEDS_BLOCKS);
                return;
            }
        }
        boolean fromRanges = inputs.modeProperty().get() == PlanInputs.Mode.RANGES;
        job.cancel();
        int id = ++generation;
        running.set(true);
        summary.set("Estimating the Android COW… (progress and Cancel in the status bar)");
        job = tasks.run(Job.of("Estimating the Android COW", work).onSuccess(plan -> {
            if (id == generation) {
                running.set(false);
                result.set(plan);
                summary.set(describe(plan, fromRanges));
                status.accept("Android COW estimated: " + Formats.grouped(plan.rows().get(0).allocationBytes()) + " bytes to allocate");
            }
        }).onFailure(error -> {
            if (id == generation) {
                running.set(false);
                summary.set("The estimate failed; see the message.");
                dialogs.showError("Cannot estimate the Android COW", error);
            }
        }).onCancelled(() -> {
            if (id == generation) {
                running.set(false);
                summary.set("The estimate was cancelled.");
            }
        }));
    }

    static final String NEEDS_BLOCKS = "An Android COW is sized from blocks: choose two images or a ranges file above "
            + "(a count of chunks does not say which blocks change).";

    /** Forgets a result made for other inputs (and a running estimate). */
    private void drop() {
        job.cancel();
        generation++;
        running.set(false);
        result.set(null);
        summary.set(inputs.modeProperty().get() == PlanInputs.Mode.CHANGED_CHUNKS ? NEEDS_BLOCKS
                : "Press Estimate for the Android COW of this change (images: a second pass over both).");
    }

    private static String describe(AndroidPairPlan p, boolean fromRanges) {
        AndroidCowOptions o = p.options();
        String writer = String.format(Locale.ROOT, "Android COW v%d%s", o.version(),
                o.version() >= 3 ? ", compression factor " + Formats.grouped(o.compressionFactor() / 1024) + "K" : "");
        if (fromRanges) {
            return String.format(Locale.ROOT, "%s: %s blocks touched by the ranges, each a REPLACE stored raw, in %s ops. "
                    + "An upper bound: compression and moved blocks need the content (choose two images).", writer,
                    Formats.grouped(p.replaceBlocks()), Formats.grouped(p.replaceOps()));
        }
        return String.format(Locale.ROOT, "%s: %s COPY (moved), %s ZERO, %s REPLACE blocks in %s ops; XOR ops come from "
                + "update_engine's diffs and are not produced.", writer, Formats.grouped(p.copyBlocks()), Formats.grouped(p.zeroBlocks()),
                Formats.grouped(p.replaceBlocks()), Formats.grouped(p.replaceOps()));
    }
}
