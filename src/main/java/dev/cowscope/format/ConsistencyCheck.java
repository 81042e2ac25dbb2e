package dev.cowscope.format;

import java.util.Locale;

/**
 * Checks a walked table for what the kernel would trip on, or silently get wrong: entries that
 * point into metadata or past the device, duplicate old chunks, shared new chunks, holes in the
 * allocation, a full store.
 */
final class ConsistencyCheck {
    private final CowImage.Builder image;
    private final FindingCollector findings;
    private final AreaLayout layout;
    private final ExceptionTable table;
    private final long deviceChunks;

    ConsistencyCheck(CowImage.Builder image, FindingCollector findings) {
        this.image = image;
        this.findings = findings;
        this.layout = image.layout;
        this.table = image.exceptions;
        this.deviceChunks = image.deviceSectors / layout.chunkSizeSectors();
    }

    void run() {
        checkTargets();
        checkDuplicateOldChunks();
        if (!table.isSequential()) {
            checkNewChunkUse();
        }
        checkFull();
    }

    /** new_chunk values the kernel accepts without a range check. (0 ends the table, so never the header.) */
    private void checkTargets() {
        for (int i = 0; i < table.size(); i++) {
            long newChunk = table.newChunk(i);
            if (Long.compareUnsigned(newChunk, deviceChunks) >= 0) {
                findings.add(FindingKind.NEW_CHUNK_PAST_END, table.locationOf(i), String.format(Locale.ROOT,
                        "old chunk %s maps to COW chunk %s, past the last whole chunk (%d): reads of it through the snapshot fail, "
                                + "and next_free jumps past the end so the next new chunk overflows",
                        Long.toUnsignedString(table.oldChunk(i)), Long.toUnsignedString(newChunk), deviceChunks - 1));
            } else if (layout.isMetadataChunk(newChunk)) {
                findings.add(FindingKind.NEW_CHUNK_IN_METADATA, table.locationOf(i), String.format(Locale.ROOT,
                        "old chunk %s maps to COW chunk %d, the metadata chunk of area %d: reads return exception entries "
                                + "as data, and a write through the snapshot would overwrite that area",
                        Long.toUnsignedString(table.oldChunk(i)), newChunk, layout.areaOfChunk(newChunk)));
            }
        }
    }

    private void checkDuplicateOldChunks() {
        KernelLookup duplicates = table.duplicates();
        for (int d = 0; d < duplicates.count(); d++) {
            int[] entries = duplicates.entries(d);
            int winner = duplicates.winnerEntry(d);
            StringBuilder others = new StringBuilder();
            for (int entry : entries) {
                if (entry != winner) {
                    others.append(others.length() == 0 ? "" : ", ").append(table.locationOf(entry))
                            .append(" (new chunk ").append(Long.toUnsignedString(table.newChunk(entry))).append(')');
                }
            }
            findings.add(FindingKind.DUPLICATE_OLD_CHUNK, table.locationOf(winner), String.format(Locale.ROOT,
                    "origin chunk %s is remapped by %d entries; the kernel's lookup uses this one (new chunk %s), not %s",
                    Long.toUnsignedString(duplicates.chunk(d)), entries.length, Long.toUnsignedString(table.newChunk(winner)), others));
        }
    }

    /** Shared new chunks and allocation holes, from the new chunks in sorted order. */
    private void checkNewChunkUse() {
        int n = table.size();
        long[] keys = new long[n];
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = table.newChunk(i);
            index[i] = i;
        }
        PrimitiveSort.sort(keys, index);
        long expected = AreaLayout.HEADER_CHUNKS + 1;
        long holes = 0;
        for (int s = 0; s < n; s++) {
            long chunk = keys[s];
            if (s > 0 && chunk == keys[s - 1]) {
                findings.add(FindingKind.SHARED_NEW_CHUNK, table.locationOf(index[s]), String.format(Locale.ROOT,
                        "COW chunk %s is used by this entry (old chunk %s) and by %s (old chunk %s): both origin chunks read the same data",
                        Long.toUnsignedString(chunk), Long.toUnsignedString(table.oldChunk(index[s])), table.locationOf(index[s - 1]),
                        Long.toUnsignedString(table.oldChunk(index[s - 1]))));
                continue;
            }
            if (Long.compareUnsigned(chunk, deviceChunks) >= 0 || layout.isMetadataChunk(chunk)) {
                continue;
            }
            long gap = Headroom.dataChunksBetween(layout, expected, chunk);
            if (gap > 0) {
                holes += gap;
                findings.add(FindingKind.ALLOCATION_HOLE, Location.chunk(layout, expected), String.format(Locale.ROOT,
                        "%d data chunk%s from chunk %d to %d below next_free are used by no entry (allocated, never committed)",
                        gap, gap == 1 ? "" : "s", expected, chunk - 1));
            }
            expected = layout.skipMetadata(chunk + 1);
        }
        if (holes == 0) {
            findings.add(FindingKind.NON_SEQUENTIAL_ALLOCATION, Location.DEVICE,
                    "entries are not in the kernel's allocation order (committed out of order); every data chunk below next_free is used");
        }
    }

    private void checkFull() {
        if (image.state != StoreState.VALID || image.loadFails) {
            return;
        }
        long headroom = Headroom.chunksThatFit(layout, deviceChunks, image.nextFree, image.currentArea, image.currentCommitted);
        if (headroom <= 0) {
            findings.add(FindingKind.STORE_FULL, Location.DEVICE, String.format(Locale.ROOT,
                    "the store is full (next_free %s of %d chunks): the next new chunk overflows it — with PO the kernel reports "
                            + "\"Overflow\" and fails that write, with P (or for a write to the origin) it invalidates the snapshot. "
                            + "(Overflow lives only in the kernel's memory: offline such a store reads as valid and full.)",
                    Long.toUnsignedString(image.nextFree), deviceChunks));
        }
    }
}
