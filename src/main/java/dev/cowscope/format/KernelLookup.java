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

    /** Finds the duplicated old chunks and replays the kernel's insertion for their 256-chunk groups. */
    static KernelLookup resolve(ExceptionTable table) {
        long[] chunks = DuplicateScan.duplicatedOldChunks(table);
        if (chunks.length == 0) {
            return NONE;
        }
        // the affected groups, and every entry in them in disk (load) order: one pass over the table
        long[] groups = DuplicateScan.groupsOf(chunks, GROUP_SHIFT);
        java.util.Map<Long, DuplicateScan.IntList> members = new java.util.HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            long group = table.oldChunk(i) >>> GROUP_SHIFT;
            if (Arrays.binarySearch(groups, group ^ Long.MIN_VALUE) >= 0) {
                members.computeIfAbsent(group, g -> new DuplicateScan.IntList()).add(i);
            }
        }
        int[] winners = new int[chunks.length];
        int[][] entries = new int[chunks.length][];
        long replayedGroup = -1;
        List<Run> runs = null;
        for (int d = 0; d < chunks.length; d++) {
            long chunk = chunks[d];
            long group = chunk >>> GROUP_SHIFT;
            int[] groupEntries = members.get(group).toArray();
            if (runs == null || group != replayedGroup) {
                runs = new ArrayList<>();
                for (int entry : groupEntries) {
                    insert(runs, table.oldChunk(entry), table.newChunk(entry));
                }
                replayedGroup = group;
            }
            entries[d] = Arrays.stream(groupEntries).filter(e -> table.oldChunk(e) == chunk).toArray();
            winners[d] = winnerOf(table, runs, chunk, entries[d]);
        }
        return new KernelLookup(chunks, winners, entries);
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
