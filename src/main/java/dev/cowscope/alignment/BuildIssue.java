package dev.cowscope.alignment;

/**
 * A problem found while turning extents into table lines ({@link LinearTable#fromExtents}).
 *
 * @param extentIndex index of the extent in the input list, or -1 for the whole file
 * @param error       true: the extent cannot be mapped and the table stops before it; false: a warning
 */
public record BuildIssue(int extentIndex, boolean error, String message) {
}
