package dev.cowscope.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Reads the exception areas ahead of the walk, so that reading and decoding overlap, on one
 * thread, or on two for a source that serves reads in any order (a file or a block device) when
 * there are two cores or more.
 * <p>
 * Why two: one positional read per area (the areas are a chunk apart) makes the reading
 * system-call bound, not disk bound. On the 64 GiB benchmark COW one thread reads the metadata in
 * 0.16 s, two in 0.11 s; the walk decodes on the other core in the time that leaves.
 * <p>
 * The areas are cut into batches in the walk's order (area 0 slot 0, …, in segments of at most
 * {@code segmentEntries} entries): the first batch is one area, each next one twice as many, up
 * to 512 KiB (128 KiB with one reader). With two readers, reader 0 reads the even batches and
 * reader 1 the odd ones; the walk takes them in order, so it sees segments exactly as one
 * front-to-back reader hands them. A source that must be read front to back (a compressed image)
 * gets one reader, which reads in ascending offset order. A reader stops by itself before an area
 * whose metadata chunk lies past the last whole chunk; the walk decides what that means.
 * <p>
 * It never reads far past where the walk stops: batch {@code b} is read only once the walk has
 * taken batch {@code b - 1 - min(taken, 5)}, so what is read past the terminator is about what
 * the walk read before it, and at most six batches (a forward-only, compressed source pays for
 * every byte it skips). A failed read is handed over in its place, after the segments read before
 * it, so the walk sees it only if it gets that far (a store that ends earlier never reports a read
 * it did not need).
 * <p>
 * The readers are never interrupted (an interrupt closes a {@link java.nio.channels.FileChannel});
 * {@link #close()} asks them to stop and waits for them, so the source is not closed under a read.
 */
final class AreaReadAhead implements AutoCloseable {
    /** Segments read back to back into one buffer, then what stopped the reading, if anything. */
    static final class Batch {
        final ByteBuffer buffer;
        final Reader owner;
        int segments;
        /** After the segments: the read (or offset computation) that failed. */
        Throwable failure;
        /** After the segments: the next area's metadata chunk lies past the device's last whole chunk. */
        boolean end;

        Batch(int bytes, Reader owner) {
            buffer = (bytes == 0 ? ByteBuffer.allocateDirect(0) : SPARE_BUFFERS.take(bytes)).order(ByteOrder.LITTLE_ENDIAN);
            this.owner = owner;
        }
    }

    /**
     * With two readers, 128 areas of 4 KiB chunks: each batch handed over is a wake-up of the walk or a reader (tens of
     * microseconds on a VM); at 128 KiB a 16.7 M-entry walk left a third of both cores idle (measured: 0.20-0.23 s a
     * parse, now 0.15-0.20).
     */
    private static final int BATCH_BYTES = 512 << 10;
    /**
     * With one reader (a compressed image, read front to back): decompressing dwarfs the hand-overs, and what is read
     * past the terminator is decompressed for nothing, so smaller batches.
     */
    private static final int ONE_READER_BATCH_BYTES = 128 << 10;
    /** Buffers in all, shared out between the readers; also the most batches read ahead. */
    private static final int BATCHES = 6;
    /** Most batches read ahead of the walk once it is under way (see {@link #readable}). */
    private static final int MAX_AHEAD = BATCHES - 1;
    /** Batch buffers kept from walk to walk: a fresh direct buffer is a fresh mapping, every page of it a fault. */
    private static final Spares<ByteBuffer> SPARE_BUFFERS = Spares.ofDirect(BATCHES);
    private static final Batch STOP = new Batch(0, null);
    /** How often a walk waiting for a batch checks that its reader is still alive. */
    private static final long DEAD_READER_CHECK_MS = 200;

    private final BlockSource source;
    private final AreaLayout layout;
    private final long deviceChunks;
    private final int segmentEntries;
    private final long segmentsPerArea;
    /** Segments a batch holds at most (its buffer's size). */
    private final long batchSegments;
    private final Reader[] readers;
    private final Object progress = new Object();
    private long batchesTaken; // guarded by progress
    private volatile boolean stop;
    private boolean buffersGiven;
    // the walk's side: the batch being decoded, segments taken from it, the next segment's offset, the next batch
    private Batch current;
    private int taken;
    private int offset;
    private long nextBatch;

    /** One reading thread: batches {@code index}, {@code index + readers}, … */
    final class Reader {
        final int index;
        final LinkedBlockingQueue<Batch> free = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Batch> full = new LinkedBlockingQueue<>();
        final Thread thread;
        /** What stopped this reader outside a read, if anything did. */
        volatile Throwable died;

        /** Every batch this reader was given, to give their buffers back at the end. */
        final java.util.List<Batch> batches = new java.util.ArrayList<>();

        Reader(int index, int buffers, int batchBytes) {
            this.index = index;
            for (int i = 0; i < buffers; i++) {
                Batch batch = new Batch(batchBytes, this);
                batches.add(batch);
                free.add(batch);
            }
            thread = new Thread(this::run, "cowscope-area-read-ahead-" + index);
            thread.setDaemon(true);
        }

        private void run() {
            try {
                for (long b = index; !stop; b += readers.length) {
                    if (!awaitReadable(b)) {
                        return;
                    }
                    Batch batch = free.take();
                    if (batch == STOP || stop) {
                        return;
                    }
                    fill(batch, firstSegment(b), segmentsIn(b));
                    full.add(batch);
                    if (batch.end || batch.failure != null) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) { // outside a read (an OutOfMemoryError taking a buffer …): the walk must not wait for it
                died = t;
            }
        }

        /** The next full batch, or the reason this reader stopped without handing one over. */
        Batch take() throws InterruptedException {
            while (true) {
                Batch batch = full.poll(DEAD_READER_CHECK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (batch != null) {
                    return batch;
                }
                if (!thread.isAlive() && full.isEmpty()) {
                    Batch dead = new Batch(0, this);
                    dead.failure = died != null ? died
                            : new IllegalStateException("the area read-ahead thread stopped without handing over the next batch");
                    return dead;
                }
            }
        }
    }

    AreaReadAhead(BlockSource source, AreaLayout layout, long deviceChunks, int segmentEntries) {
        this.source = source;
        this.layout = layout;
        this.deviceChunks = deviceChunks;
        this.segmentEntries = segmentEntries;
        this.segmentsPerArea = (layout.exceptionsPerArea() + segmentEntries - 1) / segmentEntries;
        int segmentBytes = segmentEntries * DiskException.SIZE_BYTES;
        int count = source.readsInAnyOrder() && Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1;
        // no larger than the device's metadata: a small store's walk takes no 3 MiB of buffers it cannot fill
        long deviceAreas = Math.max(1, (deviceChunks - AreaLayout.HEADER_CHUNKS + layout.areaStrideChunks() - 1) / layout.areaStrideChunks());
        long deviceSegments = deviceAreas > Long.MAX_VALUE / segmentsPerArea ? Long.MAX_VALUE : deviceAreas * segmentsPerArea;
        int wanted = count == 2 ? BATCH_BYTES : ONE_READER_BATCH_BYTES;
        int batchBytes = (int) Math.max(segmentBytes, Math.min(wanted / segmentBytes, deviceSegments) * segmentBytes);
        this.batchSegments = batchBytes / segmentBytes;
        readers = new Reader[count];
        for (int i = 0; i < count; i++) {
            readers[i] = new Reader(i, BATCHES / count, batchBytes);
        }
        try {
            for (Reader reader : readers) {
                reader.thread.start();
            }
        } catch (Throwable t) { // no thread for the second reader: stop the first, which close() would otherwise never reach
            close();
            throw t;
        }
    }

    /**
     * Copies the next segment, {@code n} entries, as {@code 2n} words (old, new, …) into
     * {@code words}. The caller asks for the segments in walk order, and only for areas whose
     * metadata chunk lies inside the device.
     *
     * @throws IOException the read of this segment failed (the source's own exception)
     */
    void nextSegment(long[] words, int n) throws IOException {
        while (current == null || taken == current.segments) {
            if (current != null) {
                if (current.failure != null) {
                    throw rethrow(current.failure);
                }
                if (current.end) {
                    throw new IllegalStateException("the walk asked for an area past the device's last whole chunk");
                }
                current.owner.free.add(current);
                current = null;
            }
            try {
                current = readers[(int) (nextBatch % readers.length)].take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException(source.name() + ": interrupted while reading the exception areas");
            }
            nextBatch++;
            synchronized (progress) {
                batchesTaken = nextBatch;
                progress.notifyAll();
            }
            taken = 0;
            offset = 0;
        }
        int bytes = n * DiskException.SIZE_BYTES;
        ByteBuffer buffer = current.buffer;
        buffer.limit(offset + bytes).position(offset);
        buffer.asLongBuffer().get(words, 0, 2 * n);
        offset += bytes;
        taken++;
    }

    /** Waits until batch {@code b} may be read; false when asked to stop meanwhile. */
    private boolean awaitReadable(long b) throws InterruptedException {
        synchronized (progress) {
            while (!stop && !readable(b, batchesTaken)) {
                progress.wait();
            }
        }
        return !stop;
    }

    /** Batch {@code b} may be read once the walk has taken {@code taken} batches: one ahead at first, then up to {@value #MAX_AHEAD}. */
    static boolean readable(long b, long taken) {
        return b < taken + 1 + Math.min(taken, MAX_AHEAD);
    }

    /** Segments in batch {@code b}: one area's for batch 0, doubling, up to a buffer's worth. */
    private long segmentsIn(long b) {
        if (b >= 32 || segmentsPerArea > (batchSegments >>> b)) {
            return batchSegments; // no shift that could overflow
        }
        return Math.min(batchSegments, segmentsPerArea << b);
    }

    /** The first segment of batch {@code b} (segments counted from area 0 slot 0). */
    private long firstSegment(long b) {
        long first = 0;
        long j = 0;
        while (j < b && segmentsIn(j) < batchSegments) {
            first += segmentsIn(j);
            j++;
        }
        return first + (b - j) * batchSegments;
    }

    /** Reads segments {@code first …} into {@code batch}, up to {@code count}, the device's end or a failure. */
    private void fill(Batch batch, long first, long count) {
        ByteBuffer buffer = batch.buffer;
        buffer.clear();
        batch.segments = 0;
        batch.failure = null;
        batch.end = false;
        long perArea = layout.exceptionsPerArea();
        try {
            for (long s = first; s < first + count && !stop; s++) {
                long area = s / segmentsPerArea;
                long slot = (s % segmentsPerArea) * segmentEntries;
                // at an area's start, and where a batch starts mid-area (another reader checked the area's start)
                if ((slot == 0 || s == first) && layout.areaLocation(area) >= deviceChunks) {
                    batch.end = true;
                    return;
                }
                int n = (int) Math.min(segmentEntries, perArea - slot);
                buffer.limit(buffer.position() + n * DiskException.SIZE_BYTES);
                source.readFully(layout.entryOffsetBytes(area, slot), buffer);
                batch.segments++;
            }
        } catch (Throwable t) { // handed to the walk in its place, thrown there if it gets that far
            batch.failure = t;
        }
    }

    private static IOException rethrow(Throwable failure) {
        if (failure instanceof IOException e) {
            return e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new IOException(failure);
    }

    /** Stops the reading and waits until no reader touches the source. */
    @Override
    public void close() {
        stop = true;
        synchronized (progress) {
            progress.notifyAll();
        }
        for (Reader reader : readers) {
            reader.free.add(STOP);
        }
        for (Reader reader : readers) {
            Parallel.joinUninterruptibly(reader.thread);
        }
        if (!buffersGiven) { // once: a buffer given twice would be handed to two walks
            buffersGiven = true;
            for (Reader reader : readers) {
                for (Batch batch : reader.batches) {
                    if (batch.buffer.capacity() >= ONE_READER_BATCH_BYTES) { // a small store's few pages: not worth a large store's spare
                        SPARE_BUFFERS.give(batch.buffer);
                    }
                }
            }
        }
    }
}
