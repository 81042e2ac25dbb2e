package dev.cowscope.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Reads a persistent exception store exactly as the kernel loads it: {@code read_header} (magic,
 * chunk-size reconciliation, version, valid) then {@code read_exceptions}/{@code insert_exceptions}
 * (walk areas from 0, stop at the first {@code new_chunk == 0}, go on past full areas,
 * {@code next_free}, {@code skip_metadata}), then runs our consistency checks.
 * <p>
 * Reader threads read the areas a few batches ahead ({@link AreaReadAhead}: two for a file or a
 * block device, one front to back for a compressed image) while this one decodes; entries go into
 * primitive columns of 4-byte chunk numbers while they fit ({@link ChunkColumn}), an area whose new
 * chunks are where the allocator puts them without a branch per entry; a worker buckets the old
 * chunks for the duplicate test as pages fill ({@link PagedDuplicateScan}). Cancel is checked once per area.
 */
public final class CowReader {
    private static final int SEGMENT_BYTES = 1 << 20;
    /** Worst-case heap per entry: both columns materialised, plus the lookup index and its sort. */
    private static final long HEAP_BYTES_PER_ENTRY = 32;
    private final ParseOptions options;
    private final long maxEntries;

    public CowReader(ParseOptions options) {
        this(options, Math.min(Integer.MAX_VALUE - 16, Runtime.getRuntime().maxMemory() / 2 / HEAP_BYTES_PER_ENTRY));
    }

    /** A reader that keeps at most {@code maxEntries} entries (the rest is reported, not loaded). */
    CowReader(ParseOptions options, long maxEntries) {
        this.options = options;
        this.maxEntries = maxEntries;
    }

    /** Opens {@code path} read-only and reads it. */
    public static CowImage read(java.nio.file.Path path, ParseOptions options, Progress progress) throws IOException {
        try (BlockSource source = BlockSources.open(path, progress)) {
            return new CowReader(options).read(source, progress);
        }
    }

    /**
     * Reads the store on {@code source}.
     *
     * @throws CowFormatException when there is nothing to show: fewer than 16 bytes, or a first
     *     word that is neither 0 nor {@code SNAP_MAGIC}
     * @throws IOException when the source fails to read
     * @throws java.util.concurrent.CancellationException when {@code progress} asks to stop
     */
    public CowImage read(BlockSource source, Progress progress) throws IOException {
        long sizeBytes = source.sizeBytes();
        if (sizeBytes < DiskHeader.SIZE_BYTES) {
            throw new CowFormatException(CowFormatException.Kind.TRUNCATED, 0, String.format(Locale.ROOT,
                    "%s: only %d bytes; a COW device starts with a 16-byte header (the kernel would fail to read it)",
                    source.name(), sizeBytes));
        }
        ByteBuffer head = ByteBuffer.allocate(DiskHeader.SIZE_BYTES);
        source.readFully(0, head);
        head.flip();
        DiskHeader header = DiskHeader.decode(head);
        if (!header.isFresh() && !header.hasSnapMagic()) {
            boolean android = head.order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0) == DiskHeader.ANDROID_COW_MAGIC;
            throw new CowFormatException(CowFormatException.Kind.NOT_A_COW, 0, String.format(Locale.ROOT,
                    "%s: not a dm-snapshot COW: magic at 0x0 is %s, expected 0x70416e53 (\"SnAp\") or 0 for a new COW; "
                            + "the kernel would refuse it with \"Invalid or corrupt snapshot\"%s",
                    source.name(), header.magicHex(), android
                            ? ". It is an Android Virtual A/B COW file: 'cowscope inspect' reads it and 'cowscope ops' lists its ops" : ""));
        }

        CowImage.Builder image = new CowImage.Builder();
        image.source = SourceInfo.of(source);
        image.header = header;
        image.deviceSectors = sizeBytes / Units.SECTOR_BYTES;
        FindingCollector findings = new FindingCollector(options.maxFindingsPerKind());
        if (sizeBytes % Units.SECTOR_BYTES != 0) {
            findings.add(FindingKind.DEVICE_NOT_SECTOR_MULTIPLE, Location.DEVICE, String.format(Locale.ROOT,
                    "size %d bytes is not a whole number of 512-byte sectors; as a loop device only the first %d sectors count",
                    sizeBytes, image.deviceSectors));
        }
        boolean tableUsable = checkTableChunkSize(findings);

