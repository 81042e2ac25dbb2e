package dev.cowscope.format;

/** What the kernel would make of a COW device's header (DESIGN §3, {@code state} in JSON). */
public enum StoreState {
    /** Magic 0: a new COW; the kernel writes a fresh header and an empty area 0. */
    FRESH,
    /** Magic present, version 1, valid != 0: the kernel loads the exception table. */
    VALID,
    /** valid == 0: the snapshot was invalidated; the kernel loads no exceptions, status "Invalid". */
    INVALID,
    /** Magic present but version is not 1: the kernel refuses the table. */
    UNSUPPORTED_VERSION,
    /** Magic present but the on-disk chunk size is one the kernel refuses (0, not a power of two, too high). */
    BAD_CHUNK_SIZE,
    /** The first 4 bytes are neither 0 nor SNAP_MAGIC. */
    NOT_A_COW,
    /** The device is too short for the kernel to read the header chunk or the first area. */
    TRUNCATED;

    /** True when the kernel would accept the table and report usage numbers. */
    public boolean kernelLoads() {
        return this == FRESH || this == VALID || this == INVALID;
    }
}
