package dev.cowscope.merge;

/**
 * What a whole merge costs in I/O.
 *
 * @param steps kcopyd jobs, one in flight at a time
 * @param chunks exception entries merged
 * @param bytesRead bytes read from the COW (= bytes written to the origin)
 * @param bytesWritten bytes written to the origin
 * @param metadataWrites area writes by {@code commit_merge} (one per step, REQ_PREFLUSH | REQ_FUA)
 * @param areaReads area reads by {@code prepare_merge} stepping back into an earlier area
 * @param flushes cache flushes: per step one {@code blkdev_issue_flush} of the origin plus the
 *     PREFLUSH of the metadata write
 * @param singleChunkSteps steps that copy exactly one chunk (scattered writes)
 */
public record MergeTotals(long steps, long chunks, long bytesRead, long bytesWritten, long metadataWrites,
                          long areaReads, long flushes, long singleChunkSteps) {
}
