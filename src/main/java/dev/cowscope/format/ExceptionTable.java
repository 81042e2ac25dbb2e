package dev.cowscope.format;


/**
 * The committed exceptions in on-disk order, as primitive columns: no object per exception.
 * Entry {@code i} sits in area {@code i / E} at slot {@code i % E}, because the kernel only walks
 * on past full areas.
 * <p>
 * The new-chunk column is elided while every entry sits where the kernel's sequential allocator
 * puts it ({@code 2 + i + ⌊i/E⌋}, the common case), and a column holds 4-byte values while every
 * chunk is below 2^32, so a table costs 4 bytes per exception; the first entry elsewhere
 * materialises the new-chunk column, and a chunk of 2^32 or more widens its column (16 bytes per
 * exception, worst case).
 * The lookup index ({@link #sortedByOld()}, {@link #sortedOldChunks()}) adds 12 bytes per exception when first asked for.
 */
public final class ExceptionTable {
    /** {@link #lookup(long)}'s answer for an origin chunk that is not remapped (new_chunk 0 is never a mapping). */
    public static final long NOT_REMAPPED = 0;

    private final AreaLayout layout;
    private final ChunkColumn oldChunks;
    private final ChunkColumn newChunks;
    private final Lazy<LookupIndex> lookupIndex = new Lazy<>(() -> new LookupIndex(this));
    private final Lazy<KernelLookup> duplicates = new Lazy<>(() -> KernelLookup.resolve(this));
    private final Lazy<NewChunkIndex> newChunkIndex = new Lazy<>(() -> new NewChunkIndex(this));

    /** The duplicated old chunks when the walk found them as it went ({@link PagedDuplicateScan}), else null. */
    private final long[] knownDuplicatedOldChunks;

    private ExceptionTable(AreaLayout layout, ChunkColumn oldChunks, ChunkColumn newChunks, long[] knownDuplicatedOldChunks) {
        this.layout = layout;
        this.oldChunks = oldChunks;
        this.newChunks = newChunks;
        this.knownDuplicatedOldChunks = knownDuplicatedOldChunks;
    }

    /** The duplicated old chunks, ascending (unsigned), each once: found during the walk, or scanned now. */
    long[] duplicatedOldChunks() {
        return knownDuplicatedOldChunks != null ? knownDuplicatedOldChunks.clone() : DuplicateScan.duplicatedOldChunks(this);
    }

    /** A table with no entries. */
    public static ExceptionTable empty(AreaLayout layout) {
        return new Builder(layout).build();
    }

    public AreaLayout layout() {
        return layout;
    }

