package dev.cowscope.alignment;

import java.util.List;

/**
 * Result of building a dm-linear table from FIEMAP extents the way libfiemap does
 * ({@code FiemapToExtents} merge rule, {@code FillPartitionExtents} clipping).
 *
 * @param extentsBefore extents in the input
 * @param extentsAfter  extents left after merging neighbours that are logically and physically
 *                      contiguous (before clipping and before stopping at an unusable extent)
 */
public record TableBuild(LinearTable table, int extentsBefore, int extentsAfter, List<BuildIssue> issues) {
    public TableBuild {
        issues = List.copyOf(issues);
    }

    public boolean hasErrors() {
        return issues.stream().anyMatch(BuildIssue::error);
    }
}
