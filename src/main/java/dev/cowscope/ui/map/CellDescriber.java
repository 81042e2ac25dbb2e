package dev.cowscope.ui.map;

/** The hover text of a map cell: one chunk, or a range when zoomed out. */
@FunctionalInterface
public interface CellDescriber {
    String describe(long firstChunk, long chunks);
}