        if (header.isFresh()) {
            readFresh(image, findings, tableUsable);
        } else {
            readExisting(source, image, findings, progress);
        }
        image.findings.addAll(findings.result());
        return image.build();
    }

    /** Magic 0: the kernel writes a new header with the table's chunk size and zeroes area 0. */
    private void readFresh(CowImage.Builder image, FindingCollector findings, boolean tableUsable) {
        long cs = tableUsable && options.tableChunkSizeGiven()
                ? options.tableChunkSizeSectors()
                : Math.max(AreaLayout.DEFAULT_CHUNK_SIZE_SECTORS, options.cowLogicalBlockBytes() / Units.SECTOR_BYTES);
        image.state = StoreState.FRESH;
        image.layout = new AreaLayout(cs);
        image.chunkSizeFromTable = true;
        image.exceptions = ExceptionTable.empty(image.layout);
        image.nextFree = AreaLayout.HEADER_CHUNKS + 1;
        image.currentArea = 0;
        image.areasRead = 0;
        String origin = options.tableChunkSizeGiven() ? "the table's chunk size " + cs
                : "the default chunk size " + cs + " (no table chunk size given)";
        findings.add(FindingKind.FRESH_STORE, Location.header(0), "magic is 0: a new COW; the kernel would write a header with "
                + origin + " sectors and zero area 0 (chunk 1); nothing else is read");
        if (image.deviceSectors / cs < 2) {
            image.loadFails = true;
            findings.add(FindingKind.DEVICE_TOO_SMALL, Location.DEVICE, String.format(Locale.ROOT,
                    "the device holds %d whole chunks of %d sectors; a new store needs 2 (header and area 0): "
                            + "the kernel would fail with \"zero_disk_area(0) failed\"", image.deviceSectors / cs, cs));
        }
        addDeviceTail(image, findings);
    }

    private void readExisting(BlockSource source, CowImage.Builder image, FindingCollector findings, Progress progress)
            throws IOException {
        DiskHeader header = image.header;
        long headerCs = header.chunkSizeSectors();
        if (options.tableChunkSizeGiven() && headerCs != options.tableChunkSizeSectors()) {
            findings.add(FindingKind.CHUNK_SIZE_OVERRIDE, Location.header(DiskHeader.CHUNK_SIZE_OFFSET), String.format(Locale.ROOT,
                    "chunk size %d in device metadata overrides table chunk size of %d.", headerCs, options.tableChunkSizeSectors()));
        }
        String refusal = AreaLayout.refusal(headerCs);
        if (refusal == null) {
            refusal = AreaLayout.blockSizeRefusal(headerCs, options.cowLogicalBlockBytes());
        }
        if (refusal != null) {
            image.state = StoreState.BAD_CHUNK_SIZE;
            image.exceptions = ExceptionTable.empty(new AreaLayout(AreaLayout.DEFAULT_CHUNK_SIZE_SECTORS));
            image.loadFails = true;
            findings.add(FindingKind.BAD_CHUNK_SIZE, Location.header(DiskHeader.CHUNK_SIZE_OFFSET), String.format(Locale.ROOT,
                    "invalid on-disk chunk size %d: %s. The kernel fails the table (\"Failed to read snapshot metadata\")",
                    headerCs, refusal));
            return;
        }
        AreaLayout layout = new AreaLayout(headerCs);
        image.layout = layout;
        image.exceptions = ExceptionTable.empty(layout);
        addDeviceTail(image, findings);

        if (header.version() != DiskHeader.SNAPSHOT_DISK_VERSION) {
            image.state = StoreState.UNSUPPORTED_VERSION;
            image.loadFails = true;
            findings.add(FindingKind.UNSUPPORTED_VERSION, Location.header(DiskHeader.VERSION_OFFSET), String.format(Locale.ROOT,
                    "unable to handle snapshot disk version %d (only version 1 exists); the kernel refuses the table",
                    header.version()));
            return;
        }
        long deviceChunks = image.deviceSectors / headerCs;
        if (deviceChunks < 2) {
            image.state = StoreState.TRUNCATED;
            image.loadFails = true;
            findings.add(FindingKind.DEVICE_TOO_SMALL, Location.DEVICE, String.format(Locale.ROOT,
                    "the device holds %d whole chunks of %d sectors but the header chunk and area 0 need 2: "
                            + "the kernel fails with \"Failed to read snapshot metadata\"", deviceChunks, headerCs));
            return;
        }
        if (header.isValid()) {
            image.state = StoreState.VALID;
        } else {
            image.state = StoreState.INVALID;
            findings.add(FindingKind.STORE_INVALIDATED, Location.header(DiskHeader.VALID_OFFSET),
                    "the snapshot was invalidated (valid = 0): the kernel loads no exceptions, status reads \"Invalid\" "
                            + "and every read of the snapshot fails; the committed table below is read for forensics only");
        }
        walkAreas(source, image, findings, progress);
        new ConsistencyCheck(image, findings).run();
    }

    /** Says so when the device is not a whole number of chunks. */
    private static void addDeviceTail(CowImage.Builder image, FindingCollector findings) {
        long cs = image.layout.chunkSizeSectors();
        long tail = image.deviceSectors % cs;
        if (tail != 0) {
            findings.add(FindingKind.DEVICE_NOT_CHUNK_MULTIPLE, Location.chunk(image.layout, image.deviceSectors / cs),
                    String.format(Locale.ROOT, "the device is %d sectors, %d whole chunks of %d sectors and %d sectors more; "
                            + "the kernel never uses the trailing %d sectors", image.deviceSectors, image.deviceSectors / cs, cs, tail, tail));
        }
    }

    /** Validates the table's chunk size as {@code dm_exception_store_set_chunk_size} does. */
    private boolean checkTableChunkSize(FindingCollector findings) {
        if (!options.tableChunkSizeGiven()) {
            return true;
        }
        long cs = options.tableChunkSizeSectors();
        String refusal = AreaLayout.refusal(cs);
        if (refusal == null) {
            refusal = AreaLayout.blockSizeRefusal(cs, options.cowLogicalBlockBytes());
        }
        if (refusal != null) {
            findings.add(FindingKind.TABLE_CHUNK_SIZE_REFUSED, Location.DEVICE, String.format(Locale.ROOT,
                    "table chunk size %d: %s; the kernel refuses the table (\"Couldn't create exception store\")", cs, refusal));
            return false;
        }
        return true;
    }

    /** {@code read_exceptions} + {@code insert_exceptions}. */
    private void walkAreas(BlockSource source, CowImage.Builder image, FindingCollector findings, Progress progress)
            throws IOException {
        AreaLayout layout = image.layout;
        long deviceChunks = image.deviceSectors / layout.chunkSizeSectors();
        long maxAreas = (deviceChunks - AreaLayout.HEADER_CHUNKS + layout.areaStrideChunks() - 1) / layout.areaStrideChunks();
        progress.begin("Reading exception areas", maxAreas);
        AreaWalk walk = new AreaWalk(image, findings);
        try (AreaReadAhead areas = new AreaReadAhead(source, layout, deviceChunks, walk.segmentEntries);
                PagedDuplicateScan duplicates = new PagedDuplicateScan(walk.table.oldChunkColumn())) {
            for (long areaIndex = 0; ; areaIndex++) {
                progress.checkCancelled();
                long chunk = layout.areaLocation(areaIndex);
                if (chunk >= deviceChunks) {
                    walk.pastEnd(areaIndex, chunk, deviceChunks);
                    break;
                }
                if (!walk.area(areas, areaIndex)) {
                    break; // stopped early: more entries than this process can hold
                }
                progress.worked(1);
                duplicates.pagesFilled();
                if (!walk.full) {
                    image.currentArea = areaIndex;
                    image.areasRead = areaIndex + 1;
                    break;
                }
            }
            walk.table.knownDuplicatedOldChunks(duplicates.finish(walk.table.size()));
        }
        image.exceptions = walk.table.build();
        image.nextFree = layout.skipMetadata(walk.nextFree);
        if (image.staleEntries > 0) {
            long terminator = image.currentCommitted;
            findings.add(FindingKind.STALE_ENTRIES, Location.entry(layout, image.currentArea, terminator), String.format(Locale.ROOT,
                    "%d non-zero entries after the terminator (entry %d) in area %d; the kernel never reads them "
                            + "(left from an earlier use of the device or a merge)", image.staleEntries, terminator, image.currentArea));
        }
    }

    /**
     * One walk's state. The common segment (every new chunk where the allocator puts it) takes the
     * short path in {@link #area}; the rare ones (the terminator, stale entries, stopping early, the
     * device's end) are methods of their own, for reading: the JIT compiles the same hot code either way.
     */
    private final class AreaWalk {
        private final CowImage.Builder image;
        private final FindingCollector findings;
        private final AreaLayout layout;
        private final long perArea;
        /** An area is read in segments of at most 1 MiB: a 1 GiB chunk size needs no 1 GiB buffer. */
        final int segmentEntries;
        /** The segment as (old, new) pairs, decoded in one copy. */
        private final long[] words;
        final ExceptionTable.Builder table;
        long nextFree = AreaLayout.HEADER_CHUNKS + 1;
        /** False once the terminator ({@code new_chunk == 0}) is read. */
        boolean full = true;

        AreaWalk(CowImage.Builder image, FindingCollector findings) {
            this.image = image;
            this.findings = findings;
            this.layout = image.layout;
            this.perArea = layout.exceptionsPerArea();
            this.segmentEntries = (int) Math.min(perArea, SEGMENT_BYTES / DiskException.SIZE_BYTES);
            this.words = new long[2 * segmentEntries];
            this.table = new ExceptionTable.Builder(layout);
        }

        /** Reads area {@code areaIndex}; false when the table stops early in it (more than {@code maxEntries}). */
        boolean area(AreaReadAhead areas, long areaIndex) throws IOException {
            for (long slot = 0; slot < perArea; slot += segmentEntries) {
                int n = (int) Math.min(segmentEntries, perArea - slot);
                areas.nextSegment(words, n);
                if (full && table.size() + (long) n <= maxEntries && table.addIfSequential(words, n)) {
                    // every new chunk is where the allocator puts it: none is 0, and they only grow
                    long last = words[2 * n - 1];
                    if (Long.compareUnsigned(nextFree, last) <= 0) {
                        nextFree = last + 1;
                    }
                } else if (!otherSegment(areaIndex, slot, n)) {
                    return false;
                }
            }
            return true;
        }

        /** A segment not all in allocation order, or after the terminator: entry by entry. False when the table stops early. */
        private boolean otherSegment(long areaIndex, long slot, int n) {
            if (!full) {
                image.staleEntries += countStale(words, 0, n);
                return true;
            }
            int entries = n;
            for (int i = 0; i < n; i++) {
                long newChunk = words[2 * i + 1];
                if (newChunk == 0) {
                    image.currentCommitted = slot + i;
                    image.staleEntries = countStale(words, i + 1, n);
                    entries = i;
                    full = false;
                    break;
                }
                if (Long.compareUnsigned(nextFree, newChunk) <= 0) {
                    nextFree = newChunk + 1; // unsigned, wraps like the kernel's chunk_t
                }
            }
            if (table.size() + (long) entries > maxEntries) {
                table.addEntries(words, (int) (maxEntries - table.size()));
                stopEarly(image, findings, Location.entry(layout, areaIndex, slot));
                image.currentArea = areaIndex;
                image.areasRead = areaIndex + 1;
                return false;
            }
            table.addEntries(words, entries);
            return true;
        }

        /** Area {@code areaIndex} would start at {@code chunk}, past the device's last whole chunk. */
        void pastEnd(long areaIndex, long chunk, long deviceChunks) {
            image.loadFails = image.state == StoreState.VALID;
            String what = image.state == StoreState.VALID
                    ? "the kernel would fail to load this store (\"Failed to read snapshot metadata\")"
                    : "the forensic walk stops here";
            findings.add(FindingKind.METADATA_PAST_END, Location.chunk(layout, chunk), String.format(Locale.ROOT,
                    "area %d is full, so the table goes on in area %d, whose metadata chunk %d lies past the last whole chunk "
                            + "(%d) of the device: %s", areaIndex - 1, areaIndex, chunk, deviceChunks - 1, what));
            image.currentArea = Math.max(0, areaIndex - 1);
            image.currentCommitted = areaIndex == 0 ? 0 : perArea;
            image.areasRead = areaIndex;
        }
    }

    /** The table is larger than this process can hold: say so, and claim nothing that needs the rest. */
    private void stopEarly(CowImage.Builder image, FindingCollector findings, Location where) {
        image.stoppedEarly = true;
        findings.add(FindingKind.TABLE_TOO_LARGE, where, String.format(Locale.ROOT,
                "the table holds more than %d exceptions, more than this process can keep in memory (max heap %s); "
                        + "reading stopped here, so no usage or headroom is given and the checks cover only the entries read "
                        + "(run with a larger -Xmx to read it whole)", maxEntries, Units.human(Runtime.getRuntime().maxMemory())));
    }

    /** Non-zero entries among pairs {@code from … to - 1} of {@code words}. */
    private static long countStale(long[] words, int from, int to) {
        long stale = 0;
        for (int i = from; i < to; i++) {
            if (words[2 * i] != 0 || words[2 * i + 1] != 0) {
                stale++;
            }
        }
        return stale;
    }
}
