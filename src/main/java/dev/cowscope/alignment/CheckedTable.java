package dev.cowscope.alignment;

import java.util.Optional;

/**
 * One checked table of an {@link AlignmentCheck}.
 *
 * @param source where it came from: a path, the file a filefrag section is about, or for pasted text
 *               {@code table, 3 lines} / {@code filefrag output (line 12)}
 * @param limits the limits every line was checked with, when one set applies to all (typed or read)
 */
public record CheckedTable(String source, AlignmentReport report, Optional<QueueLimits> limits) {
}
