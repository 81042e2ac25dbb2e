package dev.cowscope.format;

/**
 * Every kind of finding, a closed set. The names are stable codes used in JSON and CSV: add
 * kinds, never rename them. Alignment kinds name the kernel check that makes them
 * ({@link #kernelCheck()}), shown beside the finding.
 */
public enum FindingKind {
    /** Magic 0: the kernel would initialise a new store (header + empty area 0). */
    FRESH_STORE(Severity.INFO),
    /** valid == 0: the kernel loads no exceptions and reports "Invalid"; we read the committed table for forensics. */
    STORE_INVALIDATED(Severity.ERROR),
    /** The version field is not 1: "unable to handle snapshot disk version". */
    UNSUPPORTED_VERSION(Severity.ERROR),
    /** The on-disk chunk size is one the kernel refuses: "invalid on-disk chunk size". */
    BAD_CHUNK_SIZE(Severity.ERROR),
    /** The table's chunk size is one the kernel refuses; the table would not load. */
    TABLE_CHUNK_SIZE_REFUSED(Severity.ERROR),
    /** The header's chunk size differs from the table's: the kernel's override warning. */
    CHUNK_SIZE_OVERRIDE(Severity.WARNING),
    /** The device is too small to hold the header chunk and area 0 (the kernel cannot create or load it). */
    DEVICE_TOO_SMALL(Severity.ERROR),
    /** The device size is not a multiple of 512 bytes; block devices always are, so this is a cut image. */
    DEVICE_NOT_SECTOR_MULTIPLE(Severity.WARNING),
    /** The device size is not a whole number of chunks; the tail is never used. */
    DEVICE_NOT_CHUNK_MULTIPLE(Severity.INFO),
    /** The walk needs an area whose metadata chunk lies past the end of the device: the load fails. */
    METADATA_PAST_END(Severity.ERROR),
    /** An entry's new_chunk points at a metadata chunk: reads return metadata, writes corrupt the table. */
    NEW_CHUNK_IN_METADATA(Severity.ERROR),
    /** An entry's new_chunk lies past the last whole chunk of the device: reads of it fail. */
    NEW_CHUNK_PAST_END(Severity.ERROR),
    /** Two entries remap the same origin chunk; the kernel's lookup uses one of them. */
    DUPLICATE_OLD_CHUNK(Severity.WARNING),
    /** Two entries share one new_chunk: two origin chunks read the same data. */
    SHARED_NEW_CHUNK(Severity.ERROR),
    /** Data chunks below next_free that no entry uses (allocation order was not sequential). */
    ALLOCATION_HOLE(Severity.WARNING),
    /** Entries are not in the kernel's sequential allocation order (harmless, but unusual). */
    NON_SEQUENTIAL_ALLOCATION(Severity.INFO),
    /** Non-zero entries after the terminator in the last area: stale, never read by the kernel. */
    STALE_ENTRIES(Severity.INFO),
    /**
     * The table holds more entries than this process can keep in memory: the walk stopped there,
     * so usage, headroom and the checks cover only the entries read.
     */
    TABLE_TOO_LARGE(Severity.ERROR),
    /** No room for another data chunk: the next new chunk overflows (Overflow with PO, Invalid with P). */
    STORE_FULL(Severity.WARNING),

    // ---- status logs and the fill monitor

    /** Lines of a status log that are not samples of the snapshot (counted by reason, never fatal). */
    LOG_LINES_IGNORED(Severity.INFO),
    /** A status log's time went backwards (a reboot with uptime stamps, or logs concatenated out of order). */
    LOG_TIME_BACKWARDS(Severity.WARNING),
    /** A status log with more samples than we hold: the rest was not read. */
    LOG_CUT_OFF(Severity.WARNING),
    /** The snapshot's fill crossed a monitoring threshold (dmeventd warns from 80 %). */
    FILL_THRESHOLD(Severity.INFO),
    /** The snapshot became Invalid: it ran out of space (or failed an I/O) and is lost for good. */
    SNAPSHOT_INVALID(Severity.ERROR),
    /** A PO snapshot overflowed: writes that need a new chunk fail; what it holds still reads. */
    SNAPSHOT_OVERFLOW(Severity.ERROR),
    /** A snapshot-merge stopped on an error. */
    MERGE_FAILED(Severity.ERROR),
    /** Status numbers the kernel cannot print (allocated not whole chunks, past the device, metadata above allocated). */
    STATUS_INCONSISTENT(Severity.WARNING),
    /** The allocated count fell outside a merge: a new snapshot took the name (the fill model starts again). */
    SNAPSHOT_REPLACED(Severity.INFO),

    // ---- Android Virtual A/B COW files (libsnapshot_cow v2 and v3)

