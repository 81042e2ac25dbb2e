package dev.cowscope.android;

/** A v3 resume point ({@code ResumePoint}): the op count at the time label {@code label} was written. */
public record ResumePoint(int slot, long label, long opIndex) {
}
