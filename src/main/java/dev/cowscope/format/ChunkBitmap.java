package dev.cowscope.format;

/** A fixed bitmap over chunk numbers {@code [0, size)}: marks and tests with no per-chunk objects. */
final class ChunkBitmap {
    private final long[] words;

    ChunkBitmap(long size) {
        this.words = new long[Math.toIntExact((size + 63) >>> 6)];
    }

    /** Sets the bit and returns whether it was already set. */
    boolean testAndSet(long chunk) {
        int word = (int) (chunk >>> 6);
        long mask = 1L << chunk;
        boolean was = (words[word] & mask) != 0;
        words[word] |= mask;
        return was;
    }

    boolean get(long chunk) {
        return (words[(int) (chunk >>> 6)] & (1L << chunk)) != 0;
    }
}
