package dev.cowscope.snapshot;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.AtomicOutput;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.Progress;
import dev.cowscope.format.StoreState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What {@code /dev/mapper/<snap>} reads: the origin, with every remapped origin chunk read from
 * the COW chunk the kernel's lookup finds ({@code snapshot_map} → {@code dm_lookup_exception}).
 * The device is as long as the origin; a remapped last partial chunk takes the first bytes of its
 * COW chunk.
 */
public final class SnapshotView {
    private static final int WINDOW_BYTES = 4 << 20;

    private final BlockSource origin;
    private final CowImage cow;
    private final BlockSource cowSource;
    private final boolean salvage;
    private final boolean allowShortOrigin;
    private final List<String> warnings = new ArrayList<>();
    private final long chunkBytes;
    private final ExceptionTable table;

    /**
     * @param salvage rebuild from the committed exceptions even where the kernel refuses (an
     *     invalidated store, chunks mapped past the end of the COW); each such liberty is a warning
     * @throws SnapshotViewException when the kernel would not serve this view and salvage is off
     */
    public SnapshotView(BlockSource origin, CowImage cow, BlockSource cowSource, boolean salvage) throws SnapshotViewException {
        this(origin, cow, cowSource, salvage, false);
    }

    /**
     * @param allowShortOrigin build a partial view when entries remap origin chunks past the
     *     origin's end (each such entry is then only a warning); otherwise that origin is refused,
     *     since it cannot be the one the COW was made on (a wrong file, or a truncated copy)
     * @throws SnapshotViewException when the kernel would not serve this view and salvage is off,
     *     or the origin is too short for the table and {@code allowShortOrigin} is off
     */
    public SnapshotView(BlockSource origin, CowImage cow, BlockSource cowSource, boolean salvage, boolean allowShortOrigin)
            throws SnapshotViewException {
        this.origin = origin;
        this.cow = cow;
        this.cowSource = cowSource;
        this.salvage = salvage;
        this.allowShortOrigin = allowShortOrigin;
        AreaLayout layout = cow.layout().orElseThrow(() -> new SnapshotViewException(
                cow.source().path() + ": no usable chunk size (" + cow.state() + "); there is no snapshot view to rebuild"));
        this.chunkBytes = layout.chunkSizeBytes();
        this.table = cow.exceptions();
        checkServable();
    }

    private void checkServable() throws SnapshotViewException {
        StoreState state = cow.state();
        if (state == StoreState.INVALID) {
            refuseOrWarn("the store is invalidated: the kernel fails every read of this snapshot");
        } else if (!cow.kernelLoads()) {
            refuseOrWarn("the kernel would not load this store (" + state + "; see the findings)");
        }
        long deviceChunks = cow.deviceChunks();
        long pastEnd = 0;
        for (int i = 0; i < table.size(); i++) {
            if (Long.compareUnsigned(table.newChunk(i), deviceChunks) >= 0) {
                pastEnd++;
            }
        }
        if (pastEnd > 0) {
            refuseOrWarn(pastEnd + " entries map to COW chunks past the end of the device: the kernel returns I/O errors "
                    + "for those origin chunks; salvage reads them from the origin instead");
        }
        checkOriginLength();
    }

    /** The origin must hold every remapped chunk: a snapshot has the size of the origin it was made on. */
    private void checkOriginLength() throws SnapshotViewException {
        long originChunks = origin.sizeBytes() / chunkBytes + (origin.sizeBytes() % chunkBytes == 0 ? 0 : 1);
        long beyond = 0;
        long highest = -1;
        for (int i = 0; i < table.size(); i++) {
            long old = table.oldChunk(i);
            if (Long.compareUnsigned(old, originChunks) >= 0) {
                beyond++;
                highest = beyond == 1 || Long.compareUnsigned(old, highest) > 0 ? old : highest;
            }
        }
        if (beyond == 0) {
            return;
        }
        String what = String.format(Locale.ROOT, "%d entries remap origin chunks past the end of the origin %s (%d bytes, %d chunks; "
                + "the highest remapped chunk is %s)", beyond, origin.name(), origin.sizeBytes(), originChunks,
                Long.toUnsignedString(highest));
        if (!allowShortOrigin) {
            throw new SnapshotViewException(what + ": this is not the origin the COW was made on, or a truncated copy of it. "
                    + "Give the right origin, or ask for a partial view as long as this origin (view --allow-short-origin).");
        }
        warnings.add(what + "; partial view (--allow-short-origin): those chunks are left out");
    }

    private void refuseOrWarn(String why) throws SnapshotViewException {
        if (!salvage) {
            throw new SnapshotViewException(cow.source().path() + ": " + why + ". Use --salvage to rebuild it from the committed exceptions anyway.");
        }
        warnings.add("salvage: " + why);
    }

    /** Liberties taken under salvage, and entries that never show in the view. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The snapshot device's size: the origin's. */
    public long sizeBytes() {
        return origin.sizeBytes();
    }

