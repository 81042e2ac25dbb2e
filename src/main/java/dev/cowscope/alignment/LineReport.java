package dev.cowscope.alignment;

import java.util.List;

/**
 * The verdict on one table line.
 *
 * @param index                0-based line number in the table
 * @param deviceKernelName     the name the kernel prints for the line's device
 * @param alignmentOffsetBytes {@code queue_limit_alignment_offset} of the device at
 *                             partition start + offset: bytes to the next physical-block boundary
 */
public record LineReport(int index, LinearLine line, String deviceKernelName, long alignmentOffsetBytes,
                         Verdict verdict, List<Finding> findings) {
    public LineReport {
        findings = List.copyOf(findings);
    }

    /** The reason of the most severe finding, or "" when there is none. */
    public String reason() {
        return top().map(Finding::reason).orElse("");
    }

    /** The hint of the most severe finding, or "". */
    public String hint() {
        return top().map(Finding::hint).orElse("");
    }

    private java.util.Optional<Finding> top() {
        Finding top = null;
        for (Finding f : findings) {
            if (top == null || f.severity().ordinal() > top.severity().ordinal()) {
                top = f;
            }
        }
        return java.util.Optional.ofNullable(top);
    }
}
