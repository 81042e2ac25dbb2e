package dev.cowscope.ui.merge;

import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeSimulator;
import dev.cowscope.ui.document.OpenedImage;
import java.util.Objects;

/**
 * The merge of one opened COW as planned in the background: the engine's simulator (and its plan)
 * and the chunk map's cells for marking merged steps.
 *
 * @param originBytes the attached origin's size, or -1
 */
public record PlannedMerge(OpenedImage document, MergeSimulator simulator, MergedCells cells, long originBytes) {
    public MergePlan plan() {
        return simulator.plan();
    }

    // the plan's arrays make value equality costly and meaningless: one planning, one identity
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return Objects.hash(document, simulator);
    }

    @Override
    public String toString() {
        return "PlannedMerge[" + document.displayName() + ", " + plan().stepCount() + " steps]";
    }
}
