package dev.cowscope.format;

import java.util.Arrays;
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
                int entry = i;
                findings.add(FindingKind.NEW_CHUNK_IN_METADATA, () -> table.locationOf(entry), () -> String.format(Locale.ROOT,
                        "old chunk %s maps to COW chunk %d, the metadata chunk of area %d: reads return exception entries "
                                + "as data, and a write through the snapshot would overwrite that area",
                        Long.toUnsignedString(table.oldChunk(entry)), newChunk, layout.areaOfChunk(newChunk)));
            }
        }
    }

    private void pastEnd(int i) {
        findings.add(FindingKind.NEW_CHUNK_PAST_END, () -> table.locationOf(i), () -> String.format(Locale.ROOT,
                "old chunk %s maps to COW chunk %s, past the last whole chunk (%d): reads of it through the snapshot fail, "
                        + "and next_free jumps past the end so the next new chunk overflows",
                Long.toUnsignedString(table.oldChunk(i)), Long.toUnsignedString(table.newChunk(i)), deviceChunks - 1));
    }

    private void checkDuplicateOldChunks() {
        KernelLookup duplicates = table.duplicates();
        for (int d = 0; d < duplicates.count(); d++) {
            int duplicate = d;
            int winner = duplicates.winnerEntry(d);
            findings.add(FindingKind.DUPLICATE_OLD_CHUNK, () -> table.locationOf(winner), () -> {
                int[] entries = duplicates.entries(duplicate);
                return String.format(Locale.ROOT,
                        "origin chunk %s is remapped by %d entries; the kernel's lookup uses this one (new chunk %s), not %s",
                        Long.toUnsignedString(duplicates.chunk(duplicate)), entries.length,
                        Long.toUnsignedString(table.newChunk(winner)), others(entries, winner));
            });
        }
    }

    /** The entries other than {@code winner}, the first few named (one chunk may be remapped by millions). */
    private String others(int[] entries, int winner) {
        final int named = 8;
        StringBuilder text = new StringBuilder();
        int listed = 0;
        for (int entry : entries) {
            if (entry == winner) {
                continue;
            }
            if (listed == named) {
                return text.append(" and ").append(entries.length - 1 - named).append(" more").toString();
            }
            text.append(listed++ == 0 ? "" : ", ").append(table.locationOf(entry))
                    .append(" (new chunk ").append(Long.toUnsignedString(table.newChunk(entry))).append(')');
        }
        return text.toString();
    }

    /**
     * Shared new chunks and allocation holes, from the data chunks in use sorted: the cost follows
     * the entries (n log n), never the device's size or the highest chunk used.
     */
    private void checkNewChunkUse() {
        int n = table.size();
        long[] chunks = new long[n];
        int[] entries = new int[n];
        int used = 0;
        for (int i = 0; i < n; i++) {
            long chunk = table.newChunk(i);
            if (Long.compareUnsigned(chunk, deviceChunks) < 0 && !layout.isMetadataChunk(chunk)) { // others: checkTargets
                chunks[used] = chunk;
                entries[used++] = i;
            }
        }
        chunks = Arrays.copyOf(chunks, used);
        entries = Arrays.copyOf(entries, used);
        PrimitiveSort.sort(chunks, entries); // by (chunk, entry): a run of equal chunks starts with its first user
        long[] sharedPairs = new long[used]; // (later entry << 32 | first entry), listed in entry order below
        int shared = 0;
        long holes = 0;
        long previous = AreaLayout.HEADER_CHUNKS; // area 0's metadata chunk: data starts after it
        int firstUser = -1;
        for (int k = 0; k < used; k++) {
            long chunk = chunks[k];
            if (k > 0 && chunk == chunks[k - 1]) {
                sharedPairs[shared++] = ((long) entries[k] << 32) | firstUser;
                continue;
            }
            firstUser = entries[k];
            long gap = Headroom.dataChunksBetween(layout, previous + 1, chunk);
            if (gap > 0) {
                holes += gap;
                long start = layout.isMetadataChunk(previous + 1) ? previous + 2 : previous + 1;
                findings.add(FindingKind.ALLOCATION_HOLE, () -> Location.chunk(layout, start), () -> String.format(Locale.ROOT,
                        "%d data chunk%s from chunk %d to %d below next_free are used by no entry (allocated, never committed)",
                        gap, gap == 1 ? "" : "s", start, chunk - 1));
            }
            previous = chunk;
        }
        Arrays.sort(sharedPairs, 0, shared);
        for (int k = 0; k < shared; k++) {
            int second = (int) (sharedPairs[k] >>> 32);
            int first = (int) sharedPairs[k];
            findings.add(FindingKind.SHARED_NEW_CHUNK, () -> table.locationOf(second), () -> String.format(Locale.ROOT,
                    "COW chunk %d is used by this entry (old chunk %s) and by %s (old chunk %s): both origin chunks read the same data",
                    table.newChunk(second), Long.toUnsignedString(table.oldChunk(second)), table.locationOf(first),
                    Long.toUnsignedString(table.oldChunk(first))));
        }
        if (holes == 0) {
            findings.add(FindingKind.NON_SEQUENTIAL_ALLOCATION, Location.DEVICE,
                    "entries are not in the kernel's allocation order (committed out of order); every data chunk below next_free is used");
        }
    }

    private void checkFull() {
        if (image.state != StoreState.VALID || image.loadFails || image.stoppedEarly) {
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
