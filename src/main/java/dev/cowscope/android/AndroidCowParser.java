package dev.cowscope.android;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.FindingCollector;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Location;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads an Android Virtual A/B COW file (libsnapshot_cow v1/v2 and v3) exactly as AOSP's
 * {@code CowReader::Parse} does: {@code ReadCowHeader}, then {@code CowParserV2} or {@code CowParserV3}
 * (to the end, or up to a label), then {@code Translate}. Where AOSP would fail, the result says so with
 * AOSP's own reason ({@link AndroidCow#error()}) and a finding; where AOSP would loop or run out of memory
 * on a hostile file, we stop with a finding. Every value from the file is checked before it is used; the
 * cost is one pass over the op area, the memory {@value AndroidCowOps#BYTES_PER_OP} bytes per op.
 */
public final class AndroidCowParser {
    /** Resume slots listed at most (AOSP's writer keeps 4). */
    public static final int MAX_LISTED_RESUME_POINTS = 4096;
    static final int V2_OP_BYTES = 20;
    static final int V3_OP_BYTES = 16;
    static final int FOOTER_BYTES = 84;
    static final int RESUME_POINT_BYTES = 16;
    static final long SOURCE_MASK = (1L << 48) - 1;
    private static final int MAX_FINDINGS_PER_KIND = 10;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INTS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** The v2 op types the walk's plain loop takes. */
    private static final int PLAIN_V2_TYPES = 1 << AndroidOpType.COPY | 1 << AndroidOpType.REPLACE | 1 << AndroidOpType.ZERO
            | 1 << AndroidOpType.XOR;
    private static final int WINDOW_BYTES = 1 << 20;
    /** Least read for a v2 cluster's ops: with 2 ops a cluster, a read per cluster was 13x slower (1 M ops: 1.1 s). */
    private static final int MIN_CLUSTER_READ = 16 << 10;
    /** v3 ops are read 256 KiB at a time: the chunk and its copy stay in cache for the check (1 MiB: 15 % slower). */
    private static final int V3_CHUNK_BYTES = 256 << 10;

    /**
     * Each thread's buffer for v3 op chunks: direct, so a read lands in it without the JDK's copy, and kept, as
     * the JDK keeps its own temporary buffers (a fresh direct megabyte per parse cost more than the ops' decode).
     */
    private static final ThreadLocal<ByteBuffer> OP_CHUNK = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(V3_CHUNK_BYTES));

    private final long maxOps;
    private final boolean plainLoop;

    public AndroidCowParser() {
        this(defaultMaxOps());
    }

    /** The most ops a parse holds by default: half the heap at 32 bytes an op. */
    private static long defaultMaxOps() {
        return Math.min(AndroidCowOps.MAX_OPS, Runtime.getRuntime().maxMemory() / 2 / 32);
    }

    /** A parser that holds at most {@code maxOps} ops (more is reported as too large). */
    AndroidCowParser(long maxOps) {
        this(maxOps, true);
    }

    /** Findings as the Android COW's jobs list them: at most {@value #MAX_FINDINGS_PER_KIND} of a kind, the rest counted. */
    static FindingCollector newFindings() {
        return new FindingCollector(MAX_FINDINGS_PER_KIND);
    }

    /** A parser whose v2 walk takes every op the full way: the reference its plain-op loop is tested and fuzzed against. */
    public static AndroidCowParser fullWalk() {
        return new AndroidCowParser(defaultMaxOps(), false);
    }

    /** A parser whose v2 walk takes every op the full way when {@code plainLoop} is false: the reference for that loop. */
    AndroidCowParser(long maxOps, boolean plainLoop) {
        this.maxOps = Math.min(maxOps, AndroidCowOps.MAX_OPS);
        this.plainLoop = plainLoop;
    }

    /** True when {@code source} starts with {@code kCowMagicNumber}. */
    public static boolean isAndroidCow(BlockSource source) throws IOException {
        if (source.sizeBytes() < 8) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(0, b);
        return b.getLong(0) == AndroidCowHeader.MAGIC;
    }

    /** Opens {@code path} read-only (files, block devices, .gz/.xz/.zst images) and parses it to the end or to {@code label}. */
    public static AndroidCow read(Path path, OptionalLong label, Progress progress) throws IOException {
        try (BlockSource source = BlockSources.open(path, progress)) {
            return new AndroidCowParser().parse(source, label, progress);
        }
    }

    /**
     * Parses {@code source}: a full parse when {@code label} is empty, else up to that label as AOSP's
     * {@code Parse(fd, label)} (resuming a write).
     *
     * @throws CowFormatException when there is nothing to show: no Android COW magic, a header AOSP cannot
     *     read (too short, {@code header_size} over 78, unknown major version), or more ops than memory holds
     */
    public AndroidCow parse(BlockSource source, OptionalLong label) throws IOException {
        return parse(source, label, Progress.NONE);
    }

    /** {@link #parse(BlockSource, OptionalLong)} reporting the op walk to {@code progress}, which may cancel it. */
    public AndroidCow parse(BlockSource source, OptionalLong label, Progress progress) throws IOException {
        long size = source.sizeBytes();
        String name = source.name();
        if (size < AndroidCowHeader.PREFIX_BYTES) {
            throw new CowFormatException(CowFormatException.Kind.TRUNCATED, 0, String.format(Locale.ROOT,
                    "%s: only %d bytes; an Android COW starts with a 14-byte header prefix", name, size));
        }
        byte[] raw = new byte[AndroidCowHeader.V3_BYTES];
        // the longest header in one read (what follows a shorter one is dropped below: AOSP reads header_size bytes)
        int readAhead = (int) Math.min(size, AndroidCowHeader.V3_BYTES);
        source.readFully(0, ByteBuffer.wrap(raw, 0, readAhead));
        AndroidCowHeader prefix = AndroidCowHeader.decode(raw);
        if (prefix.magic() != AndroidCowHeader.MAGIC) {
            throw new CowFormatException(CowFormatException.Kind.NOT_A_COW, 0, String.format(Locale.ROOT,
                    "%s: not an Android COW: magic is 0x%016x, expected 0x%016x (\"Header Magic corrupted\")",
                    name, prefix.magic(), AndroidCowHeader.MAGIC));
        }
        int headerSize = prefix.headerSize();
        if (headerSize > AndroidCowHeader.V3_BYTES) {
            throw new CowFormatException(CowFormatException.Kind.NOT_A_COW, 12, String.format(Locale.ROOT,
                    "%s: Android COW with header_size %d: AOSP refuses it (\"Unknown CowHeader size (got %d bytes, "
                            + "expected at most %d bytes)\")", name, headerSize, headerSize, AndroidCowHeader.V3_BYTES));
        }
        if (headerSize > size) {
            throw new CowFormatException(CowFormatException.Kind.TRUNCATED, 0, String.format(Locale.ROOT,
                    "%s: only %d bytes, but the Android COW header is %d bytes (AOSP cannot read the header)",
                    name, size, headerSize));
        }
        Arrays.fill(raw, Math.max(headerSize, AndroidCowHeader.PREFIX_BYTES), readAhead, (byte) 0); // the 14-byte prefix is read whole
        AndroidCowHeader header = AndroidCowHeader.decode(raw);
        int major = header.majorVersion();
        if (major < 1 || major > 3) {
            throw new CowFormatException(CowFormatException.Kind.NOT_A_COW, 8, String.format(Locale.ROOT,
                    "%s: Android COW major version %d: AOSP reads versions 1 to 3 (\"Unknown version: %d\")",
                    name, major, major));
        }
        Run run = new Run(source, header, label, progress);
        if (major == 3) {
            run.parseV3();
        } else {
            run.parseV2();
        }
        run.check();
        run.v2OpPlaces = null; // for the findings only, all made by now: not alive beside the trim's copies
        run.ops.trimToSize();
        return new AndroidCow(name, source.kind(), size, header, run.parsedHeader, label, run.error == null,
                run.error, run.footer, run.lastLabel, List.copyOf(run.resumePoints), run.opAreaOffset,
                run.dataAreaOffset, run.ops, run.findings.result());
    }

    /** One parse: AOSP's parser state, our findings. */
    private final class Run {
        final BlockSource source;
        final Progress progress;
        final long size;
        final AndroidCowHeader header;
        final OptionalLong label;
        final Window window;
        final FindingCollector findings = newFindings();
        AndroidCowHeader parsedHeader;
        AndroidCowOps ops;
        String error;
        AndroidCowFooter footer;
        OptionalLong lastLabel = OptionalLong.empty();
        final List<ResumePoint> resumePoints = new ArrayList<>();
        long opAreaOffset;
        long dataAreaOffset = -1;
        long resumeOffset = -1;
        /** v3: where the data of the ops read ends (they lie back to back from the data area); -1 for v2. */
        long dataEnd = -1;
        /** XOR ops counted by the walk, and whether their new blocks rose op by op (then no block has two). */
        long xorOps;
        boolean xorBlocksRise = true;
        private long lastXorBlock = -1;
        /** The plain-op loop's XOR ops (index, data offset), set in the columns after it. */
        int[] plainXorOps = new int[0];
        long[] plainXorData = new long[0];
        /** v2: whether any op had data, the lowest data offset and the highest data end of those ops. */
        boolean v2DataSeen;
        long v2DataLow;
        long v2DataHigh;
        /** v2 walk: where the next op's data would start (AOSP's {@code data_pos}), and the compression the ops use (0: none seen). */
        long v2DataPos;
        long v2Compression;
        long sequenceOps;
        /** Where each v2 op lies, for findings. */
        V2OpPlaces v2OpPlaces = new V2OpPlaces();
        /** v2 per-op raw type byte where it is not a known type (first few only, for findings). */
        final List<long[]> unknownRawTypes = new ArrayList<>();

        Run(BlockSource source, AndroidCowHeader header, OptionalLong label, Progress progress) {
            this.source = source;
            this.progress = progress;
            this.size = source.sizeBytes();
            this.header = header;
            this.parsedHeader = header;
            this.label = label;
            this.window = new Window(source);
        }

        void fail(FindingKind kind, Location where, String aospMessage) {
            if (error == null) {
                error = aospMessage;
                findings.addFirst(kind, where, aospMessage);
            }
        }

        // ---------------------------------------------------------------- v1 / v2

        void parseV2() throws IOException {
            int expected = v2OpCountHint();
            ops = new AndroidCowOps(expected);
            AndroidCowHeader h = header;
            if (h.footerSize() != FOOTER_BYTES) {
                fail(FindingKind.ANDROID_PARSE_FAILED, Location.offset(14), "Footer size unknown, read "
                        + h.footerSize() + ", expected " + FOOTER_BYTES);
                return;
            }
            if (h.opSize() != V2_OP_BYTES) {
                fail(FindingKind.ANDROID_PARSE_FAILED, Location.offset(16), "Operation size unknown, read "
                        + h.opSize() + ", expected " + V2_OP_BYTES);
                return;
            }
            if (h.clusterOps() == 1) {
                fail(FindingKind.ANDROID_PARSE_FAILED, Location.offset(22),
                        "Clusters must contain at least two operations to function.");
                return;
            }
            if (h.majorVersion() > 2 || h.minorVersion() != 0) {
                fail(FindingKind.ANDROID_PARSE_FAILED, Location.offset(8), versionMismatch(h));
                return;
            }
            long pos;
            long bufferSize = h.bufferSize();
            if (h.majorVersion() >= 2 && bufferSize > 0) {
                pos = h.headerSize() + bufferSize;
            } else {
                pos = h.headerSize();
                bufferSize = 0; // a v1 header has no buffer_size
            }
            opAreaOffset = pos;
            long clusterOps = h.clusterOps();
            v2DataPos = pos + (clusterOps != 0 ? clusterOps * V2_OP_BYTES : V2_OP_BYTES);
            long perRead = clusterOps != 0 ? clusterOps : 1;
            String translateError = null;
            Location translateWhere = null;
            boolean done = false;
            progress.begin("Reading the ops", size);
            long reported = 0;
            while (!done) {
                if (Long.compareUnsigned(pos, size) > 0) {
                    fail(FindingKind.ANDROID_OP_PAST_END, Location.offset(pos), String.format(Locale.ROOT,
                            "read op failed: the next op would be at %s, past the end of the file (%d bytes)",
                            Long.toUnsignedString(pos), size));
                    return;
                }
                long toAdd = Math.min(perRead, (size - pos) / V2_OP_BYTES);
                if (toAdd == 0) {
                    break;
                }
                long clusterStart = pos;
                if ((ops.size() & 0xffff) < toAdd || toAdd > 0xffff) { // every 64 Ki ops: the walk's bytes so far
                    progress.checkCancelled();
                    progress.worked(pos - reported);
                    reported = pos;
                }
                ByteBuffer b = window.buffer;
                for (long k = 0; k < toAdd; k++) {
                    long at = clusterStart + k * V2_OP_BYTES;
                    // a cluster's ops are read as one span, 16 KiB at least (small clusters may lie back to back): the
                    // data between clusters is not the parse's to read
                    int base = window.indexOf(at, V2_OP_BYTES,
                            clusterOps != 0 ? Math.max(MIN_CLUSTER_READ, (toAdd - k) * V2_OP_BYTES) : WINDOW_BYTES);
                    if (plainLoop && clusterOps != 0 && translateError == null) {
                        int plain = plainV2Ops(base, (int) Math.min(toAdd - k, window.readable(base) / V2_OP_BYTES), at);
                        if (plain > 0) {
                            pos += (long) plain * V2_OP_BYTES;
                            k += plain - 1;
                            continue;
                        }
                    }
                    int rawType = b.get(base) & 0xff;
                    int opCompression = b.get(base + 1) & 0xff;
                    long dataLength = b.getShort(base + 2) & 0xffff;
                    long newBlock = b.getLong(base + 4);
                    long src = b.getLong(base + 12);
                    long prevPos = pos;
                    long opDataPos = v2DataPos;
                    pos += V2_OP_BYTES + nextOpOffset(rawType, dataLength, src, clusterOps);
                    v2DataPos += dataLength + nextDataOffset(rawType, clusterOps);
                    if (rawType == AndroidOpType.FOOTER) {
                        if (Long.compareUnsigned(pos, size) > 0 || size - pos < FOOTER_BYTES - V2_OP_BYTES) {
                            fail(FindingKind.ANDROID_OP_PAST_END, Location.offset(at), "Could not read COW footer");
                            return;
                        }
                        footer = new AndroidCowFooter(rawType, opCompression, (int) dataLength, newBlock, src, at);
                        done = true;
                        break;
                    }
                    if (ops.size() >= maxOps) {
                        throw new CowFormatException(CowFormatException.Kind.TOO_LARGE, at, String.format(Locale.ROOT,
                                "%s: more than %d ops, more than this process can hold in memory", source.name(), maxOps));
                    }
                    int index = ops.size();
                    if (!AndroidOpType.isKnown(rawType)) {
                        findings.add(FindingKind.ANDROID_UNKNOWN_OP, Location.op(index, at), String.format(Locale.ROOT,
                                "op type %d is not one AOSP defines; AOSP keeps it as type %d", rawType, rawType & 0xf));
                    }
                    if (opCompression > 4) {
                        findings.add(FindingKind.ANDROID_UNKNOWN_COMPRESSION, Location.op(index, at),
                                "compression " + opCompression + " is not one AOSP defines (0 none, 1 gz, 2 brotli, 3 lz4, 4 zstd)");
                    }
                    int type = rawType & 0xf;
                    long masked = src & SOURCE_MASK;
                    if (translateError == null) {
                        if (Long.compareUnsigned(newBlock, 0xffffffffL) > 0) {
                            translateError = "Out-of-range new block in COW op: " + v2String(rawType, opCompression, dataLength, newBlock, src);
                            translateWhere = Location.op(index, at);
                        } else if (type != AndroidOpType.LABEL && masked != src) {
                            translateError = "Out-of-range source value in COW op: " + v2String(rawType, opCompression, dataLength, newBlock, src);
                            translateWhere = Location.op(index, at);
                        } else if (opCompression != 0) {
                            if (v2Compression == 0) {
                                v2Compression = opCompression;
                            } else if (v2Compression != opCompression) {
                                translateError = "COW has mixed compression types which is not supported; previously saw "
                                        + v2Compression + ", got " + opCompression + ", op: "
                                        + v2String(rawType, opCompression, dataLength, newBlock, src);
                                translateWhere = Location.op(index, at);
                            }
                        }
                    }
                    long dataOffset = -1;
                    if (rawType == AndroidOpType.XOR) {
                        dataOffset = opDataPos;
                        countXor(newBlock & 0xffffffffL); // as the ops keep it (a wider one fails the parse)
                    } else if (type == AndroidOpType.REPLACE || type == AndroidOpType.SEQUENCE) {
                        dataOffset = masked;
                    }
                    if (dataOffset >= 0) {
                        v2DataBounds(dataOffset, dataLength);
                    }
                    ops.add(type, opCompression, 0, dataLength, newBlock, masked, dataOffset);
                    v2OpPlaces.add(index, at);
                    if (Long.compareUnsigned(pos, prevPos) <= 0) {
                        fail(FindingKind.ANDROID_OP_PAST_END, Location.op(index, at), String.format(Locale.ROOT,
                                "lseek next op failed: the op at %d moves the next op to %s, before it (the stream would loop)",
                                at, Long.toUnsignedString(pos)));
                        return;
                    }
                    if (rawType == AndroidOpType.CLUSTER) {
                        break;
                    } else if (rawType == AndroidOpType.LABEL) {
                        lastLabel = OptionalLong.of(src);
                        if (label.isPresent() && label.getAsLong() == src) {
                            done = true;
                            break;
                        }
                    }
                }
                if (pos < 0) {
                    fail(FindingKind.ANDROID_OP_PAST_END, Location.offset(clusterStart), "lseek next op failed "
                            + Long.toUnsignedString(pos));
                    return;
                }
            }
            parsedHeader = header.withParsed(bufferSize, header.compressionAlgorithm());
            if (label.isPresent()) {
                if (lastLabel.isEmpty()) {
                    fail(FindingKind.ANDROID_PARSE_FAILED, Location.DEVICE, "Did not find label "
                            + Long.toUnsignedString(label.getAsLong()) + " while reading COW (no labels found)");
                    return;
                }
                if (lastLabel.getAsLong() != label.getAsLong()) {
                    fail(FindingKind.ANDROID_PARSE_FAILED, Location.DEVICE, "Did not find label "
                            + Long.toUnsignedString(label.getAsLong()) + ", last label="
                            + Long.toUnsignedString(lastLabel.getAsLong()));
                    return;
                }
            } else if (footer == null) {
                fail(FindingKind.ANDROID_NO_FOOTER, Location.offset(size), "No COW footer found");
                return;
            }
            if (footer != null) {
                if (footer.numOps() != ops.size()) {
                    fail(FindingKind.ANDROID_FOOTER_MISMATCH, Location.offset(footer.offsetBytes()),
                            "num ops does not match, expected " + Long.toUnsignedString(footer.numOps()) + ", found " + ops.size());
                    return;
                }
                if (footer.opsSize() != (long) ops.size() * V2_OP_BYTES) {
                    fail(FindingKind.ANDROID_FOOTER_MISMATCH, Location.offset(footer.offsetBytes()),
                            "ops size does not match: footer ops_size " + Long.toUnsignedString(footer.opsSize())
                                    + ", ops " + ops.size() + " x " + V2_OP_BYTES);
                    return;
                }
            }
            if (translateError != null) {
                fail(FindingKind.ANDROID_PARSE_FAILED, translateWhere, translateError);
                return;
            }
            parsedHeader = header.withParsed(bufferSize, v2Compression != 0 ? v2Compression : header.compressionAlgorithm());
        }

        /**
         * The walk's common case, taken in a loop of its own (the full walk took 8 ns an op): the plain ops of a
         * clustered file from window index {@code base} on (at most {@code max}, lying from file offset {@code at}) —
         * COPY, REPLACE, ZERO or XOR, new block and source in range, no compression or the one the file uses — which
         * change nothing the walk keeps but the ops, their data's end and bounds. Returns how many it took; the op that
         * stopped it goes the full walk, which does for such an op exactly what this does.
         */
        private int plainV2Ops(int base, int max, long at) {
            int first = ops.size();
            int n = (int) Math.min(Math.min(max, maxOps - first), first < maxOps ? ops.room() : 0);
            byte[] b = window.buffer.array(); // read with no buffer checks
            long[] words = ops.words(); // written straight into the room past the last op (a call an op cost a third)
            // the file's compression when it is one AOSP defines (an op with another goes the full walk)
            int fileCompression = v2Compression > 0 && v2Compression <= 4 ? (int) v2Compression : 0;
            long dataPos = v2DataPos;
            long low = Long.MAX_VALUE;
            long high = 0;
            if (xorOps > 0 && plainXorOps.length < n) { // once the walk has met an XOR op: not grown in the loop
                plainXorOps = new int[n];
                plainXorData = new long[n];
            }
            int[] xorAt = plainXorOps;
            long[] xorData = plainXorData;
            int xors = 0;
            boolean xorRise = xorBlocksRise;
            long lastXor = lastXorBlock;
            int taken = 0;
            for (int i = base; taken < n; taken++, i += V2_OP_BYTES) {
                // type, compression, data_length and new_block's low half in one read: the op's first word as is
                long head = (long) LONGS.get(b, i);
                int blockHigh = (int) INTS.get(b, i + 8);
                long src = (long) LONGS.get(b, i + 12);
                int rawType = (int) head & 0xff;
                int compression = (int) (head >>> 8) & 0xff;
                if (rawType >= 32 || (PLAIN_V2_TYPES & (1 << rawType)) == 0
                        || compression != 0 && compression != fileCompression
                        || (blockHigh | src >>> 48) != 0
                        || rawType == AndroidOpType.XOR && xors == xorAt.length) { // (the file's first XOR op: no room yet)
                    break;
                }
                long length = (head >>> 16) & 0xffff;
                int op = first + taken;
                words[2 * op] = head & 0xffffffff00000000L | length; // data_length | new_block << 32
                words[2 * op + 1] = (long) rawType << 60 | (long) compression << AndroidCowOps.V2_COMPRESSION_SHIFT | src;
                if (rawType == AndroidOpType.REPLACE) {
                    low = Math.min(low, src);
                    high = Math.max(high, src + length); // under 2^49: no overflow
                } else if (rawType == AndroidOpType.XOR) {
                    xorAt[xors] = op;
                    xorData[xors++] = dataPos;
                    long block = head >>> 32;
                    xorRise &= block > lastXor;
                    lastXor = block;
                    if (dataPos >= 0) { // (a data_pos past 2^63: none)
                        low = Math.min(low, dataPos);
                        high = Math.max(high, endOf(dataPos, length));
                    }
                }
                dataPos += length;
            }
            ops.setSize(first + taken);
            ops.appendXorPlaces(xorAt, xorData, xors); // kept out of the loop: a call in it kept the JIT from its best code
            xorOps += xors;
            xorBlocksRise = xorRise;
            lastXorBlock = lastXor;
            if (low != Long.MAX_VALUE) { // data ops were met (the data may be empty, at 0)
                v2DataBounds(low, high - low);
            }
            v2OpPlaces.addRun(first, taken, at);
            v2DataPos = dataPos;
            return taken;
        }

        /** Data of {@code length} bytes at {@code offset} (not negative). */
        private void v2DataBounds(long offset, long length) {
            v2DataLow = v2DataSeen ? Math.min(v2DataLow, offset) : offset;
            v2DataSeen = true;
            v2DataHigh = Math.max(v2DataHigh, endOf(offset, length));
        }

        /** Where data of {@code length} bytes at {@code offset} ends; past 2^63 (a data_pos near it, hostile) it is 2^63 - 1. */
        private static long endOf(long offset, long length) {
            long end = offset + length;
            return end < offset ? Long.MAX_VALUE : end;
        }

        /**
         * Room for the ops to begin with, sized by the file's own ops (room for min(65 536, size / 20) gave a 16-op
         * file with a 2 MiB scratch area 1.5 MiB): the op count of the footer AOSP's writer ends the file with, when
         * the last 84 bytes are one that agrees with itself, the file's size and the most ops this process holds and
         * the source reads in any order (a hint only: the walk decides), else 1024.
         */
        private int v2OpCountHint() throws IOException {
            // a compressed image is read front to back: a read at its end, then back at the ops, would unpack it
            if (source.readsInAnyOrder() && size - header.headerSize() >= FOOTER_BYTES) {
                ByteBuffer b = ByteBuffer.allocate(V2_OP_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                try {
                    source.readFully(size - FOOTER_BYTES, b);
                } catch (IOException unreadable) {
                    return 1024; // a hint is not worth a failure: the walk reads what it needs and says what it cannot
                }
                long opsSize = b.getLong(4);
                long numOps = b.getLong(12);
                if ((b.get(0) & 0xff) == AndroidOpType.FOOTER && numOps > 0 && numOps <= Math.min(maxOps, size / V2_OP_BYTES)
                        && opsSize == numOps * V2_OP_BYTES) {
                    // exact for an honest file (no growth, no trim); a lying one costs no more room than maxOps, which
                    // the walk may fill anyway, and the trim gives it back
                    return (int) numOps;
                }
            }
            return (int) Math.min(1024, size / V2_OP_BYTES);
        }

        // ---------------------------------------------------------------- v3

        void parseV3() throws IOException {
            AndroidCowHeader h = header;
            ops = new AndroidCowOps((int) Math.min(Math.min(1 << 16, size / V3_OP_BYTES), h.opCount() & 0xffffffffL));
            if (h.footerSize() != 0) {
                fail(FindingKind.ANDROID_PARSE_FAILED, Location.offset(14), "Footer size isn't 0, read " + h.footerSize());
                return;
            }
            if (h.opSize() != V3_OP_BYTES) {
                fail(FindingKind.ANDROID_PARSE_FAILED, Location.offset(16), "Operation size unknown, read "
                        + h.opSize() + ", expected " + V3_OP_BYTES);
                return;
            }
            if (h.clusterOps() != 0) {
                fail(FindingKind.ANDROID_PARSE_FAILED, Location.offset(22), "Cluster ops not supported in v3");
                return;
            }
            if (h.majorVersion() != 3 || h.minorVersion() != 0) {
                fail(FindingKind.ANDROID_PARSE_FAILED, Location.offset(8), versionMismatch(h));
                return;
            }
            // cow_format.h's offset helpers, in AOSP's (wrapping) 64-bit arithmetic
            long sequenceOffset = h.headerSize() + h.bufferSize();
            resumeOffset = sequenceOffset + h.sequenceDataCount() * 4;
            opAreaOffset = resumeOffset + h.resumePointMax() * RESUME_POINT_BYTES;
            dataAreaOffset = opAreaOffset + (h.opCountMax() & 0xffffffffL) * V3_OP_BYTES;
            readResumeSlots();
            long opIndex = h.opCount() & 0xffffffffL; // std::optional<uint32_t> op_index = header_.op_count
            if (label.isPresent()) {
                long count = h.resumePointCount();
                if (!inFile(resumeOffset, count * RESUME_POINT_BYTES)) {
                    fail(FindingKind.ANDROID_OP_PAST_END, Location.offset(resumeOffset), String.format(Locale.ROOT,
                            "Failed to read resume buffer: %d resume points at %d reach past the end of the file (%d bytes)",
                            count, resumeOffset, size));
                    return;
                }
                long found = -1;
                for (long k = 0; k < count; k++) {
                    ByteBuffer b = window.at(resumeOffset + k * RESUME_POINT_BYTES, RESUME_POINT_BYTES);
                    if (b.getLong(b.position()) == label.getAsLong()) {
                        found = b.getLong(b.position() + 8) & 0xffffffffL; // returned as std::optional<uint32_t>
                        break;
                    }
                }
                if (found < 0) {
                    fail(FindingKind.ANDROID_PARSE_FAILED, Location.offset(resumeOffset),
                            "failed to get op index from given label: " + Long.toUnsignedString(label.getAsLong()));
                    return;
                }
                opIndex = found;
            }
            if (!inFile(opAreaOffset, opIndex * V3_OP_BYTES)) {
                fail(FindingKind.ANDROID_OP_PAST_END, Location.offset(opAreaOffset), String.format(Locale.ROOT,
                        "read ops failed: %d ops of 16 bytes at %d reach past the end of the file (%d bytes)",
                        opIndex, opAreaOffset, size));
                return;
            }
            if (opIndex > maxOps) {
                throw new CowFormatException(CowFormatException.Kind.TOO_LARGE, opAreaOffset, String.format(Locale.ROOT,
                        "%s: %d ops, more than this process can hold in memory (%d)", source.name(), opIndex, maxOps));
            }
            ops = new AndroidCowOps((int) opIndex); // in the file (checked above) and within maxOps: sized once, no growth
            long dataPos = dataAreaOffset;
            progress.begin("Reading the ops", opIndex);
            ByteBuffer chunk = OP_CHUNK.get();
            int k = 0;
            while (k < opIndex) {
                // a chunk of ops read straight into the op words, then gone over in one loop
                int batch = (int) Math.min(opIndex - k, V3_CHUNK_BYTES / V3_OP_BYTES);
                progress.checkCancelled();
                progress.worked(batch);
                source.readFully(opAreaOffset + (long) k * V3_OP_BYTES, chunk.clear().limit(batch * V3_OP_BYTES));
                ops.appendRaw(chunk.flip(), batch);
                for (int end = k + batch; k < end; k++) {
                    long w0 = ops.word0(k);
                    long sourceInfo = ops.word1(k);
                    int type = (int) (sourceInfo >>> 60);
                    if (type == AndroidOpType.XOR) {
                        ops.setXorDataOffset(k, dataPos);
                        countXor(w0 >>> 32);
                    } else if (type == AndroidOpType.REPLACE) {
                        long src = sourceInfo & SOURCE_MASK;
                        if (dataPos != src) {
                            ops.truncate(k + 1);
                            fail(FindingKind.ANDROID_PARSE_FAILED, Location.op(k, opAreaOffset + (long) k * V3_OP_BYTES),
                                    "Invalid data location for operation " + v3String(type, w0 & 0xffffffffL, w0 >>> 32, src)
                                            + ", expected: " + Long.toUnsignedString(dataPos));
                            return;
                        }
                    } else if (type != AndroidOpType.COPY && type != AndroidOpType.ZERO) {
                        unknownV3Op(k, type);
                    }
                    dataPos += w0 & 0xffffffffL;
                }
            }
            dataEnd = dataPos;
        }

        private void countXor(long newBlock) {
            xorOps++;
            xorBlocksRise &= newBlock > lastXorBlock;
            lastXorBlock = newBlock;
        }

        private void unknownV3Op(int k, int type) {
            if (type == AndroidOpType.SEQUENCE) {
                sequenceOps++;
            }
            findings.add(FindingKind.ANDROID_UNKNOWN_OP, Location.op(k, opAreaOffset + (long) k * V3_OP_BYTES),
                    String.format(Locale.ROOT, "op type %d (%s) has no place in a v3 op stream", type, AndroidOpType.aospName(type)));
        }

        private void readResumeSlots() throws IOException {
            long listed = Math.min(Math.min(header.resumePointCount(), header.resumePointMax()), MAX_LISTED_RESUME_POINTS);
            for (int k = 0; k < listed; k++) {
                long at = resumeOffset + (long) k * RESUME_POINT_BYTES;
                if (!inFile(at, RESUME_POINT_BYTES)) {
                    break;
                }
                ByteBuffer b = window.at(at, RESUME_POINT_BYTES);
                resumePoints.add(new ResumePoint(k, b.getLong(b.position()), b.getLong(b.position() + 8)));
            }
        }

        // ---------------------------------------------------------------- our checks

        void check() {
            AndroidCowHeader h = header;
            if (h.majorVersion() == 3) {
                if (h.compressionAlgorithm() > 4) {
                    findings.add(FindingKind.ANDROID_UNKNOWN_COMPRESSION, Location.offset(70), "compression_algorithm "
                            + h.compressionAlgorithm() + " is not one AOSP defines (0 none, 1 gz, 2 brotli, 3 lz4, 4 zstd)");
                }
                if (Long.compareUnsigned(h.opCount(), h.opCountMax()) > 0) {
                    findings.add(FindingKind.ANDROID_OP_COUNT_OVER_MAX, Location.offset(54), String.format(Locale.ROOT,
                            "op_count %s exceeds op_count_max %s: the ops from %s on overlap the data area at %d",
                            Long.toUnsignedString(h.opCount()), Long.toUnsignedString(h.opCountMax()),
                            Long.toUnsignedString(h.opCountMax()), dataAreaOffset));
                }
                if (h.resumePointCount() > h.resumePointMax()) {
                    findings.add(FindingKind.ANDROID_RESUME_POINTS_OVER_MAX, Location.offset(46), String.format(Locale.ROOT,
                            "resume_point_count %d exceeds resume_point_max %d: AOSP's writer counts every label without a cap, "
                                    + "and a parse at a label reads %d entries, past the %d stored slots into the ops",
                            h.resumePointCount(), h.resumePointMax(), h.resumePointCount(), h.resumePointMax()));
                }
            }
            int headerSize = h.headerSize();
            // v3 data lies back to back from the data area (the parse checked every REPLACE's place), and the v2 walk
            // kept the bounds of its ops' data: when all of it is in the file, so is each op's
            // (a v3 parse that failed on a REPLACE's place never reached the data's end: each op is checked)
            boolean allDataInFile = h.majorVersion() >= 3
                    ? dataEnd >= 0 && sequenceOps == 0 && dataAreaOffset >= headerSize && inFile(dataAreaOffset, dataEnd - dataAreaOffset)
                    : !v2DataSeen || v2DataLow >= headerSize && inFile(v2DataLow, v2DataHigh - v2DataLow);
            for (int i = 0; i < (allDataInFile ? 0 : ops.size()); i++) {
                long offset = ops.dataOffset(i);
                if (offset < 0) {
                    continue;
                }
                long length = ops.dataLength(i);
                if (offset < headerSize || !inFile(offset, length)) {
                    final int op = i;
                    findings.add(FindingKind.ANDROID_DATA_OUTSIDE_FILE, () -> Location.op(op, opOffset(op)),
                            () -> String.format(Locale.ROOT, "%s data of %d bytes at %d is not inside the file (%d bytes%s)",
                                    AndroidOpType.name(ops.type(op)), length, offset, size,
                                    offset < headerSize ? ", or it lies in the header" : ""));
                }
            }
            firstXorLocations();
        }

        /** AOSP keeps XOR data locations in a map by new block, the first op of a block winning. */
        private void firstXorLocations() {
            if (xorOps < 2 || xorBlocksRise) {
                return; // no block has two XOR ops: each keeps its own data
            }
            int xors = 0;
            for (int i = 0; i < ops.size(); i++) {
                if (ops.type(i) == AndroidOpType.XOR && ops.dataOffset(i) >= 0) {
                    xors++;
                }
            }
            if (xors < 2) {
                return;
            }
            long[] sorted = new long[xors];
            int n = 0;
            for (int i = 0; i < ops.size(); i++) {
                if (ops.type(i) == AndroidOpType.XOR && ops.dataOffset(i) >= 0) {
                    sorted[n++] = (ops.newBlock(i) << 31) | i;
                }
            }
            Arrays.sort(sorted);
            int firstOfBlock = (int) (sorted[0] & Integer.MAX_VALUE);
            for (int k = 1; k < n; k++) {
                int index = (int) (sorted[k] & Integer.MAX_VALUE);
                if ((sorted[k] >>> 31) == (sorted[k - 1] >>> 31)) {
                    ops.setXorDataOffset(index, ops.dataOffset(firstOfBlock));
                } else {
                    firstOfBlock = index;
                }
            }
        }

        long opOffset(int i) {
            if (header.majorVersion() >= 3) {
                return opAreaOffset + (long) i * V3_OP_BYTES;
            }
            return v2OpPlaces.offset(i);
        }

        boolean inFile(long offset, long length) {
            return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
        }
    }

    static long nextOpOffset(int rawType, long dataLength, long source, long clusterOps) {
        if (rawType == AndroidOpType.CLUSTER) {
            return source;
        } else if ((rawType == AndroidOpType.REPLACE || rawType == AndroidOpType.XOR) && clusterOps == 0) {
            return dataLength;
        }
        return 0;
    }

    static long nextDataOffset(int rawType, long clusterOps) {
        if (rawType == AndroidOpType.CLUSTER) {
            return clusterOps * V2_OP_BYTES;
        } else if (clusterOps == 0) {
            return V2_OP_BYTES;
        }
        return 0;
    }

    private static String versionMismatch(AndroidCowHeader h) {
        return "Header version mismatch, major version: " + h.majorVersion() + ", expected: 2, minor version: "
                + h.minorVersion() + ", expected: 0";
    }

    static String v2String(int type, int compression, long dataLength, long newBlock, long source) {
        return "CowOperationV2(" + AndroidOpType.aospName(type) + ", " + AndroidOpType.compressionName(compression)
                + ", data_length:" + dataLength + ", new_block:" + Long.toUnsignedString(newBlock) + ", source:"
                + Long.toUnsignedString(source) + ")";
    }

    /** The line AOSP prints for an in-memory op ({@code operator<<(CowOperationV3)}). */
    public static String v3String(int type, long dataLength, long newBlock, long source) {
        StringBuilder s = new StringBuilder("CowOperation(").append(AndroidOpType.aospName(type));
        if (type == AndroidOpType.REPLACE || type == AndroidOpType.XOR || type == AndroidOpType.SEQUENCE) {
            s.append(", data_length:").append(dataLength);
        }
        if (type != AndroidOpType.CLUSTER && type != AndroidOpType.SEQUENCE && type != AndroidOpType.LABEL) {
            s.append(", new_block:").append(newBlock);
        }
        if (type == AndroidOpType.XOR || type == AndroidOpType.REPLACE || type == AndroidOpType.COPY) {
            s.append(", source:").append(source);
        } else if (type == AndroidOpType.CLUSTER) {
            s.append(", cluster_data:").append(source);
        }
        return s.append(')').toString();
    }

    /**
     * Each thread's window, kept (a fresh megabyte per parse was a third of a small file's parse); on the heap, so the
     * v2 walk's plain loop reads its array with no copy and no buffer checks.
     */
    private static final ThreadLocal<ByteBuffer> WINDOW = ThreadLocal.withInitial(
            () -> ByteBuffer.wrap(new byte[WINDOW_BYTES]).order(ByteOrder.LITTLE_ENDIAN));

    /** Reads through a 1 MiB window: a forward walk reads each byte of the op area once. */
    private static final class Window {
        private final BlockSource source;
        final ByteBuffer buffer = WINDOW.get();
        private long start = -1;
        private int length;

        Window(BlockSource source) {
            this.source = source;
        }

        /** A buffer positioned at {@code offset}, with {@code n} bytes readable from there (the caller checked the range). */
        ByteBuffer at(long offset, int n) throws IOException {
            int index = indexOf(offset, n, WINDOW_BYTES);
            buffer.limit(length).position(index);
            return buffer;
        }

        /** Bytes in the window from index {@code index} on. */
        int readable(int index) {
            return length - index;
        }

        /**
         * Where {@code offset} is in {@link #buffer} (read absolutely: position and limit are not set), with {@code n}
         * bytes readable from there; reads about {@code span} bytes from {@code offset} when it is not in the window.
         */
        int indexOf(long offset, int n, long span) throws IOException {
            if (start < 0 || offset < start || offset - start + n > length) {
                long left = source.sizeBytes() - offset;
                int want = (int) Math.min(Math.min(WINDOW_BYTES, Math.max(n, span)), left);
                if (want < n) {
                    throw new java.io.EOFException(source.name() + ": read of " + n + " bytes at " + offset + " is past the end");
                }
                buffer.clear().limit(want);
                source.readFully(offset, buffer);
                start = offset;
                length = want;
            }
            return (int) (offset - start);
        }
    }
}
