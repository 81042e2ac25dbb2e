package dev.cowscope.ui.map;

/**
 * A chunk space where every chunk has a small role number ({@code 0 … roleCount - 1}), read in
 * ranges so a pixel can summarise many chunks with one call. Implementations are immutable
 * and safe to read from the render thread.
 */
public interface ChunkCells {
    long chunkCount();

    int roleCount();

    int roleAt(long chunk);

    /**
     * Adds the number of chunks of each role in {@code [from, to)} to {@code counts[role]}.
     *
     * @return the role when every chunk of the (non-empty) range has it, else -1
     */
    int countRoles(long from, long to, int[] counts);
}
