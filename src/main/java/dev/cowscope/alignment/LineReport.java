package dev.cowscope.alignment;

import dev.cowscope.format.Finding;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on one table line, derived from its findings.
 *
 * @param index                0-based line number in the table
 * @param deviceKernelName     the name the kernel prints for the line's device
 * @param alignmentOffsetBytes {@code queue_limit_alignment_offset} of the device at
 *                             partition start + offset: bytes to the next physical-block boundary
 */
public record LineReport(int index, LinearLine line, String deviceKernelName, long alignmentOffsetBytes,
                         List<Finding> findings) {
    public LineReport {
        findings = List.copyOf(findings);
    }

    /** The worst verdict of the findings; OK when there is none. */
    public Verdict verdict() {
        return findings.stream().map(Verdict::of).reduce(Verdict.OK, Verdict::worst);
    }

    /** The message of the most severe finding, or "" when there is none. */
    public String reason() {
        return top().map(Finding::message).orElse("");
    }

    /** The hint of the most severe finding, or "". */
    public String hint() {
        return top().map(Finding::hint).orElse("");
    }

    /** The first of the most severe findings. */
    private Optional<Finding> top() {
        Finding top = null;
        for (Finding f : findings) {
            if (top == null || Verdict.of(f).ordinal() > Verdict.of(top).ordinal()) {
                top = f;
            }
        }
        return Optional.ofNullable(top);
    }
}
