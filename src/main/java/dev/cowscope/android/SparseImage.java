package dev.cowscope.android;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.SourceKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * An Android sparse image (libsparse's {@code sparse_header}/{@code chunk_header}, the factory-image format)
 * read as the image it expands to, without expanding it: one index entry per chunk (where it starts in the
 * image, where its data lies or its fill value), a binary search per read. Checked as libsparse's
 * {@code sparse_file_read_sparse} checks it (magic, major version 1, header sizes at least 28 and 12, a RAW
 * chunk's bytes equal to its blocks, FILL and CRC32 data of 4 bytes, the chunks' blocks adding up to
 * {@code total_blks}), plus what libsparse leaves to luck: every chunk inside the file, a block size that is a
 * non-zero multiple of 4, no unknown chunk type (libsparse skips the header only and reads on from the data).
 * CRC32 chunks and {@code image_checksum} are not verified. DONT_CARE reads as zeros, as {@code simg2img} writes it.
 */
public final class SparseImage implements BlockSource {
    public static final int MAGIC = 0xED26FF3A;
    static final int RAW = 0xCAC1;
    static final int FILL = 0xCAC2;
    static final int DONT_CARE = 0xCAC3;
    static final int CRC32 = 0xCAC4;
    static final int HEADER_BYTES = 28;
    static final int CHUNK_HEADER_BYTES = 12;
    /** Chunks indexed at most (17 bytes each); real images have thousands. */
    static final int MAX_CHUNKS = 16 << 20;

    private final BlockSource file;
    private final long blockSize;
    private final long sizeBytes;
    /** Per chunk that produces blocks: its first block in the image, ascending. */
    private long[] firstBlock;
    /** RAW: the data's offset in the file; FILL/DONT_CARE: the 32-bit fill pattern (0 for DONT_CARE). */
    private long[] payload;
    private boolean[] raw;
    private int chunks;

    private SparseImage(BlockSource file, long blockSize, long totalBlocks) {
        this.file = file;
        this.blockSize = blockSize;
        this.sizeBytes = totalBlocks * blockSize;
    }

    /** True when {@code source} starts with the sparse magic ({@code 3a ff 26 ed}). */
    public static boolean isSparse(BlockSource source) throws IOException {
        if (source.sizeBytes() < 4) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(0, b);
        return b.getInt(0) == MAGIC;
    }

    /** {@code source} as the image it stands for: expanded when it is a sparse image, else itself. */
    public static BlockSource expandIfSparse(BlockSource source) throws IOException {
        return isSparse(source) ? open(source) : source;
    }

    /**
     * Indexes the sparse image in {@code file} (which the returned source closes).
     *
     * @throws SparseImageException when libsparse would refuse it, or it is damaged in a way libsparse would misread
     */
    public static SparseImage open(BlockSource file) throws IOException {
        long size = file.sizeBytes();
        if (size < HEADER_BYTES) {
            throw bad(file, 0, "only " + size + " bytes; the sparse header is 28");
        }
        ByteBuffer h = read(file, 0, HEADER_BYTES);
        if (h.getInt(0) != MAGIC) {
            throw bad(file, 0, String.format(Locale.ROOT, "magic 0x%08x is not the sparse magic 0x%08x", h.getInt(0), MAGIC));
        }
        int major = h.getShort(4) & 0xffff;
        int fileHeader = h.getShort(8) & 0xffff;
        int chunkHeader = h.getShort(10) & 0xffff;
        long blockSize = h.getInt(12) & 0xffffffffL;
        long totalBlocks = h.getInt(16) & 0xffffffffL;
        long totalChunks = h.getInt(20) & 0xffffffffL;
        if (major != 1) {
            throw bad(file, 4, "major version " + major + ": libsparse reads version 1 only");
        }
        if (fileHeader < HEADER_BYTES || chunkHeader < CHUNK_HEADER_BYTES) {
            throw bad(file, 8, "file_hdr_sz " + fileHeader + " / chunk_hdr_sz " + chunkHeader + ": libsparse needs at least 28 / 12");
        }
        if (blockSize == 0 || blockSize % 4 != 0) {
            throw bad(file, 12, "blk_sz " + blockSize + " is not a non-zero multiple of 4");
        }
        if (totalChunks > (size - fileHeader) / chunkHeader) {
            throw bad(file, 20, String.format(Locale.ROOT, "%d chunks of at least %d bytes do not fit in %d bytes (truncated?)",
                    totalChunks, chunkHeader, size));
        }
        if (totalChunks > MAX_CHUNKS) {
            throw bad(file, 20, totalChunks + " chunks: more than the " + MAX_CHUNKS + " we index");
        }
        if (Math.multiplyHigh(blockSize, totalBlocks) != 0 || blockSize * totalBlocks < 0) {
            throw bad(file, 12, blockSize + " x " + totalBlocks + " bytes: an image past 2^63 bytes");
        }
        SparseImage image = new SparseImage(file, blockSize, totalBlocks);
        image.index(fileHeader, chunkHeader, (int) totalChunks, totalBlocks);
        return image;
    }

    private void index(int fileHeader, int chunkHeader, int totalChunks, long totalBlocks) throws IOException {
        int capacity = Math.min(totalChunks, 1 << 16);
        firstBlock = new long[capacity];
        payload = new long[capacity];
        raw = new boolean[capacity];
        long size = file.sizeBytes();
        long pos = fileHeader;
        long block = 0;
        for (int c = 0; c < totalChunks; c++) {
            if (pos > size - chunkHeader) {
                throw bad(file, pos, "chunk " + c + " of " + totalChunks + ": its header is past the end of the file (truncated?)");
            }
            ByteBuffer ch = read(file, pos, CHUNK_HEADER_BYTES);
            int type = ch.getShort(0) & 0xffff;
            long blocks = ch.getInt(4) & 0xffffffffL;
            long totalBytes = ch.getInt(8) & 0xffffffffL;
            long data = pos + chunkHeader;
            long dataBytes = totalBytes - chunkHeader;
            String at = String.format(Locale.ROOT, "chunk %d (type 0x%04x at %d)", c, type, pos);
            if (dataBytes < 0 || dataBytes > size - data) {
                throw bad(file, pos, at + ": total_sz " + totalBytes + " does not fit between its header and the end of the file");
            }
            switch (type) {
                case RAW -> {
                    if (dataBytes != blocks * blockSize) {
                        throw bad(file, pos, at + ": " + dataBytes + " data bytes for " + blocks + " blocks of " + blockSize);
                    }
                    add(block, data, true);
                }
                case FILL -> {
                    if (dataBytes != 4) {
                        throw bad(file, pos, at + ": a FILL chunk has 4 data bytes, not " + dataBytes);
                    }
                    add(block, read(file, data, 4).getInt(0) & 0xffffffffL, false);
                }
                case DONT_CARE -> add(block, 0, false);
                case CRC32 -> {
                    if (dataBytes != 4) {
                        throw bad(file, pos, at + ": a CRC32 chunk has 4 data bytes, not " + dataBytes);
                    }
                    blocks = 0; // libsparse counts no blocks for it, whatever chunk_sz says
                }
                default -> throw bad(file, pos, at + ": unknown chunk type");
            }
            block += blocks; // at most 2^32 chunks of 2^32 blocks: no overflow
            if (block > totalBlocks) {
                throw bad(file, pos, at + ": the chunks reach block " + block + ", past total_blks " + totalBlocks);
            }
            pos = data + dataBytes;
        }
        if (block != totalBlocks) {
            throw bad(file, pos, "the chunks cover " + block + " blocks, not total_blks " + totalBlocks + " (libsparse refuses it)");
        }
    }

    private void add(long block, long value, boolean isRaw) {
        if (chunks > 0 && firstBlock[chunks - 1] == block) {
            chunks--; // a chunk of 0 blocks before this one: it reads nothing
        }
        if (chunks == firstBlock.length) {
            int c = (int) Math.min(MAX_CHUNKS, (long) chunks * 2);
            firstBlock = Arrays.copyOf(firstBlock, c);
            payload = Arrays.copyOf(payload, c);
            raw = Arrays.copyOf(raw, c);
        }
        firstBlock[chunks] = block;
        payload[chunks] = value;
        raw[chunks] = isRaw;
        chunks++;
    }

    public long blockSize() {
        return blockSize;
    }

    @Override
    public String name() {
        return file.name();
    }

    @Override
    public SourceKind kind() {
        return file.kind();
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer dst) throws IOException {
        requireRange(offsetBytes, dst.remaining());
        long offset = offsetBytes;
        int c = chunkOf(offset / blockSize);
        while (dst.hasRemaining()) {
            long start = firstBlock[c] * blockSize;
            long end = c + 1 < chunks ? firstBlock[c + 1] * blockSize : sizeBytes;
            int n = (int) Math.min(dst.remaining(), end - offset);
            if (raw[c]) {
                ByteBuffer part = dst.slice().limit(n);
                file.readFully(payload[c] + (offset - start), part);
                dst.position(dst.position() + n);
            } else {
                fill(dst, (int) payload[c], offset - start, n);
            }
            offset += n;
            c++;
        }
    }

    /** The 4-byte little-endian pattern, from byte {@code phase} of the chunk on. */
    private static void fill(ByteBuffer dst, int pattern, long phase, int n) {
        for (int k = 0; k < n; k++) {
            dst.put((byte) (pattern >>> (8 * (int) ((phase + k) & 3))));
        }
    }

    /** The last chunk starting at or before {@code block}. */
    private int chunkOf(long block) {
        int lo = 0;
        int hi = chunks - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstBlock[mid] <= block) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private static ByteBuffer read(BlockSource file, long offset, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        file.readFully(offset, b);
        return b.flip();
    }

    private static SparseImageException bad(BlockSource file, long offset, String why) {
        return new SparseImageException(String.format(Locale.ROOT, "%s: not a usable Android sparse image: %s (at byte %d)",
                file.name(), why, offset));
    }

    /** The sparse image is refused: the reason, in words. */
    public static final class SparseImageException extends IOException {
        private static final long serialVersionUID = 1L;

        SparseImageException(String message) {
            super(message);
        }
    }
}
