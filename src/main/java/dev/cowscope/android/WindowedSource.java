package dev.cowscope.android;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.SourceKind;
import dev.cowscope.format.Spares;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A source read through a window: op data lies in op order, and the source bytes of a target image are read
 * mostly near the block being written, so the small reads of a whole image (one per op or block, a few KiB
 * each) become one read per window. Reads over a quarter of the window go straight through.
 */
final class WindowedSource implements BlockSource {
    private static final long ALIGN = 64 << 10;

    /** Window buffers kept from image to image (two per target-image worker). */
    private static final Spares<ByteBuffer> SPARES = Spares.ofDirect(8);

    private final BlockSource source;
    /** Direct: a read lands in it with no copy through the JDK's temporary direct buffer. */
    private ByteBuffer window;
    private long start = -1;
    private int length;

    WindowedSource(BlockSource source, int windowBytes) {
        this.source = source;
        this.window = SPARES.take(windowBytes);
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public SourceKind kind() {
        return source.kind();
    }

    @Override
    public long sizeBytes() {
        return source.sizeBytes();
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer dst) throws IOException {
        int n = dst.remaining();
        if (n > window.capacity() / 4) {
            source.readFully(offsetBytes, dst);
            return;
        }
        requireRange(offsetBytes, n);
        if (start < 0 || offsetBytes < start || offsetBytes - start + n > length) {
            // an eighth of the window behind: reads wander back a little (a target image's COPY reads a few blocks
            // ahead of the XOR and source reads that follow it), and a window starting just past them reloaded twice
            // per window; n <= window/4, so the read still fits
            long from = Math.max(0, offsetBytes - window.capacity() / 8) & -ALIGN;
            int want = (int) Math.min(window.capacity(), sizeBytes() - from);
            start = -1;
            source.readFully(from, window.clear().limit(want));
            start = from;
            length = want;
        }
        dst.put(window.limit(length).position((int) (offsetBytes - start)).limit((int) (offsetBytes - start) + n));
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** Gives the window buffer back for another image; this reader is not used after (the source stays open). */
    void release() {
        start = -1;
        SPARES.give(window);
        window = null;
    }
}
