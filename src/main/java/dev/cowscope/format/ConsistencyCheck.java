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
        if (table.isSequential()) {
            // in kernel order new chunks only grow and never hit metadata: only the tail can pass the end
            int first = table.size();
            while (first > 0 && Long.compareUnsigned(table.newChunk(first - 1), deviceChunks) >= 0) {
                first--;
            }
            for (int i = first; i < table.size(); i++) {
                pastEnd(i);
            }
            return;
        }
        for (int i = 0; i < table.size(); i++) {
            long newChunk = table.newChunk(i);
            if (Long.compareUnsigned(newChunk, deviceChunks) >= 0) {
                pastEnd(i);
            } else if (layout.isMetadataChunk(newChunk)) {
                findings.add(FindingKind.NEW_CHUNK_IN_METADATA, table.locationOf(i), String.format(Locale.ROOT,
                        "old chunk %s maps to COW chunk %d, the metadata chunk of area %d: reads return exception entries "
                                + "as data, and a write through the snapshot would overwrite that area",
                        Long.toUnsignedString(table.oldChunk(i)), newChunk, layout.areaOfChunk(newChunk)));
            }
        }
    }

    private void pastEnd(int i) {
        findings.add(FindingKind.NEW_CHUNK_PAST_END, table.locationOf(i), String.format(Locale.ROOT,
                "old chunk %s maps to COW chunk %s, past the last whole chunk (%d): reads of it through the snapshot fail, "
                        + "and next_free jumps past the end so the next new chunk overflows",
                Long.toUnsignedString(table.oldChunk(i)), Long.toUnsignedString(table.newChunk(i)), deviceChunks - 1));
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

    /** Shared new chunks and allocation holes, from a bitmap of the data chunks in use. */
    private void checkNewChunkUse() {
        ChunkBitmap used = new ChunkBitmap(deviceChunks);
        DuplicateScan.LongList shared = new DuplicateScan.LongList();
        long highest = AreaLayout.HEADER_CHUNKS;
        for (int i = 0; i < table.size(); i++) {
            long chunk = table.newChunk(i);
            if (Long.compareUnsigned(chunk, deviceChunks) >= 0 || layout.isMetadataChunk(chunk)) {
                continue; // reported by checkTargets
            }
            if (used.testAndSet(chunk)) {
                shared.add(i);
            }
            highest = Math.max(highest, chunk);
        }
        for (int k = 0; k < shared.size(); k++) {
            int second = (int) shared.get(k);
            long chunk = table.newChunk(second);
            int first = 0;
            while (table.newChunk(first) != chunk) {
                first++;
            }
            findings.add(FindingKind.SHARED_NEW_CHUNK, table.locationOf(second), String.format(Locale.ROOT,
                    "COW chunk %d is used by this entry (old chunk %s) and by %s (old chunk %s): both origin chunks read the same data",
                    chunk, Long.toUnsignedString(table.oldChunk(second)), table.locationOf(first),
                    Long.toUnsignedString(table.oldChunk(first))));
        }
        long holes = 0;
        long holeStart = -1;
        for (long chunk = AreaLayout.HEADER_CHUNKS + 1; chunk <= highest + 1; chunk++) {
            boolean free = chunk <= highest && !layout.isMetadataChunk(chunk) && !used.get(chunk);
            if (free && holeStart < 0) {
                holeStart = chunk;
            } else if (!free && holeStart >= 0 && (chunk > highest || !layout.isMetadataChunk(chunk))) {
                long gap = Headroom.dataChunksBetween(layout, holeStart, chunk);
                holes += gap;
                findings.add(FindingKind.ALLOCATION_HOLE, Location.chunk(layout, holeStart), String.format(Locale.ROOT,
                        "%d data chunk%s from chunk %d to %d below next_free are used by no entry (allocated, never committed)",
                        gap, gap == 1 ? "" : "s", holeStart, chunk - 1));
                holeStart = -1;
            }
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
