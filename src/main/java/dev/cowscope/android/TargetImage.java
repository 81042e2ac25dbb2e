package dev.cowscope.android;

import dev.cowscope.format.AtomicOutput;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What the updated partition reads through snapuserd, as AOSP's {@code CompressedSnapshotReader} builds it
 * over the source image: the op holding each block ({@link TargetBlocks}: the later op in the stream wins,
 * a multi-block REPLACE claims {@code 1 << bits} blocks); a claimed block reads COPY's source
 * block, REPLACE's decoded data, zeros, or XOR's decoded data XOR the source bytes at its byte offset; the
 * other blocks read the source. The image is as long as the source (AOSP's reader is told the device size;
 * the fixtures' oracle gave it the source's). Streamed in block order with memory bounded by the block
 * index (a run per op), the largest op buffer and one output window; a read AOSP would fail stops the whole
 * image with AOSP's reason ({@link TargetImageException}).
 */
public final class TargetImage {
    /** Block sizes past this are refused (AOSP's writers use 4 KiB; v2 caps it at 64 KiB). */
    public static final long MAX_BLOCK_BYTES = 1 << 20;
    private static final int WINDOW_BYTES = 4 << 20;

    private final BlockSource source;
    private final AndroidCowOps ops;
    private final OpDataReader data;
    private final int blockSize;
    private final long sizeBytes;
    private final long imageBlocks;
    /** Which op each block reads, the later op in the stream winning (the index the block maps show too). */
    private final TargetBlocks blocks;
    private final List<String> warnings = new ArrayList<>();

    /**
     * @throws TargetImageException when AOSP's reader refuses the COW (its parse failed) or its block size
     *     is not one to build an image with
     */
    public TargetImage(BlockSource source, BlockSource cow, AndroidCow parsed) throws TargetImageException {
        if (!parsed.parseOk()) {
            throw new TargetImageException(parsed.name() + ": AOSP's reader refuses this COW (" + parsed.error()
                    + "), so snapuserd would show no target image; nothing to rebuild");
        }
        long bs = parsed.header().blockSize();
        if (bs < 512 || bs > MAX_BLOCK_BYTES) {
            throw new TargetImageException(String.format(Locale.ROOT,
                    "%s: block_size %d: not a block size to build an image with (AOSP's writers use 4096)", parsed.name(), bs));
        }
        this.source = new WindowedSource(source, 1 << 20);
        this.ops = parsed.ops();
        this.data = new OpDataReader(new WindowedSource(cow, 1 << 20), parsed);
        this.blockSize = (int) bs;
        this.sizeBytes = source.sizeBytes();
        this.imageBlocks = sizeBytes / bs + (sizeBytes % bs == 0 ? 0 : 1);
        this.blocks = TargetBlocks.of(ops, Progress.NONE);
        long pastEnd = 0;
        for (int i = 0; i < ops.size(); i++) {
            if (TargetBlocks.writesBlocks(ops.type(i)) && ops.newBlock(i) >= imageBlocks) {
                pastEnd++;
            }
        }
        if (pastEnd > 0) {
            warnings.add(String.format(Locale.ROOT, "%d ops write blocks at or past block %d, the end of the source image "
                    + "(%d bytes): the image is as long as the source, so they are not in it (the target partition may be larger)",
                    pastEnd, imageBlocks, sizeBytes));
        }
    }


