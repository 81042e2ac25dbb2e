package dev.cowscope.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidMergePlan;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.format.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code merge plan --json} report of an Android COW: {@code {"summary": {...}, "steps": [...]}}
 * ({@code sampledSteps} without {@code --steps}). The steps are streamed from the plan's primitive
 * arrays, one object at a time, so a file of millions of ops is written without a list of rows.
 * Field names are a contract (fields are only added).
 */
public final class AndroidMergePlanReport {
    private AndroidMergePlanReport() {
    }

    /**
     * @param reader              {@code DEFAULT} or {@code USERSPACE_MERGE}
     * @param readerParseOk       AOSP's {@code CowReader::Parse}, the merge preparation included
     * @param error               AOSP's reason when it fails
     * @param orderKind           {@code SEQUENCE_DATA}, {@code ORDERED_THEN_SORTED}, {@code STREAM_ORDER} or {@code NONE}
     * @param numTotalDataOps     the merge order's length ({@code get_num_total_data_ops})
     * @param orderedSteps        the leading steps chosen by the sequence data or the stream order
     * @param numOrderedOpsToMerge {@code get_num_ordered_ops_to_merge}
     * @param numMergeOps         the header's {@code num_merge_ops}, as an unsigned decimal
     * @param firstPendingStep    where a resumed merge starts
     * @param opIterMergeProgressStart the raw op index {@code GetOpIter(true)} starts at
     * @param verifyMergeOps      {@code VerifyMergeOps}: consistent, or the step and AOSP's reason
     * @param reverse             the steps are listed last first ({@code GetRevMergeOpIter})
     */
    public record Summary(String cow, String format, long sizeBytes, long blockSize, String reader, boolean readerParseOk,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String error, String orderKind, String order,
                          int sequenceEntries, int numTotalDataOps, int orderedSteps, long numOrderedOpsToMerge,
                          String numMergeOps, int firstPendingStep, long opIterMergeProgressStart, Verify verifyMergeOps,
                          boolean reverse, List<Map<String, Object>> findings) {
        public static Summary of(AndroidCow cow, AndroidMergePlan plan, boolean reverse) {
            List<Finding> all = new ArrayList<>(cow.findings());
            all.addAll(plan.findings());
            return new Summary(cow.name(), cow.formatName(), cow.sizeBytes(), plan.blockSize(),
                    plan.userspace() ? "USERSPACE_MERGE" : "DEFAULT", plan.readerParseOk(), plan.error(), plan.kind().name(),
                    plan.kind().description(), plan.sequence().length, plan.numTotalDataOps(), plan.orderedCount(),
                    plan.numOrderedOpsToMerge(), Long.toUnsignedString(plan.numMergeOps()), plan.firstPendingStep(),
                    plan.opIterMergeProgressStart(cow),
                    new Verify(plan.verifyOk(), plan.verifyFailStep() >= 0 ? plan.verifyFailStep() : null, plan.verifyError()),
                    reverse, all.stream().map(AndroidInspectReport::finding).toList());
        }
    }

    /** {@code VerifyMergeOps}: {@code consistent}, and when not, the step it stops at and AOSP's reason. */
    public record Verify(boolean consistent, @JsonInclude(JsonInclude.Include.NON_NULL) Integer failStep,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    /** The steps listed, in listing order: every step or a sample, first to last or (reverse) last to first. */
    public static int[] listedSteps(AndroidMergePlan plan, boolean allSteps, boolean reverse) {
        int[] steps = MergePlanReport.stepIndexes(plan.numTotalDataOps(), allSteps);
        if (reverse) {
            for (int i = 0, j = steps.length - 1; i < j; i++, j--) {
                int t = steps[i];
                steps[i] = steps[j];
                steps[j] = t;
            }
        }
        return steps;
    }

    /** Writes the report as indented JSON and a newline; leaves {@code out} open. */
    public static void write(AndroidCow cow, AndroidMergePlan plan, boolean allSteps, boolean reverse, Writer out) throws IOException {
        try (JsonGenerator g = ReportJson.mapper().getFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeFieldName("summary");
            ReportJson.mapper().writeValue(g, Summary.of(cow, plan, reverse));
            g.writeArrayFieldStart(allSteps ? "steps" : "sampledSteps");
            for (int step : listedSteps(plan, allSteps, reverse)) {
                int op = plan.order()[step];
                int type = cow.ops().type(op);
                g.writeStartObject();
                g.writeNumberField("step", step);
                g.writeNumberField("op", op);
                g.writeStringField("type", AndroidOpType.name(type));
                g.writeNumberField("newBlock", cow.ops().newBlock(op));
                if (type == AndroidOpType.COPY) {
                    g.writeNumberField("sourceBlock", cow.ops().source(op));
                }
                if (type == AndroidOpType.XOR) {
                    g.writeNumberField("sourceOffset", cow.ops().source(op)); // a byte offset in the source image
                }
                if (cow.ops().dataOffset(op) >= 0) {
                    g.writeNumberField("dataOffset", cow.ops().dataOffset(op));
                }
                g.writeBooleanField("merged", plan.merged(step));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }
}
