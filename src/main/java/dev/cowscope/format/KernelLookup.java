package dev.cowscope.format;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which entry the kernel reads for an origin chunk that several entries remap.
 * <p>
 * {@code dm_insert_exception} (dm-snap.c) keeps each hash bucket's list ordered by old chunk and
 * grows runs of consecutive (old, new) pairs: an entry one past a run's end extends it, one
 * before its start prepends to it, otherwise it is inserted before the first entry with a larger
 * old chunk. {@code dm_lookup_exception} returns the first run in the list that contains the chunk.
 * Buckets hash {@code old_chunk >> 8}, so runs never leave a 256-chunk group and a chunk's lookup
 * depends only on the entries of its group, in disk (load) order. We replay exactly that for the
 * groups that hold duplicates; unique chunks need no replay.
 */
public final class KernelLookup {
    private static final KernelLookup NONE = new KernelLookup(new long[0], new int[0], new int[0][]);
    private static final int GROUP_SHIFT = 8;

    private final long[] chunks;
    private final int[] winners;
    private final int[][] entries;

    private KernelLookup(long[] chunks, int[] winners, int[][] entries) {
        this.chunks = chunks;
        this.winners = winners;
        this.entries = entries;
    }

    /** Number of distinct old chunks that more than one entry remaps. */
    public int count() {
        return chunks.length;
    }

    public long chunk(int i) {
        return chunks[i];
    }

    /** The entry index the kernel's lookup uses for duplicate {@code i}. */
    public int winnerEntry(int i) {
        return winners[i];
    }

    /** All entries remapping duplicate {@code i}, in disk order. */
    public int[] entries(int i) {
        return entries[i].clone();
    }

