package dev.cowscope.format;

import java.util.Arrays;

/**
 * A growable column of {@code long}s in fixed pages: appending never copies more than the first
 * page, so a table of 16 M entries costs 8 bytes each plus one page of slack. The first page
 * starts small and doubles, so a small table costs little more than its entries.
 */
final class LongColumn {
    // 4 MiB pages: large enough that G1 allocates them outside the young generation (never copied by GC)
    private static final int PAGE_SHIFT = 19;
    static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int FIRST_PAGE_SIZE = 64;

    private long[][] pages = new long[4][];
    private int size;

    void add(long value) {
        int page = size >>> PAGE_SHIFT;
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, pages.length * 2);
        }
        int offset = size & PAGE_MASK;
        if (pages[page] == null) {
            pages[page] = new long[page == 0 ? FIRST_PAGE_SIZE : PAGE_SIZE];
        } else if (offset == pages[page].length) {
            pages[page] = Arrays.copyOf(pages[page], Math.min(PAGE_SIZE, offset * 2));
        }
        pages[page][size & PAGE_MASK] = value;
        size++;
    }

    /** Appends {@code src[from]}, {@code src[from + stride]}, … ({@code count} values). */
    void addStrided(long[] src, int from, int count, int stride) {
        int k = 0;
        while (k < count) {
            int page = size >>> PAGE_SHIFT;
            int offset = size & PAGE_MASK;
            if (page < pages.length && pages[page] != null && offset < pages[page].length) {
                long[] target = pages[page];
                int run = Math.min(count - k, target.length - offset);
                for (int j = 0, s = from + k * stride; j < run; j++, s += stride) {
                    target[offset + j] = src[s];
                }
                size += run;
                k += run;
            } else {
                add(src[from + k * stride]);
                k++;
            }
        }
    }

    /** Receives a run of values: {@code values[from … to - 1]}. */
    interface RunVisitor {
        void visit(long[] values, int from, int to);
    }

    /** Hands the values {@code from … to - 1} to {@code visitor} as runs inside pages, in order (for tight loops). */
    void forEachRun(int from, int to, RunVisitor visitor) {
        for (int i = from; i < to; ) {
            int offset = i & PAGE_MASK;
            int run = Math.min(to - i, PAGE_SIZE - offset);
            visitor.visit(pages[i >>> PAGE_SHIFT], offset, offset + run);
            i += run;
        }
    }

    /** Page {@code index}: values {@code index * PAGE_SIZE …}, as many as have been added. */
    long[] page(int index) {
        return pages[index];
    }

    long get(int index) {
        return pages[index >>> PAGE_SHIFT][index & PAGE_MASK];
    }

    int size() {
        return size;
    }

    /** Heap bytes held by the pages (for the memory benchmark). */
    long retainedBytes() {
        long bytes = 16L + 8L * pages.length;
        for (long[] page : pages) {
            if (page != null) {
                bytes += 16L + 8L * page.length;
            }
        }
        return bytes;
    }
}
