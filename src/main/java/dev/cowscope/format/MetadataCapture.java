package dev.cowscope.format;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps, while a compressed image streams past once, the bytes the kernel's load reads: the
 * header chunk and the exception areas from area 0 up to and including the first one that is
 * not full (chunk {@code 1 + i * (E + 1)}). Everything else (the data chunks) is only looked at,
 * never kept. That is 16 bytes per committed exception; the first {@link #memoryBudget} bytes
 * stay in memory in 1 MiB pages, the rest goes to a temporary file (deleted on close).
 * <p>
 * Filled from one thread while the image is decoded; read-only (and safe to share) afterwards.
 */
final class MetadataCapture implements Closeable {
    private static final int PAGE_BYTES = 1 << 20;
    /** Kept of the first chunk when the image is no COW (or its chunk size is refused). */
    private static final int PLAIN_HEADER_BYTES = 4096;
    /** Kept of the header chunk of a COW: a 1 GiB chunk size needs no 1 GiB copy of its header. */
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private final String name;
    private final long memoryBudget;
    private final List<byte[]> pages = new ArrayList<>();
    private FileChannel spill;
    private long length; // bytes kept

    private boolean decided; // the header's first 16 bytes were seen
    private AreaLayout layout; // null: no areas are kept
    private long headerBytes;
    private long headerFilled;
    private long areaBytes;
    /** Areas kept whole. */
    private long areasComplete;
    /** The area being filled (== areasComplete while one is under way), its start and bytes so far. */
    private long areaStart = -1;
    private long areaFilled;
    private boolean areaHasTerminator;
    private boolean done;

    MetadataCapture(String name, long memoryBudget) {
        this.name = name;
        this.memoryBudget = memoryBudget;
    }

    /** The default budget: 64 MiB or 1/16 of the heap, whichever is smaller. */
    static long defaultMemoryBudget() {
        return Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
    }

    /** Takes what it keeps of the decoded bytes {@code buffer[0, n)}, which sit at image offset {@code position}. */
    void offer(long position, byte[] buffer, int n) throws IOException {
        if (!decided) {
            decide(position, buffer, n);
        }
        long end = position + n;
        if (headerFilled < headerBytes) {
            long need = headerFilled;
            if (need >= position && need < end) {
                int len = (int) Math.min(headerBytes - need, end - need);
                keep(buffer, (int) (need - position), len);
                headerFilled += len;
                if (headerFilled == headerBytes && layout != null) {
                    areaStart = layout.chunkOffsetBytes(layout.areaLocation(0));
                }
            }
        }
        while (!done && areaStart >= 0) {
            long need = areaStart + areaFilled;
            if (need < position || need >= end) {
                if (need < position) {
                    done = true; // cannot happen when fed in order; never keep a torn area
                }
                return;
            }
            int off = (int) (need - position);
            int len = (int) Math.min(areaBytes - areaFilled, end - need);
            keep(buffer, off, len);
            if (!areaHasTerminator) {
                areaHasTerminator = hasTerminator(buffer, off, len, areaFilled);
            }
            areaFilled += len;
            if (areaFilled < areaBytes) {
                return;
            }
            areasComplete++;
            if (areaHasTerminator) {
                done = true; // the kernel stops at the first area that is not full
                return;
            }
            try {
                areaStart = layout.chunkOffsetBytes(layout.areaLocation(areasComplete));
            } catch (ArithmeticException e) {
                done = true;
                return;
            }
            areaFilled = 0;
        }
    }

    private void decide(long position, byte[] buffer, int n) {
        decided = true;
        headerBytes = PLAIN_HEADER_BYTES;
        if (position != 0 || n < DiskHeader.SIZE_BYTES) {
            return;
        }
        ByteBuffer head = ByteBuffer.wrap(buffer, 0, DiskHeader.SIZE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long magic = Integer.toUnsignedLong(head.getInt(0));
        long chunkSizeSectors = Integer.toUnsignedLong(head.getInt(DiskHeader.CHUNK_SIZE_OFFSET));
        if (magic != DiskHeader.SNAP_MAGIC || AreaLayout.refusal(chunkSizeSectors) != null) {
            return;
        }
        layout = new AreaLayout(chunkSizeSectors);
        areaBytes = layout.chunkSizeBytes();
        headerBytes = Math.min(areaBytes, MAX_HEADER_BYTES);
    }

    /** True when an entry of {@code buffer[off, off + len)} (at {@code areaFilled} into its area) has {@code new_chunk == 0}. */
    private static boolean hasTerminator(byte[] buffer, int off, int len, long areaFilled) {
        ByteBuffer words = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        int first = (int) ((DiskException.SIZE_BYTES - areaFilled % DiskException.SIZE_BYTES) % DiskException.SIZE_BYTES);
        for (int e = off + first; e + DiskException.SIZE_BYTES <= off + len; e += DiskException.SIZE_BYTES) {
            if (words.getLong(e + DiskException.NEW_CHUNK_OFFSET) == 0) {
                return true;
            }
        }
        return false;
    }

    private void keep(byte[] buffer, int off, int len) throws IOException {
        while (len > 0) {
            if (length < memoryBudget) {
                int page = (int) (length / PAGE_BYTES);
                int within = (int) (length % PAGE_BYTES);
                if (page == pages.size()) {
                    pages.add(new byte[PAGE_BYTES]);
                }
                int n = (int) Math.min(Math.min(len, PAGE_BYTES - within), memoryBudget - length);
                System.arraycopy(buffer, off, pages.get(page), within, n);
                off += n;
                len -= n;
                length += n;
                continue;
            }
            if (spill == null) {
                Path temp = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "cowscope-areas-", ".bin");
                spill = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
            }
            ByteBuffer data = ByteBuffer.wrap(buffer, off, len);
            long at = length - memoryBudget;
            try {
                while (data.hasRemaining()) {
                    at += spill.write(data, at);
                }
            } catch (IOException e) {
                throw new IOException(String.format(java.util.Locale.ROOT,
                        "%s: cannot keep its exception areas (%s so far) in %s: %s", name, Units.human(length),
                        System.getProperty("java.io.tmpdir"), e.getMessage()), e);
            }
            length += len;
            len = 0;
        }
    }

    /** Fills {@code dst} from what was kept, when all of {@code [offset, offset + dst.remaining())} was; else false, {@code dst} untouched. */
    boolean read(long offset, ByteBuffer dst) throws IOException {
        long at = keptAt(offset, dst.remaining());
        if (at < 0) {
            return false;
        }
        copyOut(at, dst);
        return true;
    }

    /** True when all of {@code [offset, offset + length)} was kept. */
    boolean covers(long offset, long length) {
        return keptAt(offset, length) >= 0;
    }

    /** Where {@code [offset, offset + length)} starts among the kept bytes, or -1 when not all of it was kept. */
    private long keptAt(long offset, long length) {
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            return -1;
        }
        long end = offset + length;
        if (end <= headerFilled) {
            return offset;
        }
        if (layout == null || areasComplete == 0) {
            return -1;
        }
        long chunk = offset / areaBytes;
        if (chunk < 1 || (chunk - 1) % layout.areaStrideChunks() != 0) {
            return -1;
        }
        long area = (chunk - 1) / layout.areaStrideChunks();
        long chunkStart = chunk * areaBytes;
        if (area >= areasComplete || end > chunkStart + areaBytes) {
            return -1;
        }
        return headerBytes + area * areaBytes + (offset - chunkStart);
    }

    private void copyOut(long at, ByteBuffer dst) throws IOException {
        while (dst.hasRemaining() && at < memoryBudget) {
            byte[] page = pages.get((int) (at / PAGE_BYTES));
            int within = (int) (at % PAGE_BYTES);
            int n = (int) Math.min(Math.min(dst.remaining(), PAGE_BYTES - within), memoryBudget - at);
            dst.put(page, within, n);
            at += n;
        }
        long fileAt = at - memoryBudget;
        while (dst.hasRemaining()) {
            int n = spill.read(dst, fileAt);
            if (n < 0) {
                throw new java.io.EOFException(name + ": the kept exception areas end early");
            }
            fileAt += n;
        }
    }

    /** Bytes kept (in memory and in the temporary file). */
    long keptBytes() {
        return length;
    }

    /** Exception areas kept whole. */
    long areasKept() {
        return areasComplete;
    }

    @Override
    public void close() throws IOException {
        pages.clear();
        if (spill != null) {
            spill.close();
        }
    }
}