    public int size() {
        return oldChunks.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public long oldChunk(int index) {
        return oldChunks.get(index);
    }

    /** The old-chunk column itself, for scans that walk it page by page. */
    ChunkColumn oldChunkColumn() {
        return oldChunks;
    }

    public long newChunk(int index) {
        return newChunks == null ? layout.sequentialChunk(index) : newChunks.get(index);
    }

    public DiskException entry(int index) {
        return new DiskException(oldChunk(index), newChunk(index));
    }

    /** The area holding entry {@code index}. */
    public long areaOf(int index) {
        return layout.areaOfEntry(index);
    }

    /** The slot of entry {@code index} inside its area. */
    public long slotOf(int index) {
        return layout.slotOfEntry(index);
    }

    /**
     * The index of the committed entry at slot {@code slot} of area {@code area}, or -1 when there
     * is none (negative, a slot past the area, or past the table: typed values may be anything).
     */
    public int entryAt(long area, long slot) {
        long perArea = layout.exceptionsPerArea();
        if (area < 0 || slot < 0 || slot >= perArea || area > (size() - slot) / perArea) {
            return -1;
        }
        long index = area * perArea + slot; // no overflow: at most size()
        return index < size() ? (int) index : -1;
    }

    public Location locationOf(int index) {
        return Location.entry(layout, areaOf(index), slotOf(index));
    }

    /** True when every entry sits where the sequential allocator puts it (the new-chunk column is elided). */
    public boolean isSequential() {
        return newChunks == null;
    }

    /**
     * Runs of entries, in table order, whose old and new chunks both go up by one from entry to
     * entry (the units a merge copies in one go).
     */
    public int consecutiveRuns() {
        int runs = 0;
        for (int i = 0; i < size(); i++) {
            if (i == 0 || !continuesRun(i)) {
                runs++;
            }
        }
        return runs;
    }

    /** True when entry {@code i} extends the run of entry {@code i - 1} in both old and new chunk. */
    public boolean continuesRun(int i) {
        return i > 0 && oldChunk(i) == oldChunk(i - 1) + 1 && newChunk(i) == newChunk(i - 1) + 1;
    }

    /**
     * The kernel's answer for origin chunk {@code oldChunk}: the COW chunk a read of it through the
     * snapshot goes to, or {@link #NOT_REMAPPED}. Where several entries remap the same chunk, this
     * is the one {@code dm_lookup_exception} finds (see {@link KernelLookup}).
     */
    public long lookup(long oldChunk) {
        int entry = lookupEntry(oldChunk);
        return entry < 0 ? NOT_REMAPPED : newChunk(entry);
    }

    /** The entry the kernel's lookup uses for {@code oldChunk}, or -1 when it is not remapped. */
    public int lookupEntry(long oldChunk) {
        return lookupIndex().lookupEntry(oldChunk);
    }

    /**
     * The entry whose new chunk is {@code chunk} (the first in disk order when several share it),
     * or -1: "what is at COW chunk C". Arithmetic for a table in the allocator's order, else an
     * index sorted by new chunk, built on first use.
     */
    public int entryUsing(long chunk) {
        if (isSequential()) {
            if (Long.compareUnsigned(chunk, AreaLayout.HEADER_CHUNKS) <= 0 || layout.isMetadataChunk(chunk)) {
                return -1;
            }
            long area = layout.areaOfChunk(chunk);
            return entryAt(area, chunk - layout.areaLocation(area) - 1);
        }
        return newChunkIndex.get().first(chunk);
    }

    /** Entry indexes ordered by (old chunk unsigned, disk order). Built on first use, then kept. */
    public int[] sortedByOld() {
        return lookupIndex().sorted;
    }

    /**
     * The old chunks in {@link #sortedByOld()} order: {@code sortedOldChunks()[k] == oldChunk(sortedByOld()[k])},
     * kept with the index so that listing in that order reads memory front to back (a gather through
     * the column cost 200 ns a row at 16 M entries) and lookups search one array.
     */
    public long[] sortedOldChunks() {
        return lookupIndex().keys;
    }

    /** Old chunks that more than one entry remaps, with the entry the kernel's lookup uses (found on first use). */
    public KernelLookup duplicates() {
        return duplicates.get();
    }

    private LookupIndex lookupIndex() {
        return lookupIndex.get();
    }

    /** A value computed on first use, once, safely from any thread (the indexes cost memory only when asked for). */
    private static final class Lazy<T> {
        private final java.util.function.Supplier<T> compute;
        private volatile T value;

        Lazy(java.util.function.Supplier<T> compute) {
            this.compute = compute;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = compute.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }

    /** Heap bytes held by the columns (not the lazily built lookup index). */
    public long retainedBytes() {
        return 64 + oldChunks.retainedBytes() + (newChunks == null ? 0 : newChunks.retainedBytes());
    }

    /** Appends entries in disk order. */
    public static final class Builder {
        private final AreaLayout layout;
        private final ChunkColumn oldChunks = new ChunkColumn();
        private ChunkColumn newChunks;
        private long[] knownDuplicates;
        // where the sequential allocator puts the next entry, kept incrementally (no division per entry)
        private long expectedNewChunk = AreaLayout.HEADER_CHUNKS + 1;
        private long expectedSlot;

        public Builder(AreaLayout layout) {
            this.layout = layout;
        }

        public Builder add(long oldChunk, long newChunk) {
            int index = oldChunks.size();
            if (index == Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than " + index + " exceptions");
            }
            boolean sequential = newChunk == expectedNewChunk;
            expectedNewChunk++;
            if (++expectedSlot == layout.exceptionsPerArea()) {
                expectedSlot = 0;
                expectedNewChunk++; // the next area's metadata chunk
            }
            if (newChunks == null && !sequential) {
                newChunks = new ChunkColumn();
                for (int i = 0; i < index; i++) {
                    newChunks.add(layout.sequentialChunk(i));
                }
            }
            oldChunks.add(oldChunk);
            if (newChunks != null) {
                newChunks.add(newChunk);
            }
            return this;
        }

        /**
         * Appends {@code count} entries that follow the ones added so far, given as (old, new)
         * pairs: {@code words[2i]} is entry i's old chunk, {@code words[2i+1]} its new chunk.
         */
        public Builder addEntries(long[] words, int count) {
            if (newChunks == null) {
                long base = size();
                long expected = expectedNewChunk;
                long slot = expectedSlot;
                int matching = 0;
                while (matching < count && words[2 * matching + 1] == expected) {
                    matching++;
                    expected++;
                    if (++slot == layout.exceptionsPerArea()) {
                        slot = 0;
                        expected++;
                    }
                }
                if (matching == count && base + count < Integer.MAX_VALUE - 8) {
                    oldChunks.addStrided(words, 0, count, 2);
                    expectedNewChunk = expected;
                    expectedSlot = slot;
                    return this;
                }
            }
            for (int i = 0; i < count; i++) {
                add(words[2 * i], words[2 * i + 1]);
            }
            return this;
        }

        /**
         * Appends the {@code n} (old, new) pairs in {@code words} if every new chunk is the one the
         * kernel's sequential allocator gives that entry (so none is 0), with no branch per entry;
         * otherwise appends nothing and returns false. The pairs must not cross an area's end.
         */
        boolean addIfSequential(long[] words, int n) {
            if (newChunks != null || expectedSlot + n > layout.exceptionsPerArea() || (long) size() + n >= Integer.MAX_VALUE - 8) {
                return false;
            }
            long expected = expectedNewChunk;
            long differs = 0;
            for (int i = 0; i < n; i++) {
                differs |= words[2 * i + 1] ^ (expected + i);
            }
            if (differs != 0) {
                return false;
            }
            oldChunks.addStrided(words, 0, n, 2);
            expectedNewChunk += n;
            expectedSlot += n;
            if (expectedSlot == layout.exceptionsPerArea()) {
                expectedSlot = 0;
                expectedNewChunk++; // the next area's metadata chunk
            }
            return true;
        }

        public int size() {
            return oldChunks.size();
        }

        /** The old-chunk column being filled (for a scan that follows the walk page by page). */
        ChunkColumn oldChunkColumn() {
            return oldChunks;
        }

        /** The duplicated old chunks of the entries added, when already known (null: find them when asked). */
        Builder knownDuplicatedOldChunks(long[] chunks) {
            this.knownDuplicates = chunks;
            return this;
        }

        public ExceptionTable build() {
            return new ExceptionTable(layout, oldChunks, newChunks, knownDuplicates);
        }
    }

    /** New chunks sorted (unsigned), with their entries in disk order among equals. */
    private static final class NewChunkIndex {
        private final long[] chunks;
        private final int[] entries;

        NewChunkIndex(ExceptionTable table) {
            int n = table.size();
            chunks = new long[n];
            entries = new int[n];
            for (int i = 0; i < n; i++) {
                chunks[i] = table.newChunk(i);
                entries[i] = i;
            }
            PrimitiveSort.sort(chunks, entries);
        }

        int first(long chunk) {
            int at = PrimitiveSort.lowerBound(chunks, 0, chunks.length, chunk);
            return at < chunks.length && chunks[at] == chunk ? entries[at] : -1;
        }
    }

    /** Entry indexes in old-chunk order, for binary-search lookups and ordered streaming. */
    private static final class LookupIndex {
        final int[] sorted;
        final long[] keys;
        private final ExceptionTable table;

        LookupIndex(ExceptionTable table) {
            this.table = table;
            int n = table.size();
            long[] keys = new long[n];
            int[] index = new int[n];
            for (int i = 0; i < n; i++) {
                keys[i] = table.oldChunk(i);
                index[i] = i;
            }
            PrimitiveSort.sort(keys, index);
            this.sorted = index;
            this.keys = keys;
        }

        int lookupEntry(long oldChunk) {
            int lo = 0;
            int hi = sorted.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int cmp = Long.compareUnsigned(keys[mid], oldChunk);
                if (cmp < 0) {
                    lo = mid + 1;
                } else if (cmp > 0) {
                    hi = mid - 1;
                } else {
                    int resolved = table.duplicates().winner(oldChunk);
                    return resolved >= 0 ? resolved : sorted[mid];
                }
            }
            return -1;
        }
    }

    @Override
    public String toString() {
        return "ExceptionTable[" + size() + " entries" + (isSequential() ? ", sequential" : "") + "]";
    }

}
