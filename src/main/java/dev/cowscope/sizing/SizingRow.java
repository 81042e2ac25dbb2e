package dev.cowscope.sizing;

import java.util.OptionalDouble;

/**
 * One chunk size of a {@link SizingPlan}.
 *
 * @param chunkSizeSectors chunk size in sectors
 * @param changedChunks distinct chunks the measured change touches
 * @param marginChunks extra chunks for the margin: ⌈margin bytes / chunk bytes⌉
 * @param plannedChunks changed + margin, capped at the origin's chunk count (a snapshot never
 *     holds more exceptions than the origin has chunks)
 * @param cappedAtOrigin true when the cap applied
 * @param cowSize the exact COW for {@code plannedChunks}, with the thread's formula beside it
 * @param allocationBytes {@code cowSize.totalBytes()} rounded up to the plan's unit
 * @param metadataOverheadPercent header and metadata chunks as a share of the whole COW
 * @param writeAmplification COW bytes for the change alone ÷ bytes of the changed 512-byte
 *     sectors (what a block device writes); empty when nothing changed
 * @param recommended the smallest allocation; ties go to the larger chunk
 */
public record SizingRow(long chunkSizeSectors, long changedChunks, long marginChunks, long plannedChunks,
                        boolean cappedAtOrigin, CowSize cowSize, long allocationBytes, double metadataOverheadPercent,
                        OptionalDouble writeAmplification, boolean recommended) {
}
