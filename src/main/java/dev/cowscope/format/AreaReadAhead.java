package dev.cowscope.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Reads the exception areas ahead of the walk on a second thread, so that reading and decoding
 * overlap (on the 64 GiB benchmark COW the reads alone take about as long as the whole walk did).
 * <p>
 * The areas are read in the walk's order (area 0 slot 0, …, in segments of at most
 * {@code segmentEntries} entries), which is ascending offset order: a forward-only source is read
 * front to back. The thread stops by itself before an area whose metadata chunk lies past the
 * last whole chunk; the walk decides what that means. It never reads far past where the walk
 * stops: the first batch is one area, each next one twice as many (up to 128 KiB), and it may
 * have only as many batches outstanding as the walk has taken plus one (up to six), so what it
 * reads past the terminator is about what the walk read before it, and at most six batches (a
 * forward-only, compressed source pays for every byte it skips).
 * A failed read is handed over in its place, after the segments read before it, so the walk sees
 * it only if it gets that far (a store that ends earlier never reports a read it did not need).
 * <p>
 * The thread is never interrupted (an interrupt closes a {@link java.nio.channels.FileChannel});
 * {@link #close()} asks it to stop and waits for it, so the source is not closed under a read.
 */
final class AreaReadAhead implements AutoCloseable {
    /** Segments read back to back into one buffer, then what stopped the reading, if anything. */
    static final class Batch {
        final ByteBuffer buffer;
        int segments;
        /** After the segments: the read (or offset computation) that failed. */
        Throwable failure;
        /** After the segments: the next area's metadata chunk lies past the device's last whole chunk. */
        boolean end;

        Batch(int bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static final int BATCH_BYTES = 128 << 10;
    private static final int BATCHES = 6;
    private static final Batch STOP = new Batch(0);

    private final BlockSource source;
    private final AreaLayout layout;
    private final long deviceChunks;
    private final int segmentEntries;
    private final LinkedBlockingQueue<Batch> free = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Batch> full = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Batches the reader may fill before the walk takes more: one at first, one more per batch taken (up to all). */
    private final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(1);
    private int batchesTaken;
    private volatile boolean stop;
    // the caller's side: the batch being decoded, segments taken from it, the next segment's offset
    private Batch current;
    private int taken;
    private int offset;

    AreaReadAhead(BlockSource source, AreaLayout layout, long deviceChunks, int segmentEntries) {
        this.source = source;
        this.layout = layout;
        this.deviceChunks = deviceChunks;
        this.segmentEntries = segmentEntries;
        int segmentBytes = segmentEntries * DiskException.SIZE_BYTES;
        int batchBytes = Math.max(segmentBytes, BATCH_BYTES / segmentBytes * segmentBytes);
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch(batchBytes));
        }
        thread = new Thread(this::run, "cowscope-area-read-ahead");
        thread.setDaemon(true);
        thread.start();
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
                free.add(current);
                current = null;
            }
            try {
                current = full.take();
                permits.release(++batchesTaken < BATCHES ? 2 : 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException(source.name() + ": interrupted while reading the exception areas");
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

    private void run() {
        long perArea = layout.exceptionsPerArea();
        long area = 0;
        long slot = 0;
        long areasPerBatch = 1;
        try {
            while (!stop) {
                permits.acquire();
                Batch batch = free.take();
                if (batch == STOP || stop) {
                    return;
                }
                ByteBuffer buffer = batch.buffer;
                buffer.clear();
                batch.segments = 0;
                batch.failure = null;
                batch.end = false;
                long lastArea = area + areasPerBatch; // this batch ends before this area
                areasPerBatch = Math.min(2 * areasPerBatch, 1L << 30); // the buffer's size bounds it sooner
                try {
                    while (!stop && area < lastArea) {
                        if (slot == 0 && layout.areaLocation(area) >= deviceChunks) {
                            batch.end = true;
                            break;
                        }
                        int n = (int) Math.min(segmentEntries, perArea - slot);
                        int bytes = n * DiskException.SIZE_BYTES;
                        if (buffer.capacity() - buffer.position() < bytes) {
                            break;
                        }
                        buffer.limit(buffer.position() + bytes);
                        source.readFully(layout.entryOffsetBytes(area, slot), buffer);
                        batch.segments++;
                        slot += n;
                        if (slot == perArea) {
                            slot = 0;
                            area++;
                        }
                    }
                } catch (Throwable t) { // handed to the walk in its place, thrown there if it gets that far
                    batch.failure = t;
                }
                full.add(batch);
                if (batch.end || batch.failure != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the reading and waits until the thread no longer touches the source. */
    @Override
    public void close() {
        stop = true;
        permits.release();
        free.add(STOP);
        Parallel.joinUninterruptibly(thread);
    }
}
