package dev.cowscope.merge;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.DiskException;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Carries out merge steps on {@link MergeDevices} exactly as the kernel does: copy the run from
 * the COW to the origin, flush the origin, then {@code persistent_commit_merge} (zero the run's
 * entries in its area, write the area, flush). One step at a time.
 */
public final class MergeExecutor {
    private static final int COPY_BUFFER_BYTES = 8 << 20;

    private final MergePlan plan;
    private final MergeDevices devices;
    private final AreaLayout layout;
    private final ByteBuffer copyBuffer;
    private final ByteBuffer area;

    public MergeExecutor(MergePlan plan, MergeDevices devices) {
        this.plan = plan;
        this.devices = devices;
        this.layout = plan.layout();
        int chunkBytes = Math.toIntExact(layout.chunkSizeBytes());
        this.copyBuffer = ByteBuffer.allocateDirect(Math.max(chunkBytes, COPY_BUFFER_BYTES - COPY_BUFFER_BYTES % chunkBytes));
        this.area = ByteBuffer.allocateDirect(chunkBytes);
    }

    /**
     * The step's kcopyd job: {@code linear × cs} sectors from COW chunk {@code new − linear + 1}
     * to origin chunk {@code old − linear + 1}, the destination clamped to the end of the origin.
     */
    public void copy(MergeStep step) throws IOException {
        long originChunks = (devices.originBytes() + layout.chunkSizeBytes() - 1) / layout.chunkSizeBytes();
        // chunk numbers are unsigned on disk: a "negative" one lies far past any origin
        long to = Long.compareUnsigned(step.originFirstChunk(), originChunks) < 0
                ? layout.chunkOffsetBytes(step.originFirstChunk()) : devices.originBytes();
        long from = layout.chunkOffsetBytes(step.cowFirstChunk());
        long left = Math.max(0, Math.min(layout.chunkOffsetBytes(step.chunks()), devices.originBytes() - to));
        if (left == 0) {
            throw new MergeException(String.format("step %d writes origin chunk %d, past the end of the origin (%d bytes): "
                    + "the kernel's merge stops with \"Write error: shutting down merge.\"", step.index(), step.originFirstChunk(),
                    devices.originBytes()));
        }
        long done = 0;
        while (done < left) {
            int n = (int) Math.min(copyBuffer.capacity(), left - done);
            copyBuffer.clear().limit(n);
            devices.readCow(from + done, copyBuffer);
            copyBuffer.flip();
            devices.writeOrigin(to + done, copyBuffer);
            done += n;
        }
    }

    /**
     * {@code persistent_commit_merge(linear)}: zero the last {@code linear} entries of the area
     * (all 16 bytes each) and write the whole area chunk with REQ_PREFLUSH | REQ_FUA.
     */
    public void commitMerge(MergeStep step) throws IOException {
        long areaOffset = layout.chunkOffsetBytes(layout.areaLocation(step.area()));
        area.clear();
        devices.readCow(areaOffset, area);
        for (long slot = step.committedAfter(); slot < step.committedAfter() + step.chunks(); slot++) {
            int at = Math.toIntExact(slot * DiskException.SIZE_BYTES);
            area.putLong(at, 0).putLong(at + DiskException.NEW_CHUNK_OFFSET, 0);
        }
        area.flip();
        devices.writeCow(areaOffset, area);
        devices.flushCow();
    }

    /** One whole step: copy, {@code blkdev_issue_flush(origin)}, commit. */
    public void run(MergeStep step) throws IOException {
        copy(step);
        devices.flushOrigin();
        commitMerge(step);
    }

    /** Steps {@code from} (inclusive) to {@code to} (exclusive); cancel is checked before each step, progress counts steps. */
    public void run(int from, int to, Progress progress) throws IOException {
        progress.begin("Merging", to - from);
        for (int k = from; k < to; k++) {
            progress.checkCancelled();
            run(plan.step(k));
            progress.worked(1);
        }
    }
}