    public long sizeBytes() {
        return sizeBytes;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Streams the image into a new file at {@code target} (temp file + fsync + rename, never over a device node). */
    public Result writeTo(Path target, Progress progress) throws IOException, TargetImageException {
        try (AtomicOutput out = AtomicOutput.create(target)) {
            Result result = stream(out.channel(), progress, true);
            out.commit();
            return result;
        }
    }

    /** Streams the image through {@code sink}, with its SHA-256 when {@code hash}. */
    public Result stream(WritableByteChannel sink, Progress progress, boolean hash) throws IOException, TargetImageException {
        Writer w = new Writer(sink, hash ? sha256() : null, progress);
        progress.begin("Writing the target image", sizeBytes);
        int run = 0;
        for (long b = 0; b < imageBlocks; b++) {
            while (run < blocks.runCount() && blocks.runEnd(run) <= b) {
                run++;
            }
            int op = run < blocks.runCount() && blocks.runStart(run) <= b ? blocks.runOp(run) : -1;
            int length = (int) Math.min(blockSize, sizeBytes - b * blockSize);
            if (op < 0) {
                w.fromSource(b * blockSize, length);
                w.counts[0]++;
                continue;
            }
            int type = ops.type(op);
            switch (type) {
                case AndroidOpType.COPY -> w.fromSource(sourceOffset(op, b, copyOffset(op), length), length);
                case AndroidOpType.ZERO -> w.zeros(length);
                case AndroidOpType.REPLACE -> w.put(replaceData(op, b), (int) ((b - ops.newBlock(op)) * blockSize), length);
                case AndroidOpType.XOR -> w.xor(xorData(op, b, length), sourceOffset(op, b, ops.source(op), length), length);
                default -> throw new TargetImageException(String.format(Locale.ROOT,
                        "block %d: op %d has type %d: CompressedSnapshotReader unknown op type", b, op, type));
            }
            w.counts[type]++;
        }
        w.flush();
        String sha = hash ? HexFormat.of().formatHex(w.digest.digest()) : null;
        return new Result(sizeBytes, sha, w.counts[0], w.counts[AndroidOpType.COPY], w.counts[AndroidOpType.REPLACE],
                w.counts[AndroidOpType.ZERO], w.counts[AndroidOpType.XOR], warnings());
    }

    /** {@code GetSourceOffset} of a COPY: its source block times the block size, -1 past 2^63. */
    private long copyOffset(int op) {
        long block = ops.source(op);
        return Math.multiplyHigh(block, blockSize) != 0 ? -1 : block * blockSize;
    }

    /** A COPY's or XOR's source bytes must lie in the source image: AOSP's read of them fails otherwise. */
    private long sourceOffset(int op, long b, long offset, int length) throws TargetImageException {
        if (offset < 0 || offset > sizeBytes - length) {
            throw new TargetImageException(String.format(Locale.ROOT, "block %d: %s op %d reads %d source bytes at %s, past the "
                    + "end of the source image (%d bytes): AOSP's CompressedSnapshotReader fails this read (wrong source image?)",
                    b, AndroidOpType.name(ops.type(op)), op, length, offset < 0 ? "an offset past 2^63" : Long.toString(offset), sizeBytes));
        }
        return offset;
    }

    private int cachedOp = -1;
    private byte[] cached = new byte[0];

    /** The REPLACE's whole decoded buffer ({@code ReadData(op, buf, op_buf_size, 0)}), kept for its next blocks. */
    private byte[] replaceData(int op, long b) throws TargetImageException {
        if (op == cachedOp) {
            return cached;
        }
        long opBuf = data.opBufSize(op);
        if (opBuf > OpDataReader.MAX_OP_BUF_BYTES) {
            throw readFailed(b, op, "op buffer of " + opBuf + " bytes, past what we decode");
        }
        if (cached.length < opBuf) {
            cached = new byte[(int) opBuf];
        }
        long ret = data.readData(op, cached, (int) opBuf, 0);
        if (ret < opBuf) {
            cachedOp = -1;
            throw readFailed(b, op, ret < 0 ? data.lastError() : ret + " of " + opBuf + " bytes decoded");
        }
        cachedOp = op;
        return cached;
    }

    private byte[] xorData = new byte[0];

    /** {@code ReadData(op, buf, bytes_to_read, 0)}: the XOR's first {@code length} decoded bytes. */
    private byte[] xorData(int op, long b, int length) throws TargetImageException {
        if (xorData.length < length) {
            xorData = new byte[length];
        }
        long ret = data.readData(op, xorData, length, 0);
        if (ret < length) {
            throw readFailed(b, op, ret < 0 ? data.lastError() : ret + " of " + length + " bytes decoded");
        }
        return xorData;
    }

    private TargetImageException readFailed(long b, int op, String why) {
        return new TargetImageException(String.format(Locale.ROOT, "block %d: %s op %d (new block %d): its data cannot be read (%s); "
                + "AOSP's CompressedSnapshotReader fails this read", b, AndroidOpType.name(ops.type(op)), op, ops.newBlock(op), why));
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** {@code a[at..at+length) ^= b[0..length)}, eight bytes at a time. */
    static void xorInto(byte[] a, int at, byte[] b, int length) {
        int k = 0;
        for (; k + 8 <= length; k += 8) {
            LONGS.set(a, at + k, (long) LONGS.get(a, at + k) ^ (long) LONGS.get(b, k));
        }
        for (; k < length; k++) {
            a[at + k] ^= b[k];
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The output window: source reads coalesced into one read per contiguous run, written a window at a time. */
    private final class Writer {
        final WritableByteChannel sink;
        final MessageDigest digest;
        final Progress progress;
        final ByteBuffer window = ByteBuffer.allocate(Math.max(WINDOW_BYTES / blockSize, 1) * blockSize);
        final long[] counts = new long[8];
        long pendingSource = -1;
        int pendingAt;
        int pendingLength;

        Writer(WritableByteChannel sink, MessageDigest digest, Progress progress) {
            this.sink = sink;
            this.digest = digest;
            this.progress = progress;
        }

        void fromSource(long offset, int length) throws IOException {
            room(length);
            if (pendingSource >= 0 && pendingSource + pendingLength == offset && pendingAt + pendingLength == window.position()) {
                pendingLength += length;
            } else {
                readPending();
                pendingSource = offset;
                pendingAt = window.position();
                pendingLength = length;
            }
            window.position(window.position() + length);
        }

        void zeros(int length) throws IOException {
            room(length);
            readPending();
            Arrays.fill(window.array(), window.position(), window.position() + length, (byte) 0);
            window.position(window.position() + length);
        }

        void put(byte[] bytes, int from, int length) throws IOException {
            room(length);
            readPending();
            window.put(bytes, from, length);
        }

        void xor(byte[] decoded, long sourceOffset, int length) throws IOException {
            room(length);
            readPending();
            int at = window.position();
            source.readFully(sourceOffset, window.duplicate().limit(at + length));
            xorInto(window.array(), at, decoded, length);
            window.position(at + length);
        }

        private void readPending() throws IOException {
            if (pendingSource >= 0) {
                source.readFully(pendingSource, ByteBuffer.wrap(window.array(), pendingAt, pendingLength));
                pendingSource = -1;
            }
        }

        private void room(int length) throws IOException {
            if (window.remaining() < length) {
                flush();
            }
        }

        void flush() throws IOException {
            readPending();
            window.flip();
            progress.checkCancelled();
            if (digest != null) {
                digest.update(window.array(), 0, window.limit());
            }
            int n = window.limit();
            while (window.hasRemaining()) {
                sink.write(window);
            }
            window.clear();
            progress.worked(n);
        }
    }

    /**
     * The rebuilt image: its size, SHA-256 (null when not asked for) and where its blocks came from.
     *
     * @param sourceBlocks blocks no op claims (read from the source)
     */
    public record Result(long sizeBytes, String sha256, long sourceBlocks, long copyBlocks, long replaceBlocks,
                         long zeroBlocks, long xorBlocks, List<String> warnings) {
    }
}