    /** Reads origin chunk {@code chunkIndex} as the snapshot shows it (the last one may be short). */
    public byte[] readChunk(long chunkIndex) throws IOException {
        long offset = Math.multiplyExact(chunkIndex, chunkBytes);
        if (chunkIndex < 0 || offset >= origin.sizeBytes()) {
            throw new IllegalArgumentException("origin chunk " + chunkIndex + " is past the end of the origin");
        }
        int length = (int) Math.min(chunkBytes, origin.sizeBytes() - offset);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long newChunk = servedChunk(chunkIndex);
        if (newChunk == ExceptionTable.NOT_REMAPPED) {
            origin.readFully(offset, buffer);
        } else {
            cowSource.readFully(newChunk * chunkBytes, buffer);
        }
        return buffer.array();
    }

    /** The COW chunk serving origin chunk {@code chunkIndex}, or {@link ExceptionTable#NOT_REMAPPED}. */
    public long servedChunk(long chunkIndex) {
        long newChunk = table.lookup(chunkIndex);
        if (newChunk != ExceptionTable.NOT_REMAPPED && Long.compareUnsigned(newChunk, cow.deviceChunks()) >= 0) {
            return ExceptionTable.NOT_REMAPPED; // salvage: the kernel would fail this read
        }
        return newChunk;
    }

    /**
     * Streams the whole view into a new file at {@code target} (temp file + fsync + rename).
     *
     * @return the bytes written and their SHA-256
     */
    public Result writeTo(Path target, Progress progress) throws IOException {
        try (AtomicOutput out = AtomicOutput.create(target)) {
            Result result = stream(out.channel(), progress);
            out.commit();
            return result;
        }
    }

    /** Streams the view through {@code sink} (for hashing without writing, or any channel). */
    public Result stream(java.nio.channels.WritableByteChannel sink, Progress progress) throws IOException {
        MessageDigest digest = sha256();
        long size = origin.sizeBytes();
        ByteBuffer buffer = ByteBuffer.allocateDirect(WINDOW_BYTES);
        long remapped = 0;
        if (table.size() > 0) {
            cowSource.prepareRead(0, cowSource.sizeBytes(), progress); // COW chunks come in origin order: random access
        }
        progress.begin("Rebuilding the snapshot view", size);
        for (long offset = 0; offset < size; offset += buffer.limit()) {
            progress.checkCancelled();
            buffer.clear().limit((int) Math.min(WINDOW_BYTES, size - offset));
            remapped += read(offset, buffer);
            buffer.flip();
            digest.update(buffer.duplicate());
            while (buffer.hasRemaining()) {
                sink.write(buffer);
            }
            progress.worked(buffer.limit());
        }
        return new Result(size, HexFormat.of().formatHex(digest.digest()), remapped, warnings());
    }

    /**
     * Reads the view's bytes at {@code offset} into {@code dst} (its remaining bytes, any alignment
     * to chunks): the origin's, with the served COW chunks over them.
     *
     * @return how many remapped chunks start in the range (partly covered ones count where they start)
     */
    public long read(long offset, ByteBuffer dst) throws IOException {
        int length = dst.remaining();
        int base = dst.position();
        long end = offset + length;
        if (offset < 0 || end > origin.sizeBytes()) {
            throw new IllegalArgumentException("bytes [" + offset + ", " + end + ") are not all inside the view");
        }
        origin.readFully(offset, dst.duplicate());
        int[] sorted = table.sortedByOld();
        long firstChunk = offset / chunkBytes;
        long endChunk = (end + chunkBytes - 1) / chunkBytes;
        long remapped = 0;
        for (int i = firstAtOrAfter(sorted, firstChunk); i < sorted.length; i++) {
            long oldChunk = table.oldChunk(sorted[i]);
            if (Long.compareUnsigned(oldChunk, endChunk) >= 0) {
                break; // sorted unsigned: the rest lie past the range
            }
            long chunkStart = oldChunk * chunkBytes;
            if (i > 0 && table.oldChunk(sorted[i - 1]) == oldChunk) {
                continue; // a duplicated old chunk: the lookup below already chose its entry
            }
            long newChunk = servedChunk(oldChunk);
            if (newChunk == ExceptionTable.NOT_REMAPPED) {
                continue;
            }
            long from = Math.max(chunkStart, offset);
            long to = Math.min(chunkStart + chunkBytes, end);
            ByteBuffer slice = dst.duplicate();
            slice.limit(base + (int) (to - offset)).position(base + (int) (from - offset));
            cowSource.readFully(newChunk * chunkBytes + (from - chunkStart), slice);
            if (chunkStart >= offset) {
                remapped++;
            }
        }
        dst.position(base + length);
        return remapped;
    }

    /** The first position in {@code sorted} whose old chunk is at or after {@code chunk} (unsigned). */
    private int firstAtOrAfter(int[] sorted, long chunk) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(table.oldChunk(sorted[mid]), chunk) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Outcome of a rebuild. */
    public record Result(long sizeBytes, String sha256, long remappedChunks, List<String> warnings) {
    }
}
