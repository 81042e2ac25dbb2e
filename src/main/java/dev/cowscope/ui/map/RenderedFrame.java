package dev.cowscope.ui.map;

/** Pixels of one render, tagged with the generation that asked for them. */
record RenderedFrame(long generation, MapViewport viewport, int[] argb) {
}
