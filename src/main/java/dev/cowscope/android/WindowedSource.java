package dev.cowscope.android;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.SourceKind;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A COW read through a 1 MiB window: op data lies in op order, so the small reads of a whole image
 * (one per op, a few KiB each) become one read per MiB. Larger reads go straight through.
 */
final class WindowedSource implements BlockSource {
    private static final int WINDOW_BYTES = 1 << 20;

    private final BlockSource source;
    private final byte[] window = new byte[WINDOW_BYTES];
    private long start = -1;
    private int length;

    WindowedSource(BlockSource source) {
        this.source = source;
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
        if (n > WINDOW_BYTES / 4) {
            source.readFully(offsetBytes, dst);
            return;
        }
        requireRange(offsetBytes, n);
        if (start < 0 || offsetBytes < start || offsetBytes - start + n > length) {
            int want = (int) Math.min(WINDOW_BYTES, sizeBytes() - offsetBytes);
            start = -1;
            source.readFully(offsetBytes, ByteBuffer.wrap(window, 0, want));
            start = offsetBytes;
            length = want;
        }
        dst.put(window, (int) (offsetBytes - start), n);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
