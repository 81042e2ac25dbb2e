package dev.cowscope.format;

import java.util.Arrays;

/**
 * A growable column of {@code long}s in fixed pages: appending never copies more than the first
 * page, so a table of 16 M entries costs 8 bytes each plus one page of slack. The first page
 * starts small and doubles, so a small table costs little more than its entries.
 */
final class LongColumn {
    private static final int PAGE_SHIFT = 16;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
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
