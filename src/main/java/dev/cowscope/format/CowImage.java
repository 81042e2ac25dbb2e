package dev.cowscope.format;

import java.util.List;
import java.util.Optional;

/**
 * A parsed persistent exception store: immutable, built by {@link CowReader}. Holds what the
 * kernel would hold after {@code persistent_read_metadata} (the table, {@code next_free},
 * {@code current_area}, {@code current_committed}) plus the findings of our own checks.
 * The data chunks themselves stay on the source; read them through {@link #layout()} offsets.
 */
public final class CowImage {
    private final SourceInfo source;
    private final DiskHeader header;
    private final StoreState state;
    private final AreaLayout layout;
    private final boolean chunkSizeFromTable;
    private final long deviceSectors;
    private final ExceptionTable exceptions;
    private final long areasRead;
    private final long nextFree;
    private final long currentArea;
    private final long currentCommitted;
    private final long staleEntries;
    private final boolean loadFails;
    private final boolean complete;
    private final List<Finding> findings;

    CowImage(Builder b) {
        this.source = b.source;
        this.header = b.header;
        this.state = b.state;
        this.layout = b.layout;
        this.chunkSizeFromTable = b.chunkSizeFromTable;
        this.deviceSectors = b.deviceSectors;
        this.exceptions = b.exceptions;
        this.areasRead = b.areasRead;
        this.nextFree = b.nextFree;
        this.currentArea = b.currentArea;
        this.currentCommitted = b.currentCommitted;
        this.staleEntries = b.staleEntries;
        this.loadFails = b.loadFails;
        this.complete = !b.stoppedEarly;
        this.findings = List.copyOf(b.findings);
    }

    public SourceInfo source() {
        return source;
    }

    public DiskHeader header() {
        return header;
    }

    public StoreState state() {
        return state;
    }

    /** The geometry, absent only when no usable chunk size is known ({@link StoreState#BAD_CHUNK_SIZE}). */
    public Optional<AreaLayout> layout() {
        return Optional.ofNullable(layout);
    }

    /** The geometry; throws for a store without a usable chunk size (check {@link #layout()} first). */
    public AreaLayout requireLayout() {
        if (layout == null) {
            throw new IllegalStateException("no usable chunk size in " + source.path());
        }
        return layout;
    }

    /** True when the chunk size in use came from the table (a fresh COW) rather than the header. */
    public boolean chunkSizeFromTable() {
        return chunkSizeFromTable;
    }

    /** The device size in whole sectors, as {@code get_dev_size} reports it. */
    public long deviceSectors() {
        return deviceSectors;
    }

    /** Whole chunks on the device; a trailing partial chunk is never used. */
    public long deviceChunks() {
        return layout == null ? 0 : deviceSectors / layout.chunkSizeSectors();
    }

    /** The committed exceptions in disk order (empty for a fresh store or when the store was not walked). */
    public ExceptionTable exceptions() {
        return exceptions;
    }

    /** Areas the walk read (the last one is the non-full area the kernel appends to). */
    public long areasRead() {
        return areasRead;
    }

    /** The kernel's {@code next_free} after loading (after {@code skip_metadata}). */
    public long nextFree() {
        return nextFree;
    }

    /** The kernel's {@code current_area} after loading. */
    public long currentArea() {
        return currentArea;
    }

    /** The kernel's {@code current_committed}: entries in the current area. */
    public long currentCommitted() {
        return currentCommitted;
    }

    /** Non-zero entries after the terminator in the last area (never read by the kernel). */
    public long staleEntries() {
        return staleEntries;
    }

    /**
     * False when the walk stopped before the kernel's would ({@link FindingKind#TABLE_TOO_LARGE}):
     * then there is no usage, no headroom, and the checks cover only the entries read.
     */
    public boolean isComplete() {
        return complete;
    }

    /** True when the kernel would accept the table and load this store. */
    public boolean kernelLoads() {
        return state.kernelLoads() && !loadFails;
    }

    /**
     * What {@code dmsetup status} prints for this store, when the kernel would load it. For an
     * invalidated store the word {@code Invalid}, with the numbers our forensic walk found.
     */
    public Optional<SnapshotStatus> usage() {
        if (!complete || !kernelLoads() && state != StoreState.INVALID) {
            return Optional.empty();
        }
        long cs = layout.chunkSizeSectors();
        SnapshotStatus.State kernelSays = state == StoreState.INVALID ? SnapshotStatus.State.INVALID : SnapshotStatus.State.ACTIVE;
        return Optional.of(new SnapshotStatus(kernelSays, nextFree * cs, deviceSectors, (currentArea + 2) * cs));
    }

    /**
     * Further distinct chunks the kernel can copy before the next one overflows (PO) or
     * invalidates (P) the snapshot; 0 for a store that is not loaded and valid, or not read whole.
     */
    public long headroomChunks() {
        if (!complete || !kernelLoads() || state == StoreState.INVALID) {
            return 0;
        }
        return Math.max(0, Headroom.chunksThatFit(layout, deviceChunks(), nextFree, currentArea, currentCommitted));
    }

    public List<Finding> findings() {
        return findings;
    }

    /** The most severe finding, or empty when there are none. */
    public Optional<Severity> worstSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo);
    }

    static final class Builder {
        SourceInfo source;
        DiskHeader header;
        StoreState state;
        AreaLayout layout;
        boolean chunkSizeFromTable;
        long deviceSectors;
        ExceptionTable exceptions;
        long areasRead;
        long nextFree;
        long currentArea;
        long currentCommitted;
        long staleEntries;
        boolean loadFails;
        boolean stoppedEarly;
        final java.util.ArrayList<Finding> findings = new java.util.ArrayList<>();

        CowImage build() {
            return new CowImage(this);
        }
    }
}
