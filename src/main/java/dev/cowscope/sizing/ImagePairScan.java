package dev.cowscope.sizing;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Units;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One sequential pass over an old and a new image: reads both in large direct buffers, finds the
 * changed 512-byte sectors with vectorised {@link ByteBuffer#mismatch} (which jumps straight from one
 * difference to the next), and hands a changed-sector bitmap per 1 MiB window to {@link ChunkTally}.
 */
final class ImagePairScan {
    static final int BUFFER_BYTES = 4 << 20;

    /** Sees every buffer of both images, in order, as the scan reads it (an Android estimate rides on the dm pass). */
    interface BufferListener {
        /** {@code length} bytes of each image from {@code startBytes}, at positions 0.. of the buffers; read them only. */
        void buffer(long startBytes, ByteBuffer oldBytes, ByteBuffer newBytes, int length) throws IOException;
    }

    private static final BufferListener NO_LISTENER = (start, oldBytes, newBytes, length) -> { };

    private static final int WINDOW_BYTES = ChunkTally.WINDOW_SECTORS * Units.SECTOR_BYTES;

    private final BlockSource oldImage;
    private final BlockSource newImage;
    private final Progress progress;
    private final BufferListener listener;
    private final long comparedBytes;
    private final long newSizeBytes;
    private final ByteBuffer oldBuffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final ByteBuffer newBuffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    // Views for mismatch(): their position and limit move, the buffers' own do not.
    private final ByteBuffer oldView = oldBuffer.duplicate();
    private final ByteBuffer newView = newBuffer.duplicate();
    private final long[] bitmap = new long[ChunkTally.WINDOW_LONGS];
    private final ChunkTally tally = new ChunkTally();
    private long bufferStartBytes = -1;
    private long changedBytes;

    ImagePairScan(BlockSource oldImage, BlockSource newImage, Progress progress) {
        this(oldImage, newImage, progress, NO_LISTENER);
    }

    ImagePairScan(BlockSource oldImage, BlockSource newImage, Progress progress, BufferListener listener) {
        this.oldImage = oldImage;
        this.newImage = newImage;
        this.progress = progress;
        this.listener = listener;
        this.comparedBytes = Math.min(oldImage.sizeBytes(), newImage.sizeBytes());
        this.newSizeBytes = newImage.sizeBytes();
    }

    ChangedChunks run() throws IOException {
        progress.begin("Comparing " + oldImage.name() + " with " + newImage.name(), newSizeBytes);
        long windows = newSizeBytes / WINDOW_BYTES + (newSizeBytes % WINDOW_BYTES == 0 ? 0 : 1);
        for (long window = 0; window < windows; window++) {
            long windowStart = window * WINDOW_BYTES;
            long windowEnd = Math.min(windowStart + WINDOW_BYTES, newSizeBytes);
            Arrays.fill(bitmap, 0);
            if (windowStart < comparedBytes) {
                compare(windowStart, Math.min(windowEnd, comparedBytes));
            }
            if (windowEnd > comparedBytes) {
                grow(windowStart, Math.max(windowStart, comparedBytes), windowEnd);
            }
            tally.addWindow(window, bitmap);
        }
        return new ChangedChunks(ChangedChunks.Source.IMAGE_PAIR, changedBytes, oldImage.sizeBytes(), newSizeBytes, tally.counts());
    }

    /** Marks the changed sectors of {@code [from, to)}, all inside the compared part. */
    private void compare(long fromBytes, long toBytes) throws IOException {
        if (bufferStartBytes < 0 || toBytes > bufferStartBytes + BUFFER_BYTES) {
            fill(fromBytes);
        }
        int end = (int) (toBytes - bufferStartBytes);
        int position = (int) (fromBytes - bufferStartBytes);
        int windowFirstSector = (int) ((fromBytes - bufferStartBytes) >>> Units.SECTOR_SHIFT);
        while (position < end) {
            int offset = mismatch(position, end);
            if (offset < 0) {
                return;
            }
            int at = position + offset;
            int sector = at >>> Units.SECTOR_SHIFT;
            int sectorEnd = Math.min(end, (sector + 1) << Units.SECTOR_SHIFT);
            int bit = sector - windowFirstSector;
            bitmap[bit >>> 6] |= 1L << bit;
            changedBytes += differingBytes(at, sectorEnd);
            position = sectorEnd;
        }
    }

    /** Reads the next buffer of both images, starting at {@code startBytes}. */
    private void fill(long startBytes) throws IOException {
        progress.checkCancelled();
        int length = (int) Math.min(BUFFER_BYTES, comparedBytes - startBytes);
        oldBuffer.clear().limit(length);
        newBuffer.clear().limit(length);
        oldImage.readFully(startBytes, oldBuffer);
        newImage.readFully(startBytes, newBuffer);
        bufferStartBytes = startBytes;
        listener.buffer(startBytes, oldBuffer.asReadOnlyBuffer().clear(), newBuffer.asReadOnlyBuffer().clear(), length);
        progress.worked(length);
    }

    /** Growth: every sector of the new image from {@code grownFrom} to {@code to} counts as changed. */
    private void grow(long windowStart, long grownFromBytes, long toBytes) {
        progress.checkCancelled();
        long firstSector = (grownFromBytes - windowStart) >>> Units.SECTOR_SHIFT;
        long endSector = (toBytes - windowStart + Units.SECTOR_BYTES - 1) >>> Units.SECTOR_SHIFT;
        for (long bit = firstSector; bit < endSector; bit++) {
            bitmap[(int) (bit >>> 6)] |= 1L << bit;
        }
        changedBytes += toBytes - grownFromBytes;
        progress.worked(toBytes - grownFromBytes);
    }

    private int mismatch(int from, int to) {
        oldView.limit(to).position(from);
        newView.limit(to).position(from);
        return oldView.mismatch(newView);
    }

    private int differingBytes(int from, int to) {
        int count = 0;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = oldBuffer.getLong(i) ^ newBuffer.getLong(i);
            // A byte of x is non-zero iff its high bit is set after this (no carries across bytes).
            long t = ((x & 0x7f7f7f7f7f7f7f7fL) + 0x7f7f7f7f7f7f7f7fL) | x;
            count += Long.bitCount(t & 0x8080808080808080L);
        }
        for (; i < to; i++) {
            if (oldBuffer.get(i) != newBuffer.get(i)) {
                count++;
            }
        }
        return count;
    }
}
