package dev.cowscope.format;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * A compressed image (gzip, xz, zstd) read without a full-size copy.
 * <p>
 * The open decodes the stream once, front to back, as {@code zcat > /dev/null} would: it learns
 * the image's size, keeps the header chunk and the exception areas the kernel's load walks
 * ({@link MetadataCapture}, 16 bytes per exception), and counts the 4 KiB blocks that are not all
 * zero. Data chunks are decoded and dropped into one reused buffer, never kept. So
 * {@code inspect}, {@code exceptions} and the window's open read the store with no temporary
 * copy of the image at all.
 * <p>
 * Reads of anything else come later and only when asked for: reads that move forward (an origin
 * streamed by {@code view}, an image pair by {@code size}) are served by decoding the stream again
 * from where the last one ended; the first read that goes back, or {@link #prepareRead} for a
 * range not kept (the chunk view, the view's COW chunks), unpacks the image once into a sparse
 * temporary file, zero blocks left as holes, after checking that {@code java.io.tmpdir} has room
 * for its non-zero blocks.
 * <p>
 * Costs follow the file: the stream is read up to the size the file had when it was opened (a file
 * still growing cannot keep a read going), memory is a fixed set of 1 MiB buffers plus the kept
 * areas, xz's dictionary is held to {@link Compression#XZ_MEMORY_LIMIT_KIB}, and every pass checks
 * cancel once per decoded MiB.
 */
final class CompressedBlockSource implements BlockSource {
    static final int BUFFER_BYTES = 1 << 20;
    /** Holes are made, and non-zero data counted, in blocks of this size (a file system block). */
    static final int BLOCK_BYTES = 4096;
    private static final byte[] ZERO_BLOCK = new byte[BLOCK_BYTES];

    private final Path path;
    private final String name;
    private final Compression compression;
    private final long compressedBytes;
    private final long sizeBytes;
    private final long dataBytes;
    private final MetadataCapture kept;
    private final Object lock = new Object();
    private volatile FileBlockSource unpacked;
    private Decoder cursor;
    private long cursorPosition;
    private byte[] scratch;
    private volatile boolean closed;

    private CompressedBlockSource(Path path, Compression compression, long compressedBytes, long sizeBytes, long dataBytes,
            MetadataCapture kept) {
        this.path = path;
        this.name = path.toString();
        this.compression = compression;
        this.compressedBytes = compressedBytes;
        this.sizeBytes = sizeBytes;
        this.dataBytes = dataBytes;
        this.kept = kept;
    }

    /** Decodes {@code path} once (with progress over its compressed bytes) and keeps its metadata. */
    static CompressedBlockSource open(Path path, Compression compression, Progress progress) throws CowFormatException {
        return open(path, compression, progress, MetadataCapture.defaultMemoryBudget());
    }

    static CompressedBlockSource open(Path path, Compression compression, Progress progress, long memoryBudget)
            throws CowFormatException {
        String name = path.toString();
        long compressedBytes;
        try {
            compressedBytes = Files.size(path);
        } catch (IOException e) {
            throw unreadable(name, "cannot read: " + e.getMessage(), e);
        }
        MetadataCapture kept = new MetadataCapture(name, memoryBudget);
        Decoder decoder = null;
        try {
            progress.begin("Decompressing " + path.getFileName(), compressedBytes);
            decoder = new Decoder(path, compression, compressedBytes, progress);
            byte[] buffer = new byte[BUFFER_BYTES];
            long position = 0;
            long dataBlocks = 0;
            while (true) {
                int n = decoder.fill(buffer, 0, buffer.length);
                if (n == 0) {
                    break;
                }
                progress.checkCancelled();
                kept.offer(position, buffer, n);
                dataBlocks += nonZeroBlocks(buffer, n);
                position = Math.addExact(position, n);
            }
            decoder.close();
            return new CompressedBlockSource(path, compression, compressedBytes, position, dataBlocks * BLOCK_BYTES, kept);
        } catch (IOException e) {
            closeQuietly(decoder);
            closeQuietly(kept);
            throw unreadable(name, failure(compression, e, decoder, compressedBytes), e);
        } catch (RuntimeException | Error e) {
            closeQuietly(decoder);
            closeQuietly(kept);
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return compression.kind();
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Bytes in 4 KiB blocks that are not all zero: what an unpacked copy takes on disk. */
    long dataBytes() {
        return dataBytes;
    }

    /** True once the image was unpacked into a temporary file (tests). */
    boolean isUnpacked() {
        return unpacked != null;
    }

    /** Bytes of header and exception areas kept from the open (tests). */
    long keptBytes() {
        return kept.keptBytes();
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer dst) throws IOException {
        requireRange(offsetBytes, dst.remaining());
        FileBlockSource copy = unpacked;
        if (copy != null) {
            copy.readFully(offsetBytes, dst);
            return;
        }
        requireOpen();
        if (!dst.hasRemaining() || kept.read(offsetBytes, dst)) {
            return;
        }
        synchronized (lock) {
            requireOpen();
            if (unpacked == null && offsetBytes >= cursorPosition) {
                readForward(offsetBytes, dst);
                return;
            }
            unpack(Progress.NONE);
        }
        unpacked.readFully(offsetBytes, dst);
    }

    @Override
    public void prepareRead(long offsetBytes, long length, Progress progress) throws IOException {
        if (unpacked != null || length <= 0 || kept.covers(offsetBytes, length)) {
            return;
        }
        synchronized (lock) {
            requireOpen();
            unpack(progress);
        }
    }

    /** Decodes forward from the cursor (a new decoder from the start when there is none) to {@code offset}, then into {@code dst}. */
    private void readForward(long offset, ByteBuffer dst) throws IOException {
        try {
            if (cursor == null) {
                cursor = new Decoder(path, compression, compressedBytes, Progress.NONE);
                cursorPosition = 0;
            }
            if (scratch == null) {
                scratch = new byte[BUFFER_BYTES];
            }
            while (cursorPosition < offset) {
                int n = cursor.fill(scratch, 0, (int) Math.min(scratch.length, offset - cursorPosition));
                if (n == 0) {
                    throw changed(cursorPosition);
                }
                cursorPosition += n;
            }
            while (dst.hasRemaining()) {
                int n;
                if (dst.hasArray()) {
                    n = cursor.fill(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                    dst.position(dst.position() + n);
                } else {
                    n = cursor.fill(scratch, 0, Math.min(scratch.length, dst.remaining()));
                    dst.put(scratch, 0, n);
                }
                if (n == 0) {
                    throw changed(cursorPosition);
                }
                cursorPosition += n;
            }
        } catch (IOException e) {
            Decoder failed = cursor;
            dropCursor();
            if (e.getMessage() != null && e.getMessage().startsWith(name + ": ")) {
                throw e;
            }
            throw new IOException(name + ": " + failure(compression, e, failed, compressedBytes), e);
        }
    }

    /**
     * Unpacks the image into a sparse temporary file in {@code java.io.tmpdir} (holes for zero
     * blocks), after checking that it has room for the non-zero blocks counted at the open.
     */
    private void unpack(Progress progress) throws IOException {
        if (unpacked != null) {
            return;
        }
        dropCursor();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        long needed = Math.addExact(dataBytes, BLOCK_BYTES);
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new IOException(String.format(Locale.ROOT, "%s: its data chunks are read from an unpacked copy in %s (java.io.tmpdir), "
                    + "which cannot be used: %s", name, dir, e.getMessage()), e);
        }
        if (needed > free) {
            throw new IOException(String.format(Locale.ROOT, "%s: reading its data chunks needs an unpacked copy of the %s image: "
                    + "%s of non-zero data (the %s image's zero blocks stay holes) in %s (java.io.tmpdir), which has only %s free; "
                    + "run with -Djava.io.tmpdir=DIR on a file system with room", name, compression.label(), Units.human(needed),
                    Units.human(sizeBytes), dir, Units.human(free)));
        }
        Path temp = Files.createTempFile(dir, "cowscope-", ".img");
        Decoder decoder = null;
        try {
            progress.begin("Unpacking " + path.getFileName() + " into " + dir, compressedBytes);
            decoder = new Decoder(path, compression, compressedBytes, progress);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                long position = 0;
                while (true) {
                    int n = decoder.fill(buffer, 0, buffer.length);
                    if (n == 0) {
                        break;
                    }
                    progress.checkCancelled();
                    if (position + n > sizeBytes) {
                        throw changed(position + n);
                    }
                    writeNonZeroBlocks(out, buffer, n, position, needed, dir);
                    position += n;
                }
                if (position != sizeBytes) {
                    throw changed(position);
                }
                if (out.size() < sizeBytes) {
                    out.write(ByteBuffer.allocate(1), sizeBytes - 1); // a trailing hole: the file still has the full size
                }
            }
            decoder.close();
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
            unpacked = new FileBlockSource(name, compression.kind(), channel, sizeBytes);
        } catch (IOException e) {
            closeQuietly(decoder);
            deleteQuietly(temp);
            if (e.getMessage() != null && e.getMessage().startsWith(name + ": ")) {
                throw e;
            }
            throw new IOException(name + ": " + failure(compression, e, decoder, compressedBytes), e);
        } catch (RuntimeException | Error e) {
            closeQuietly(decoder);
            deleteQuietly(temp);
            throw e;
        }
    }

    private void writeNonZeroBlocks(FileChannel out, byte[] buffer, int n, long position, long needed, Path dir) throws IOException {
        int run = -1;
        // one step past the last block, partial or not, so that a run of data reaching the end is written too
        for (int block = 0; block < n + BLOCK_BYTES; block += BLOCK_BYTES) {
            boolean data = block < n && !isZero(buffer, block, Math.min(BLOCK_BYTES, n - block));
            if (data && run < 0) {
                run = block;
            } else if (!data && run >= 0) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, run, Math.min(block, n) - run);
                try {
                    while (bytes.hasRemaining()) {
                        out.write(bytes, position + bytes.position());
                    }
                } catch (IOException e) {
                    throw new IOException(String.format(Locale.ROOT, "%s: cannot write its unpacked copy (%s of non-zero data) into %s: %s",
                            name, Units.human(needed), dir, e.getMessage()), e);
                }
                run = -1;
            }
        }
    }

    private IOException changed(long produced) {
        return new IOException(String.format(Locale.ROOT, "%s: the file changed since it was opened: its %s stream now gives %s%s "
                + "of image data, it gave %s", name, compression.label(), produced < sizeBytes ? "only " : "more than ",
                Units.human(produced), Units.human(sizeBytes)));
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new java.nio.channels.ClosedChannelException();
        }
    }

    private void dropCursor() {
        closeQuietly(cursor);
        cursor = null;
        cursorPosition = 0;
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            closed = true;
            dropCursor();
            scratch = null;
            kept.close();
            FileBlockSource copy = unpacked;
            if (copy != null) {
                copy.close();
            }
        }
    }

    /** 4 KiB blocks of {@code buffer[0, n)} that hold a non-zero byte (the last may be short). */
    static long nonZeroBlocks(byte[] buffer, int n) {
        long blocks = 0;
        for (int block = 0; block < n; block += BLOCK_BYTES) {
            if (!isZero(buffer, block, Math.min(BLOCK_BYTES, n - block))) {
                blocks++;
            }
        }
        return blocks;
    }

    private static boolean isZero(byte[] buffer, int from, int length) {
        return Arrays.mismatch(buffer, from, from + length, ZERO_BLOCK, 0, length) < 0;
    }

    /**
     * Why a pass failed, in words: where the stream ends when it is cut short, what the decoder
     * said when it is corrupt; never "null".
     */
    static String failure(Compression compression, IOException e, Decoder decoder, long compressedBytes) {
        long produced = decoder == null ? 0 : decoder.produced;
        long consumed = decoder == null ? 0 : decoder.counted.count;
        String said = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof org.tukaani.xz.MemoryLimitException) {
            org.tukaani.xz.MemoryLimitException limit = (org.tukaani.xz.MemoryLimitException) e;
            return String.format(Locale.ROOT, "the xz stream needs %s of memory to decode (its dictionary), more than the %s CowScope allows; "
                    + "recompress it with a smaller dictionary (xz -6 or lower)", Units.human(limit.getMemoryNeeded() * 1024L),
                    Units.human(limit.getMemoryLimit() * 1024L));
        }
        if (e instanceof EOFException || consumed >= compressedBytes && compressedBytes > 0 && isTruncation(said)) {
            return String.format(Locale.ROOT,
                    "the %s stream is cut short: it ends after %s of image data, %s into the %s file (a truncated download or copy?)",
                    compression.label(), Units.human(produced), Units.human(consumed), Units.human(compressedBytes));
        }
        return String.format(Locale.ROOT, "the %s stream is corrupt or cut short after %s of image data (%s into the %s file): %s",
                compression.label(), Units.human(produced), Units.human(consumed), Units.human(compressedBytes), said);
    }

    private static boolean isTruncation(String said) {
        String s = said.toLowerCase(Locale.ROOT);
        return s.contains("truncated") || s.contains("unexpected end");
    }

    private static CowFormatException unreadable(String name, String why, Throwable cause) {
        return new CowFormatException(CowFormatException.Kind.UNREADABLE, -1, name + ": " + why, cause);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // already failing or done; the first error is the one to report
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: it lives in the temporary directory
        }
    }

    /** One pass over the compressed file: bounded to its size at open, counting what goes in and comes out. */
    static final class Decoder implements Closeable {
        final CountingInputStream counted;
        private final InputStream in;
        long produced;

        Decoder(Path path, Compression compression, long compressedBytes, Progress progress) throws IOException {
            this.counted = new CountingInputStream(new BoundedInputStream(Files.newInputStream(path), compressedBytes), progress);
            InputStream decoding;
            try {
                decoding = compression.decoder(new BufferedInputStream(counted, 1 << 16));
            } catch (IOException | RuntimeException e) {
                counted.close();
                throw e;
            }
            this.in = decoding;
        }

        /** Reads until {@code len} bytes came or the stream ended; returns how many came (0 at the end). */
        int fill(byte[] b, int off, int len) throws IOException {
            int n = 0;
            for (int r; n < len && (r = in.read(b, off + n, len - n)) >= 0; n += r) {
                produced += r;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Reports compressed bytes consumed, so progress is exact without knowing the output size. */
    static final class CountingInputStream extends java.io.FilterInputStream {
        private final Progress progress;
        long count;

        CountingInputStream(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                progress.worked(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            progress.checkCancelled(); // per 64 KiB read: a stream that decodes to nothing for long still stops
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                progress.worked(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            if (skipped > 0) {
                count += skipped;
                progress.worked(skipped);
            }
            return skipped;
        }
    }

    /** Ends after {@code limit} bytes: what the file held when it was opened, however it grows. */
    static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return len == 0 ? 0 : -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= Math.max(0, skipped);
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
