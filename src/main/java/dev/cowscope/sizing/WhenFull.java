package dev.cowscope.sizing;

/**
 * What the kernel does when a write needs a new chunk and {@code persistent_prepare_exception}
 * returns {@code -ENOSPC} (dm-snap.c {@code snapshot_map} / {@code __origin_write}).
 */
public enum WhenFull {
    /** A {@code P} store, or any write through the origin: the snapshot is invalidated ("Invalid"). */
    INVALIDATE,
    /** A {@code PO} store and a write to the snapshot: later snapshot writes fail, status "Overflow". */
    OVERFLOW
}
