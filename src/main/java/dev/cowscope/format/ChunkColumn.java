package dev.cowscope.format;

import java.util.Arrays;

/**
 * A growable column of chunk numbers (unsigned 64-bit) in fixed pages: appending copies no more
 * than the first page (but for the one widening below), and the first page starts small and
 * doubles, so a small table costs little more than its entries.
 * <p>
 * While every value is below 2^32 (any origin or COW of up to 16 TiB at 4 KiB chunks) the pages
 * hold ints, 4 bytes per value; the first value at or past 2^32 widens every page to longs, once.
 * Half the bytes is half the fresh heap a parse touches: on a VM where a page fault costs ~10 µs
 * that, not decoding, was most of a 16 M-entry parse (issue 16).
 */
final class ChunkColumn {
    // 2^20 values a page: 4 MiB narrow, 8 MiB wide (G1 keeps each in humongous regions, never copied; fewer,
    // larger pages measured faster than 2^17 or 2^19 under G1 and the parallel collector alike)
    private static final int PAGE_SHIFT = 20;
    static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int FIRST_PAGE_SIZE = 64;
    /** Values widened per step when a narrow column is visited as longs (stays in cache). */
    private static final int VISIT_BATCH = 4096;

    private int[][] narrow = new int[4][]; // null once wide
    private long[][] wide;                 // null while narrow
    private int size;

    void add(long value) {
        if (narrow != null && (value >>> 32) != 0) {
            widen();
        }
        makeRoom();
        if (narrow != null) {
            narrow[size >>> PAGE_SHIFT][size & PAGE_MASK] = (int) value;
        } else {
            wide[size >>> PAGE_SHIFT][size & PAGE_MASK] = value;
        }
        size++;
    }

    /** Appends {@code src[from]}, {@code src[from + stride]}, … ({@code count} values). */
    void addStrided(long[] src, int from, int count, int stride) {
        if (narrow != null) {
            long high = 0;
            for (int j = 0, s = from; j < count; j++, s += stride) {
                high |= src[s];
            }
            if ((high >>> 32) != 0) {
                widen();
            }
        }
        int k = 0;
        while (k < count) {
            makeRoom();
            int offset = size & PAGE_MASK;
            int run = Math.min(count - k, pageLength(size >>> PAGE_SHIFT) - offset);
            int s = from + k * stride;
            if (narrow != null) {
                int[] target = narrow[size >>> PAGE_SHIFT];
                for (int j = 0; j < run; j++, s += stride) {
                    target[offset + j] = (int) src[s];
                }
            } else {
                long[] target = wide[size >>> PAGE_SHIFT];
                for (int j = 0; j < run; j++, s += stride) {
                    target[offset + j] = src[s];
                }
            }
            size += run;
            k += run;
        }
    }

    /** Receives a run of values: {@code values[from … to - 1]}. */
    interface RunVisitor {
        void visit(long[] values, int from, int to);
    }

    /**
     * Hands the values {@code from … to - 1} to {@code visitor} as runs, in order (for tight loops):
     * the pages themselves when wide, small widened copies when narrow.
     */
    void forEachRun(int from, int to, RunVisitor visitor) {
        long[] batch = narrow != null ? new long[Math.min(VISIT_BATCH, Math.max(0, to - from))] : null;
        for (int i = from; i < to; ) {
            int offset = i & PAGE_MASK;
            int run = Math.min(to - i, PAGE_SIZE - offset);
            if (narrow == null) {
                visitor.visit(wide[i >>> PAGE_SHIFT], offset, offset + run);
            } else {
                run = Math.min(run, batch.length);
                int[] page = narrow[i >>> PAGE_SHIFT];
                for (int j = 0; j < run; j++) {
                    batch[j] = Integer.toUnsignedLong(page[offset + j]);
                }
                visitor.visit(batch, 0, run);
            }
            i += run;
        }
    }

    /** True while every value is below 2^32 (pages of ints). */
    boolean isNarrow() {
        return narrow != null;
    }

    /**
     * Narrow page {@code index}: values {@code index * PAGE_SIZE …} as unsigned ints, as many as
     * have been added; null once the column is wide.
     */
    int[] narrowPage(int index) {
        return narrow == null ? null : narrow[index];
    }

    long get(int index) {
        return narrow != null
                ? Integer.toUnsignedLong(narrow[index >>> PAGE_SHIFT][index & PAGE_MASK])
                : wide[index >>> PAGE_SHIFT][index & PAGE_MASK];
    }

    int size() {
        return size;
    }

    /** Heap bytes held by the pages (for the memory benchmark). */
    long retainedBytes() {
        int pages = narrow != null ? narrow.length : wide.length;
        long bytes = 16L + 8L * pages;
        for (int p = 0; p < pages; p++) {
            int length = pageLength(p);
            if (length > 0) {
                bytes += 16L + (long) length * (narrow != null ? Integer.BYTES : Long.BYTES);
            }
        }
        return bytes;
    }

    /** Makes sure value {@code size} has a place: a page table slot, a page, room in it. */
    private void makeRoom() {
        int page = size >>> PAGE_SHIFT;
        int offset = size & PAGE_MASK;
        if (page == (narrow != null ? narrow.length : wide.length)) {
            if (narrow != null) {
                narrow = Arrays.copyOf(narrow, page * 2);
            } else {
                wide = Arrays.copyOf(wide, page * 2);
            }
        }
        int length = pageLength(page);
        if (length < 0) {
            resizePage(page, page == 0 ? FIRST_PAGE_SIZE : PAGE_SIZE);
        } else if (offset == length) {
            resizePage(page, Math.min(PAGE_SIZE, offset * 2));
        }
    }

    /** The length of page {@code page}, or -1 when it has none yet. */
    private int pageLength(int page) {
        if (narrow != null) {
            return narrow[page] == null ? -1 : narrow[page].length;
        }
        return wide[page] == null ? -1 : wide[page].length;
    }

    private void resizePage(int page, int length) {
        if (narrow != null) {
            narrow[page] = narrow[page] == null ? new int[length] : Arrays.copyOf(narrow[page], length);
        } else {
            wide[page] = wide[page] == null ? new long[length] : Arrays.copyOf(wide[page], length);
        }
    }

    /** Every page to longs: a value at or past 2^32 arrived. */
    private void widen() {
        wide = new long[narrow.length][];
        for (int p = 0; p < narrow.length; p++) {
            int[] page = narrow[p];
            if (page != null) {
                long[] values = new long[page.length];
                for (int j = 0; j < page.length; j++) {
                    values[j] = Integer.toUnsignedLong(page[j]);
                }
                wide[p] = values;
            }
        }
        narrow = null;
    }
}
