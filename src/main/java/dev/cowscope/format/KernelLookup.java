package dev.cowscope.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** Finds duplicates in the sorted keys and replays the kernel's insertion for their groups. */
    static KernelLookup resolve(ExceptionTable table, long[] sortedKeys, int[] sortedIndex) {
        List<long[]> found = new ArrayList<>();
        int n = sortedKeys.length;
        for (int i = 1; i < n; i++) {
            if (sortedKeys[i] == sortedKeys[i - 1] && (found.isEmpty() || found.get(found.size() - 1)[0] != sortedKeys[i])) {
                found.add(new long[] {sortedKeys[i], i - 1});
            }
        }
        if (found.isEmpty()) {
            return NONE;
        }
        long[] chunks = new long[found.size()];
        int[] winners = new int[found.size()];
        int[][] entries = new int[found.size()][];
        long replayedGroup = -1;
        List<Run> runs = null;
        for (int d = 0; d < found.size(); d++) {
            long chunk = found.get(d)[0];
            int first = (int) found.get(d)[1];
            int last = first;
            while (last + 1 < n && sortedKeys[last + 1] == chunk) {
                last++;
            }
            chunks[d] = chunk;
            entries[d] = Arrays.copyOfRange(sortedIndex, first, last + 1);
            long group = chunk >>> GROUP_SHIFT;
            if (runs == null || group != replayedGroup) {
                runs = replayGroup(table, sortedKeys, sortedIndex, first, group);
                replayedGroup = group;
            }
            winners[d] = winnerOf(table, runs, chunk, entries[d]);
        }
        return new KernelLookup(chunks, winners, entries);
    }

    private static List<Run> replayGroup(ExceptionTable table, long[] keys, int[] index, int anyPosition, long group) {
        int from = anyPosition;
        while (from > 0 && keys[from - 1] >>> GROUP_SHIFT == group) {
            from--;
        }
        int to = anyPosition;
        while (to < keys.length && keys[to] >>> GROUP_SHIFT == group) {
            to++;
        }
        int[] diskOrder = Arrays.copyOfRange(index, from, to);
        Arrays.sort(diskOrder);
        List<Run> list = new ArrayList<>();
        for (int entry : diskOrder) {
            insert(list, table.oldChunk(entry), table.newChunk(entry));
        }
        return list;
    }

    /** {@code dm_insert_exception} for a table with consecutive-chunk support (hash_shift 8). */
    private static void insert(List<Run> list, long oldChunk, long newChunk) {
        int position = list.size();
        for (int j = 0; j < list.size(); j++) {
            Run e = list.get(j);
            if (oldChunk == e.oldChunk + e.count + 1 && newChunk == e.newChunk + e.count + 1) {
                e.count++;
                return;
            }
            if (oldChunk == e.oldChunk - 1 && newChunk == e.newChunk - 1) {
                e.count++;
                e.oldChunk--;
                e.newChunk--;
                return;
            }
            if (Long.compareUnsigned(oldChunk, e.oldChunk) < 0) {
                position = j;
                break;
            }
        }
        list.add(position, new Run(oldChunk, newChunk));
    }

    /** {@code dm_lookup_exception}: the first run containing the chunk decides the new chunk. */
    private static int winnerOf(ExceptionTable table, List<Run> runs, long chunk, int[] candidates) {
        for (Run e : runs) {
            if (Long.compareUnsigned(chunk, e.oldChunk) >= 0 && Long.compareUnsigned(chunk, e.oldChunk + e.count) <= 0) {
                long newChunk = e.newChunk + (chunk - e.oldChunk);
                for (int entry : candidates) {
                    if (table.newChunk(entry) == newChunk) {
                        return entry;
                    }
                }
                break;
            }
        }
        return candidates[0];
    }

    private static final class Run {
        long oldChunk;
        long newChunk;
        long count;

        Run(long oldChunk, long newChunk) {
            this.oldChunk = oldChunk;
            this.newChunk = newChunk;
        }
    }
}