    /** AOSP's parser refuses the file (the message gives its reason in AOSP's words): snapuserd would not serve it. */
    ANDROID_PARSE_FAILED(Severity.ERROR),
    /** A v2 file without a footer op: AOSP's full parse fails ("No COW footer found"); a parse at a label still works. */
    ANDROID_NO_FOOTER(Severity.ERROR),
    /** The v2 footer's num_ops or ops_size disagree with the op stream: AOSP's parse fails. */
    ANDROID_FOOTER_MISMATCH(Severity.ERROR),
    /** The op area (or a resume or sequence area) reaches past the end of the file. */
    ANDROID_OP_PAST_END(Severity.ERROR),
    /** An op's data lies outside the file (or inside the header): reading it fails. */
    ANDROID_DATA_OUTSIDE_FILE(Severity.ERROR),
    /** An op of a type AOSP does not define, or one that has no place in this version's op stream. */
    ANDROID_UNKNOWN_OP(Severity.ERROR),
    /** A compression algorithm AOSP does not define (0 none, 1 gz, 2 brotli, 3 lz4, 4 zstd): its data cannot be decoded. */
    ANDROID_UNKNOWN_COMPRESSION(Severity.ERROR),
    /** v3 op_count exceeds op_count_max: the ops run into the data area. */
    ANDROID_OP_COUNT_OVER_MAX(Severity.ERROR),
    /** v3 resume_point_count exceeds resume_point_max (AOSP's writer never caps it); AOSP reads past the stored slots. */
    ANDROID_RESUME_POINTS_OVER_MAX(Severity.WARNING),
    /** Sequence data AOSP cannot read whole (v2 sequence op outside the file or not a multiple of 4 bytes, v3 buffer past the end). */
    ANDROID_SEQUENCE_UNREADABLE(Severity.ERROR),
    /** The merge preparation fails ("Invalid Sequence Ops. Could not find Cow Op for new block"): AOSP's CowReader::Parse fails. */
    ANDROID_MERGE_SEQUENCE_INVALID(Severity.ERROR),
    /** VerifyMergeOps: an ordered op (COPY/XOR) after a REPLACE/ZERO, or a metadata op, in the merge order (as in v3 files without sequence data). */
    ANDROID_MERGE_ORDER_MIXED(Severity.WARNING),
    /** VerifyMergeOps: a COPY/XOR reads a block an earlier step of the merge already overwrote. */
    ANDROID_MERGE_SOURCE_OVERWRITTEN(Severity.ERROR),
    /** num_merge_ops exceeds the merge steps: AOSP's merge iterators would start past their end. */
    ANDROID_MERGE_PROGRESS_PAST_END(Severity.ERROR),

    // ---- dm-linear table alignment (dm-table.c, blk-settings.c); ERROR = the kernel rejects the table
    /** A line ends past the largest device size: "too large device". */
    TARGET_TOO_LARGE(Severity.ERROR, "dm_table_add_target"),
    /** A line of length 0: "zero-length target". */
    ZERO_LENGTH_TARGET(Severity.ERROR, "dm_table_add_target"),
    /** A line does not start where the previous one ends: "Gap in table". */
    GAP_IN_TABLE(Severity.ERROR, "dm_table_add_target"),
    /** A disk and its partition in one table: dm cannot claim both (EBUSY). */
    DISK_AND_PARTITION_CLAIMED(Severity.ERROR, "dm_get_device"),
    /** A line reaches past the end of its device: "too small for target". */
    TARGET_PAST_DEVICE_END(Severity.ERROR, "device_area_is_invalid"),
    /** A line's device offset is not a whole number of the device's logical blocks. */
    OFFSET_NOT_LOGICAL_BLOCK_ALIGNED(Severity.ERROR, "device_area_is_invalid"),
    /** A line's length is not a whole number of the device's logical blocks. */
    LENGTH_NOT_LOGICAL_BLOCK_ALIGNED(Severity.ERROR, "device_area_is_invalid"),
    /** A boundary between lines is not on the table's logical block. */
    TABLE_BOUNDARY_NOT_LOGICAL_BLOCK_ALIGNED(Severity.ERROR, "validate_hardware_logical_block_alignment"),
    /** The device reports limits that do not stack (W1, printed for every load). */
    DEVICE_LIMITS_INCONSISTENT(Severity.WARNING, "dm_set_device_limits"),
    /** A line is off the physical-block grid of the lines before: "alignment inconsistency" (W2). */
    ALIGNMENT_INCONSISTENCY(Severity.WARNING, "dm_calculate_queue_limits"),
    /** The whole table is uniformly off the physical-block grid: accepted silently, but slow writes. */
    OFF_PHYSICAL_BLOCK_GRID(Severity.INFO, "queue_limit_alignment_offset"),
    /** The device's size is unknown, so the too-small check was not made: the line's verdict is UNKNOWN. */
    DEVICE_SIZE_UNKNOWN(Severity.WARNING, "device_area_is_invalid");

    private final Severity defaultSeverity;
    private final String kernelCheck;

    FindingKind(Severity defaultSeverity) {
        this(defaultSeverity, "");
    }

    FindingKind(Severity defaultSeverity, String kernelCheck) {
        this.defaultSeverity = defaultSeverity;
        this.kernelCheck = kernelCheck;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** The kernel function whose check this is, e.g. {@code device_area_is_invalid}; empty for store findings. */
    public String kernelCheck() {
        return kernelCheck;
    }
}
