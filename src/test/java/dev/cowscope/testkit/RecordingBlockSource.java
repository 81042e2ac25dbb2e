package dev.cowscope.testkit;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.SourceKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source that reads through another and records what was read: offsets, bytes, the threads that read. It
 * fails every read at or after {@code failFrom}, and says it serves reads in any order when told to (then a
 * dm walk reads it with two threads, as it does a file).
 */
public final class RecordingBlockSource implements BlockSource {
    private final BlockSource inner;
    private final long failFrom;
    private final boolean anyOrder;
    public final List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
    public final Set<String> threads = Collections.synchronizedSet(new HashSet<>());
    private final AtomicLong bytes = new AtomicLong();

    public RecordingBlockSource(BlockSource inner, long failFrom, boolean anyOrder) {
        this.inner = inner;
        this.failFrom = failFrom;
        this.anyOrder = anyOrder;
    }

    /** Reads through {@code inner}, failing none, in the order {@code inner} prefers. */
    public static RecordingBlockSource of(BlockSource inner) {
        return new RecordingBlockSource(inner, Long.MAX_VALUE, inner.readsInAnyOrder());
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return bytes.get();
    }

    @Override
    public boolean readsInAnyOrder() {
        return anyOrder;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public SourceKind kind() {
        return inner.kind();
    }

    @Override
    public long sizeBytes() {
        return inner.sizeBytes();
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer dst) throws IOException {
        offsets.add(offsetBytes);
        threads.add(Thread.currentThread().getName());
        bytes.addAndGet(dst.remaining());
        if (offsetBytes >= failFrom) {
            throw new IOException("disk error at " + offsetBytes);
        }
        inner.readFully(offsetBytes, dst);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
