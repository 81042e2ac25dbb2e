package dev.cowscope.testkit;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.DiskHeader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes persistent COW images in Java, valid or deliberately damaged: the header, then entries
 * in areas exactly where the kernel puts them (and, like the kernel, a zeroed next area when an
 * area fills). Defaults: chunk size 8, 2 MiB device, entries allocated in kernel order.
 */
public final class CowImageBuilder {
    private long magic = DiskHeader.SNAP_MAGIC;
    private long valid = 1;
    private long version = 1;
    private long chunkSizeSectors = 8;
    private long headerChunkSizeSectors = -1;
    private long deviceBytes = 2L << 20;
    private final List<long[]> entries = new ArrayList<>();
    private final List<long[]> rawEntries = new ArrayList<>();

    public static CowImageBuilder cow() {
        return new CowImageBuilder();
    }

    public CowImageBuilder chunkSizeSectors(long sectors) {
        this.chunkSizeSectors = sectors;
        return this;
    }

    /** A header chunk-size field that differs from the geometry used to lay out the entries. */
    public CowImageBuilder headerChunkSizeSectors(long sectors) {
        this.headerChunkSizeSectors = sectors;
        return this;
    }

    public CowImageBuilder deviceBytes(long bytes) {
        this.deviceBytes = bytes;
        return this;
    }

    public CowImageBuilder magic(long value) {
        this.magic = value;
        return this;
    }

    public CowImageBuilder valid(long value) {
        this.valid = value;
        return this;
    }

    public CowImageBuilder version(long value) {
        this.version = value;
        return this;
    }

    /** Adds an exception at the next position, with the new chunk the kernel's allocator would give it. */
    public CowImageBuilder exception(long oldChunk) {
        AreaLayout layout = new AreaLayout(chunkSizeSectors);
        entries.add(new long[] {oldChunk, layout.sequentialChunk(entries.size())});
        return this;
    }

    /** Adds {@code count} exceptions for origin chunks {@code firstOld, firstOld+1, …}. */
    public CowImageBuilder exceptions(long firstOld, int count) {
        for (int i = 0; i < count; i++) {
            exception(firstOld + i);
        }
        return this;
    }

    /** Adds an exception with an explicit new chunk (for damaged or out-of-order tables). */
    public CowImageBuilder exception(long oldChunk, long newChunk) {
        entries.add(new long[] {oldChunk, newChunk});
        return this;
    }

    /** Writes raw entry bytes at area {@code area}, slot {@code slot} (stale entries after the terminator…). */
    public CowImageBuilder rawEntry(long area, long slot, long oldChunk, long newChunk) {
        rawEntries.add(new long[] {area, slot, oldChunk, newChunk});
        return this;
    }

    public byte[] bytes() {
        if (deviceBytes > Integer.MAX_VALUE) {
            throw new IllegalStateException("use writeSparse for large devices");
        }
        ByteBuffer b = ByteBuffer.allocate((int) deviceBytes).order(ByteOrder.LITTLE_ENDIAN);
        write(new Sink() {
            @Override
            public void put(long offset, byte[] bytes) {
                if (offset + bytes.length <= deviceBytes) {
                    b.put((int) offset, bytes);
                }
            }
        });
        return b.array();
    }

    public CowImage read() throws IOException {
        return read(ParseOptions.DEFAULT);
    }

    public CowImage read(ParseOptions options) throws IOException {
        return new CowReader(options).read(new ByteArrayBlockSource("test.cow", bytes()), Progress.NONE);
    }

    /** The image in memory as a sparse device: any size, only the header and metadata chunks held. */
    public SparseBlockSource source() {
        SparseBlockSource source = new SparseBlockSource("test.cow", deviceBytes);
        write(source::put);
        return source;
    }

    /** Reads {@link #source()}: for devices too large for {@link #bytes()}. */
    public CowImage readSparse() throws IOException {
        return new CowReader(ParseOptions.DEFAULT).read(source(), Progress.NONE);
    }

    /** Writes the image as a sparse file (only the header and metadata chunks are written). */
    public Path writeSparse(Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            write((offset, bytes) -> ch.write(ByteBuffer.wrap(bytes), offset));
            if (ch.size() < deviceBytes) {
                ch.write(ByteBuffer.allocate(1), deviceBytes - 1);
            }
        }
        return file;
    }

    public Path writeTo(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    @FunctionalInterface
    private interface Sink {
        void put(long offset, byte[] bytes) throws IOException;
    }

    private void write(Sink sink) {
        try {
            long headerCs = headerChunkSizeSectors >= 0 ? headerChunkSizeSectors : chunkSizeSectors;
            sink.put(0, new DiskHeader(magic, valid, version, headerCs).encode());
            AreaLayout layout = new AreaLayout(chunkSizeSectors);
            int perArea = (int) layout.exceptionsPerArea();
            int chunkBytes = (int) layout.chunkSizeBytes();
            int areas = entries.size() / perArea + 1; // the last one is non-full (or the zeroed next area)
            for (int a = 0; a < areas; a++) {
                ByteBuffer area = ByteBuffer.allocate(chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
                for (int s = 0; s < perArea; s++) {
                    int i = a * perArea + s;
                    if (i >= entries.size()) {
                        break;
                    }
                    area.putLong(16 * s, entries.get(i)[0]).putLong(16 * s + 8, entries.get(i)[1]);
                }
                for (long[] raw : rawEntries) {
                    if (raw[0] == a) {
                        area.putLong((int) (16 * raw[1]), raw[2]).putLong((int) (16 * raw[1] + 8), raw[3]);
                    }
                }
                sink.put(layout.chunkOffsetBytes(layout.areaLocation(a)), area.array());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
