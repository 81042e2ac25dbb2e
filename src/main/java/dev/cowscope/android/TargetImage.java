package dev.cowscope.android;

import dev.cowscope.format.AtomicOutput;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Spares;
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
    private final BlockSource cow;
    private final AndroidCow parsed;
    private final AndroidCowOps ops;
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
        this.source = source;
        this.cow = cow;
        this.parsed = parsed;
        this.ops = parsed.ops();
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

    /**
     * Streams the image through {@code sink}, with its SHA-256 when {@code hash}. Windows of the image are built
     * by up to two worker threads (decoding and source reads on both cores) and hashed and written here in order;
     * a window that fails stops the image at its first failing block, as a one-pass stream would.
     */
    public Result stream(WritableByteChannel sink, Progress progress, boolean hash) throws IOException, TargetImageException {
        MessageDigest digest = hash ? sha256() : null;
        progress.begin("Writing the target image", sizeBytes);
        int windowBlocks = Math.max(WINDOW_BYTES / blockSize, 1);
        long windows = imageBlocks / windowBlocks + (imageBlocks % windowBlocks == 0 ? 0 : 1);
        int workers = (int) Math.min(windows, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        WindowWorker[] crew = new WindowWorker[workers];
        for (int k = 0; k < workers; k++) {
            crew[k] = new WindowWorker(k, workers, windows, windowBlocks);
        }
        try {
            for (WindowWorker worker : crew) {
                worker.thread.start();
            }
            for (long w = 0; w < windows; w++) {
                progress.checkCancelled();
                WindowWorker worker = crew[(int) (w % workers)];
                Window window = worker.next();
                rethrow(window.failure);
                if (digest != null) {
                    digest.update(window.bytes, 0, window.length);
                }
                ByteBuffer out = ByteBuffer.wrap(window.bytes, 0, window.length);
                while (out.hasRemaining()) {
                    sink.write(out);
                }
                progress.worked(window.length);
                worker.recycle(window);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing the target image");
        } finally {
            for (WindowWorker worker : crew) {
                worker.stop();
            }
            for (WindowWorker worker : crew) {
                worker.spareWindows();
                worker.builder.release();
            }
        }
        long[] counts = new long[8];
        for (WindowWorker worker : crew) {
            for (int t = 0; t < counts.length; t++) {
                counts[t] += worker.builder.counts[t];
            }
        }
        String sha = hash ? HexFormat.of().formatHex(digest.digest()) : null;
        return new Result(sizeBytes, sha, counts[0], counts[AndroidOpType.COPY], counts[AndroidOpType.REPLACE],
                counts[AndroidOpType.ZERO], counts[AndroidOpType.XOR], warnings());
    }

    /** A worker's failure, thrown here as it was thrown there. */
    private static void rethrow(Throwable failure) throws IOException, TargetImageException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException e) {
            throw e;
        } else if (failure instanceof TargetImageException e) {
            throw e;
        } else if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }

    /** Handed to a worker waiting for a window: stop. */
    private static final Window STOP = new Window(new byte[0]);

    /** Window arrays kept from image to image: an image in a process that has built one allocates no 4 MiB windows. */
    private static final Spares<byte[]> SPARE_WINDOWS = Spares.ofBytes(8);

    /** A built window of the image, or what stopped it. */
    private static final class Window {
        final byte[] bytes;
        int length;
        /** Anything the worker threw, an Error too: the writer must not wait for a window that never comes. */
        Throwable failure;

        Window(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /**
     * A thread building windows {@code first, first + step, …} with its own readers, two windows in hand (one
     * being built, one being written), so that it never waits for the writer unless it is a window ahead.
     */
    private final class WindowWorker {
        final Thread thread;
        final WindowBuilder builder;
        private final java.util.concurrent.BlockingQueue<Window> built = new java.util.concurrent.ArrayBlockingQueue<>(2);
        private final java.util.concurrent.BlockingQueue<Window> free = new java.util.concurrent.ArrayBlockingQueue<>(3);
        private volatile boolean stopped;

        WindowWorker(int first, int step, long windows, int windowBlocks) {
            builder = new WindowBuilder();
            for (int k = 0; k < 2; k++) {
                free.add(new Window(SPARE_WINDOWS.take(windowBlocks * blockSize)));
            }
            thread = new Thread(() -> {
                try {
                    for (long w = first; w < windows && !stopped; w += step) {
                        Window window = free.take();
                        if (window == STOP || stopped) {
                            return;
                        }
                        window.failure = null;
                        try {
                            long from = w * windowBlocks;
                            window.length = builder.build(from, Math.min(imageBlocks, from + windowBlocks), window.bytes);
                        } catch (Throwable e) {
                            window.failure = e;
                        }
                        built.put(window);
                        if (window.failure != null) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // not ours to interrupt: we never do
                }
            }, "cowscope-target-image-" + first);
            thread.setDaemon(true);
        }

        Window next() throws InterruptedException {
            return built.take();
        }

        /** After {@link #stop()}: its windows back to the spares (a window still with the writer is not). */
        void spareWindows() {
            for (java.util.Queue<Window> queue : java.util.List.of(free, built)) {
                for (Window window; (window = queue.poll()) != null; ) {
                    if (window != STOP && window.bytes.length > 0) {
                        SPARE_WINDOWS.give(window.bytes);
                    }
                }
            }
        }

        void recycle(Window window) {
            free.add(window);
        }

        /**
         * Ends the thread once the window it is building (if any) is done. Never by interrupting it: an interrupt
         * in the middle of a read closes the source's channel (an {@code InterruptibleChannel}) for everyone.
         */
        void stop() {
            stopped = true;
            free.offer(STOP);
            dev.cowscope.format.Parallel.joinUninterruptibly(thread);
        }
    }

    /** Builds windows of the image into byte arrays; one per thread (it keeps decoded op data and read windows). */
    private final class WindowBuilder {
        private final WindowedSource sourceWindow = new WindowedSource(source, 1 << 20);
        private final WindowedSource cowWindow = new WindowedSource(cow, 1 << 20);
        private final OpDataReader data = new OpDataReader(cowWindow, parsed);
        final long[] counts = new long[8];
        private int cachedOp = -1;
        private byte[] cached = new byte[0];
        private byte[] xorData = new byte[0];
        private byte[] out;
        /** {@link #out} as a buffer, kept: a wrapper per block was a third of the image's garbage. */
        private ByteBuffer outBuffer;
        private int at;
        private long pendingSource = -1;
        private int pendingAt;
        private int pendingLength;

        /** After its thread ended: the read windows back to the spares. */
        void release() {
            sourceWindow.release();
            cowWindow.release();
        }

        /** Writes blocks {@code [from, to)} into {@code bytes}; returns the bytes written. */
        int build(long from, long to, byte[] bytes) throws IOException, TargetImageException {
            if (out != bytes) {
                out = bytes;
                outBuffer = ByteBuffer.wrap(bytes);
            }
            at = 0;
            int run = blocks.firstRunEndingAfter(from);
            for (long b = from; b < to; b++) {
                while (run < blocks.runCount() && blocks.runEnd(run) <= b) {
                    run++;
                }
                int op = run < blocks.runCount() && blocks.runStart(run) <= b ? blocks.runOp(run) : -1;
                int length = (int) Math.min(blockSize, sizeBytes - b * blockSize);
                if (op < 0) {
                    fromSource(b * blockSize, length);
                    counts[0]++;
                    continue;
                }
                int type = ops.type(op);
                readPending();
                switch (type) {
                    case AndroidOpType.COPY -> {
                        sourceWindow.readFully(sourceOffset(op, b, copyOffset(op), length), outAt(at, length));
                    }
                    case AndroidOpType.ZERO -> Arrays.fill(out, at, at + length, (byte) 0);
                    case AndroidOpType.REPLACE -> replace(op, b, length);
                    case AndroidOpType.XOR -> {
                        byte[] decoded = xorData(op, b, length);
                        sourceWindow.readFully(sourceOffset(op, b, ops.source(op), length), outAt(at, length));
                        xorInto(out, at, decoded, length);
                    }
                    default -> throw new TargetImageException(String.format(Locale.ROOT,
                            "block %d: op %d has type %d: CompressedSnapshotReader unknown op type", b, op, type));
                }
                at += length;
                counts[type]++;
            }
            readPending();
            return at;
        }

        /** {@code out[offset, offset + length)} as the buffer a read fills. */
        private ByteBuffer outAt(int offset, int length) {
            return outBuffer.limit(offset + length).position(offset);
        }

        /** Blocks read from the source where they are: one read per contiguous run. */
        private void fromSource(long offset, int length) {
            if (pendingSource >= 0 && pendingSource + pendingLength == offset && pendingAt + pendingLength == at) {
                pendingLength += length;
            } else {
                pendingSource = offset;
                pendingAt = at;
                pendingLength = length;
            }
            at += length;
        }

        private void readPending() throws IOException {
            if (pendingSource >= 0) {
                sourceWindow.readFully(pendingSource, outAt(pendingAt, pendingLength));
                pendingSource = -1;
            }
        }

        /**
         * Block {@code b} of REPLACE op {@code op}: an op of one whole block is decoded straight into the window
         * (no copy); a multi-block op's buffer is decoded once and kept for its next blocks.
         */
        private void replace(int op, long b, int length) throws TargetImageException {
            if (op != cachedOp && length == blockSize && data.opBufSize(op) == length) {
                long ret = data.readData(op, out, at, length, 0);
                if (ret < length) {
                    throw readFailed(b, op, ret < 0 ? data.lastError() : ret + " of " + length + " bytes decoded");
                }
                return;
            }
            System.arraycopy(replaceData(op, b), (int) ((b - ops.newBlock(op)) * blockSize), out, at, length);
        }

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

    /**
     * The rebuilt image: its size, SHA-256 (null when not asked for) and where its blocks came from.
     *
     * @param sourceBlocks blocks no op claims (read from the source)
     */
    public record Result(long sizeBytes, String sha256, long sourceBlocks, long copyBlocks, long replaceBlocks,
                         long zeroBlocks, long xorBlocks, List<String> warnings) {
    }
}
