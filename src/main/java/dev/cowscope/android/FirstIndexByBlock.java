package dev.cowscope.android;

import java.util.Arrays;

/**
 * A map from a 32-bit block number to the smallest index recorded for it (the first op, step or
 * sequence op that named the block): what AOSP keeps in {@code unordered_map}s and
 * {@code unordered_set}s keyed by {@code new_block}, as one sorted {@code long[]} (block in the high
 * half, index in the low half). Building costs O(n log n) and 8 bytes an entry; a lookup is a
 * binary search, so no crafted set of block numbers can make it quadratic, as a hash table could.
 */
final class FirstIndexByBlock {
    private long[] keys;
    private int size;
    private boolean sealed;

    FirstIndexByBlock(int expected) {
        keys = new long[Math.max(16, expected)];
    }

    /** Records {@code index} (≥ 0) for {@code block} (an unsigned 32-bit value). */
    void add(long block, int index) {
        if (sealed) {
            throw new IllegalStateException("sealed");
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, (int) Math.min(Integer.MAX_VALUE - 16, (long) size + (size >> 1) + 16));
        }
        keys[size++] = (block << 32) | index;
    }

    /** Sorts and keeps the first index per block; call once, before {@link #get}. */
    FirstIndexByBlock seal() {
        Arrays.sort(keys, 0, size); // a block's keys are adjacent, its smallest index first
        int kept = 0;
        for (int k = 0; k < size; k++) {
            if (kept == 0 || (keys[k] >>> 32) != (keys[kept - 1] >>> 32)) {
                keys[kept++] = keys[k];
            }
        }
        size = kept;
        keys = Arrays.copyOf(keys, kept);
        sealed = true;
        return this;
    }

    /** The smallest index recorded for {@code block}, -1 when there is none (also for values past 32 bits). */
    int get(long block) {
        if (!sealed) {
            throw new IllegalStateException("not sealed");
        }
        if (block < 0 || block > 0xffffffffL) {
            return -1;
        }
        int at = Arrays.binarySearch(keys, 0, size, block << 32);
        if (at < 0) {
            at = -at - 1;
        }
        return at < size && (keys[at] >>> 32) == block ? (int) keys[at] : -1;
    }

    /** Distinct blocks recorded. */
    int size() {
        return size;
    }
}
