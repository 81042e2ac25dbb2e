package dev.cowscope.ui.merge;

import dev.cowscope.format.Rates;
import dev.cowscope.merge.MergeEstimate;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * How long the planned merge takes at the throughput and flush latency typed in. The fields take
 * exactly what {@code merge plan --throughput/--flush-latency} take ({@link Rates}), with the same
 * meaning and the same messages, and start at the CLI's defaults.
 */
public final class MergeEstimateModel {
    /** The CLI's defaults, so that the tab and {@code merge plan} agree until someone types. */
    public static final String DEFAULT_THROUGHPUT = "100M";
    public static final String DEFAULT_FLUSH_LATENCY = "5ms";

    private final MergePlanModel plan;
    private final StringProperty throughput = new SimpleStringProperty(this, "throughput", DEFAULT_THROUGHPUT);
    private final StringProperty flushLatency = new SimpleStringProperty(this, "flushLatency", DEFAULT_FLUSH_LATENCY);
    private final ReadOnlyObjectWrapper<MergeEstimate> estimate = new ReadOnlyObjectWrapper<>(this, "estimate");
    private final ReadOnlyStringWrapper estimateText = new ReadOnlyStringWrapper(this, "estimateText", "");
    private final ReadOnlyStringWrapper whySlow = new ReadOnlyStringWrapper(this, "whySlow", "");
    private final ReadOnlyStringWrapper throughputError = new ReadOnlyStringWrapper(this, "throughputError", "");
    private final ReadOnlyStringWrapper latencyError = new ReadOnlyStringWrapper(this, "latencyError", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    MergeEstimateModel(MergePlanModel plan) {
        this.plan = plan;
        throughput.addListener(o -> recompute());
        flushLatency.addListener(o -> recompute());
        plan.plannedProperty().addListener(o -> recompute());
        recompute();
    }

    /** Copy throughput: {@link Rates#THROUGHPUT_SYNTAX}. */
    public StringProperty throughputProperty() {
        return throughput;
    }

    /** Latency of one cache flush or FUA write: {@link Rates#LATENCY_SYNTAX}. */
    public StringProperty flushLatencyProperty() {
        return flushLatency;
    }

    /** The estimate, or null without a plan or with a bad input. */
    public ReadOnlyObjectProperty<MergeEstimate> estimateProperty() {
        return estimate.getReadOnlyProperty();
    }

    public MergeEstimate estimate() {
        return estimate.get();
    }

    public ReadOnlyStringProperty estimateTextProperty() {
        return estimateText.getReadOnlyProperty();
    }

    /** Why a merge of scattered writes takes long: the share of the time spent in flushes. */
    public ReadOnlyStringProperty whySlowProperty() {
        return whySlow.getReadOnlyProperty();
    }

    /** What is wrong with the throughput, as {@code merge plan} says it after {@code --throughput: }; or empty. */
    public ReadOnlyStringProperty throughputErrorProperty() {
        return throughputError.getReadOnlyProperty();
    }

    /** What is wrong with the latency, as {@code merge plan} says it after {@code --flush-latency: }; or empty. */
    public ReadOnlyStringProperty latencyErrorProperty() {
        return latencyError.getReadOnlyProperty();
    }

    /** Both problems, each after its field's name, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    private void recompute() {
        long rate = -1;
        double latency = -1;
        throughputError.set("");
        latencyError.set("");
        try {
            rate = Rates.parseThroughput(throughput.get());
        } catch (IllegalArgumentException e) {
            throughputError.set(e.getMessage());
        }
        try {
            latency = Rates.parseLatencyMillis(flushLatency.get());
        } catch (IllegalArgumentException e) {
            latencyError.set(e.getMessage());
        }
        error.set(MergeProse.inputErrors(throughputError.get(), latencyError.get()));
        PlannedMerge p = plan.planned();
        if (p == null || rate < 0 || latency < 0) {
            estimate.set(null);
            estimateText.set("");
            whySlow.set("");
            return;
        }
        MergeEstimate e = MergeEstimate.of(p.plan().totals(), rate, latency);
        estimate.set(e);
        estimateText.set(MergeProse.estimate(p.plan(), e));
        whySlow.set(MergeProse.whySlow(p.plan().totals(), e));
    }
}