    /** The winning entry for {@code oldChunk}, or -1 when it is not a duplicated chunk. */
    public int winner(long oldChunk) {
        if (chunks.length == 0) {
            return -1;
        }
        int lo = 0;
        int hi = chunks.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Long.compareUnsigned(chunks[mid], oldChunk);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return winners[mid];
            }
        }
        return -1;
    }

    /** Finds the duplicated old chunks and replays the kernel's insertion for their 256-chunk groups. */
    static KernelLookup resolve(ExceptionTable table) {
        long[] chunks = table.duplicatedOldChunks();
        if (chunks.length == 0) {
            return NONE;
        }
        // the affected groups, and every entry in them in disk (load) order: one pass over the table
        long[] groups = DuplicateScan.groupsOf(chunks, GROUP_SHIFT);
        Map<Long, DuplicateScan.IntList> members = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            long group = table.oldChunk(i) >>> GROUP_SHIFT;
            if (Arrays.binarySearch(groups, group ^ Long.MIN_VALUE) >= 0) {
                members.computeIfAbsent(group, g -> new DuplicateScan.IntList()).add(i);
            }
        }
        int[] winners = new int[chunks.length];
        int[][] entries = new int[chunks.length][];
        for (int from = 0, to; from < chunks.length; from = to) {
            long group = chunks[from] >>> GROUP_SHIFT;
            to = from;
            while (to < chunks.length && chunks[to] >>> GROUP_SHIFT == group) {
                to++;
            }
            // chunks of one group share their high bits, so signed order is unsigned order among them
            DuplicateScan.IntList[] users = new DuplicateScan.IntList[to - from];
            GroupReplay replay = new GroupReplay();
            for (int entry : members.get(group).toArray()) {
                long old = table.oldChunk(entry);
                replay.insert(old, table.newChunk(entry));
                int k = Arrays.binarySearch(chunks, from, to, old);
                if (k >= 0) {
                    if (users[k - from] == null) {
                        users[k - from] = new DuplicateScan.IntList();
                    }
                    users[k - from].add(entry);
                }
            }
            long[] read = replay.lookup(chunks, from, to);
            for (int k = from; k < to; k++) {
                entries[k] = users[k - from].toArray();
                winners[k] = entryReading(table, entries[k], read[k - from]);
            }
        }
        return new KernelLookup(chunks, winners, entries);
    }

    /** The candidate whose new chunk the lookup reads (the first one if none matches). */
    private static int entryReading(ExceptionTable table, int[] candidates, long newChunk) {
        for (int entry : candidates) {
            if (table.newChunk(entry) == newChunk) {
                return entry;
            }
        }
        return candidates[0];
    }

    /**
     * One hash bucket's list after {@code dm_insert_exception} (consecutive-chunk support), in
     * O(log n) per insertion instead of the kernel's list walk (quadratic for a chunk that many
     * entries remap). The list stays ordered by run start, runs with equal starts in the order
     * they took that start; so the walk's outcome is: extend the first run (in list order) that
     * ends just before the new pair, else prepend to the first run that starts after it if it
     * starts just after, else insert after every run starting at or before it.
     */
    private static final class GroupReplay {
        private final TreeMap<Long, ArrayDeque<Run>> byStart = new TreeMap<>(Long::compareUnsigned);
        private final Map<Ends, TreeSet<Run>> byEnds = new HashMap<>();
        private long joined;

        void insert(long oldChunk, long newChunk) {
            TreeSet<Run> before = byEnds.get(new Ends(oldChunk - 1, newChunk - 1));
            if (before != null && !before.isEmpty()) {
                Run run = before.pollFirst();
                run.count++;
                index(run);
                return;
            }
            Map.Entry<Long, ArrayDeque<Run>> next = oldChunk == -1L ? null : byStart.ceilingEntry(oldChunk + 1);
            if (next != null && next.getKey() == oldChunk + 1 && next.getValue().peekFirst().newChunk == newChunk + 1) {
                Run run = next.getValue().pollFirst();
                if (next.getValue().isEmpty()) {
                    byStart.remove(next.getKey());
                }
                byEnds.get(run.ends()).remove(run);
                run.oldChunk--;
                run.newChunk--;
                run.count++;
                join(run);
                return;
            }
            join(new Run(oldChunk, newChunk));
        }

        /** Places a run last among the runs with its start, and indexes it by its ends. */
        private void join(Run run) {
            run.joined = joined++;
            byStart.computeIfAbsent(run.oldChunk, s -> new ArrayDeque<>()).addLast(run);
            index(run);
        }

        private void index(Run run) {
            byEnds.computeIfAbsent(run.ends(), e -> new TreeSet<>(LIST_ORDER)).add(run);
        }

        /** {@code dm_lookup_exception} for {@code chunks[from, to)}: the new chunk the first run containing each maps it to. */
        long[] lookup(long[] chunks, int from, int to) {
            long[] read = new long[to - from];
            int[] nextOpen = new int[to - from + 1]; // union-find over the chunks still unresolved
            for (int k = 0; k < nextOpen.length; k++) {
                nextOpen[k] = k;
            }
            int open = to - from;
            for (ArrayDeque<Run> runs : byStart.values()) {
                for (Run run : runs) {
                    int k = PrimitiveSort.lowerBound(chunks, from, to, run.oldChunk) - from;
                    for (k = find(nextOpen, k); k < to - from && Long.compareUnsigned(chunks[from + k], run.oldChunk + run.count) <= 0;
                            k = find(nextOpen, k)) {
                        read[k] = run.newChunk + (chunks[from + k] - run.oldChunk);
                        nextOpen[k] = k + 1;
                        if (--open == 0) {
                            return read;
                        }
                    }
                }
            }
            return read;
        }

        private static int find(int[] next, int k) {
            int root = k;
            while (next[root] != root) {
                root = next[root];
            }
            while (next[k] != root) {
                int up = next[k];
                next[k] = root;
                k = up;
            }
            return root;
        }

    }

    private static final Comparator<Run> LIST_ORDER =
            Comparator.<Run>comparingLong(r -> r.oldChunk ^ Long.MIN_VALUE).thenComparingLong(r -> r.joined);

    private record Ends(long oldEnd, long newEnd) {
    }

    private static final class Run {
        long oldChunk;
        long newChunk;
        long count;
        long joined;

        Run(long oldChunk, long newChunk) {
            this.oldChunk = oldChunk;
            this.newChunk = newChunk;
        }

        /** Where the run ends: a pair one past both extends it. */
        Ends ends() {
            return new Ends(oldChunk + count, newChunk + count);
        }
    }
}
