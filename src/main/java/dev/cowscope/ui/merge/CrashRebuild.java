package dev.cowscope.ui.merge;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.format.SourceKind;
import dev.cowscope.format.Units;
import dev.cowscope.format.Usage;
import dev.cowscope.merge.CrashPoint;
import dev.cowscope.merge.CrashState;
import dev.cowscope.merge.MergeDevices;
import dev.cowscope.merge.MergeException;
import dev.cowscope.merge.MergeExecutor;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.snapshot.SnapshotView;
import dev.cowscope.snapshot.SnapshotViewException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Proves that a crash leaves the snapshot view unchanged, without touching the user's files:
 * the engine's {@link MergeExecutor} replays the merge up to the crash on copy-on-write
 * overlays of the (read-only) origin and COW, the crashed COW is re-read with {@link CowReader}
 * as the next activation would, and the {@link SnapshotView} it serves is hashed and compared
 * with the pre-merge view's hash. Only the chunks the replay writes are held in memory.
 */
public final class CrashRebuild {
    /** Most bytes the replay may hold in memory (origin chunks merged so far plus rewritten areas). */
    public static final long MAX_OVERLAY_BYTES = 512L << 20;

    private CrashRebuild() {
        throw new AssertionError("no instances");
    }

    /**
     * @param preMergeSha256 the view as loaded, before any merge step
     * @param crashedSha256 the view the crashed state serves after reloading
     * @param entriesReloaded entries {@code read_exceptions} finds in the crashed COW
     * @param usageReloaded what {@code dmsetup status} prints after reloading
     * @param overlayBytes bytes the replay wrote (held in memory)
     */
    public record Proof(CrashState crash, String preMergeSha256, String crashedSha256, long entriesReloaded, Usage usageReloaded,
                        long overlayBytes) {
        public boolean viewUnchanged() {
            return preMergeSha256.equals(crashedSha256);
        }

        /** The reloaded table agrees with the simulator's account of the crash. */
        public boolean matchesSimulator() {
            return entriesReloaded == crash.entriesOnDisk() && usageReloaded.equals(crash.usageAtActivation());
        }
    }

    /** SHA-256 of the view the kernel serves for {@code image} over {@code origin}. */
    public static String viewSha256(BlockSource origin, CowImage image, BlockSource cow, Progress progress) throws IOException {
        SnapshotView view;
        try {
            view = new SnapshotView(origin, image, cow, false);
        } catch (SnapshotViewException e) {
            throw new MergeException("the kernel would serve no snapshot view: " + e.getMessage());
        }
        long chunkBytes = image.requireLayout().chunkSizeBytes();
        long chunks = (view.sizeBytes() + chunkBytes - 1) / chunkBytes;
        MessageDigest digest = sha256();
        progress.begin("Hashing the snapshot view", chunks);
        for (long c = 0; c < chunks; c++) {
            if ((c & 0xFF) == 0) {
                progress.checkCancelled();
                progress.worked(c == 0 ? 0 : 256);
            }
            digest.update(view.readChunk(c));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Bytes the replay for {@code crash} holds in memory, at most. */
    public static long overlayBytesNeeded(MergePlan plan, CrashState crash) {
        long chunkBytes = plan.layout().chunkSizeBytes();
        long areas = plan.image().currentArea() + 1;
        return Math.multiplyExact(crash.originChunksWritten() + areas, chunkBytes);
    }

    /**
     * Replays {@code plan} up to {@code crash} on overlays of {@code origin} and {@code cow},
     * reloads the crashed COW with {@code options} and compares its view's hash with {@code preMergeSha256}.
     */
    public static Proof prove(MergePlan plan, CrashState crash, BlockSource origin, BlockSource cow, ParseOptions options,
                              String preMergeSha256, Progress progress) throws IOException {
        long needed = overlayBytesNeeded(plan, crash);
        if (needed > MAX_OVERLAY_BYTES) {
            throw new MergeException(String.format(Locale.ROOT, "replaying %d steps would hold %s in memory (limit %s); "
                    + "pick an earlier step to prove", crash.step() + 1, Units.human(needed), Units.human(MAX_OVERLAY_BYTES)));
        }
        long chunkBytes = plan.layout().chunkSizeBytes();
        Overlay originCopy = new Overlay(origin, chunkBytes, "origin (crashed, in memory)");
        Overlay cowCopy = new Overlay(cow, chunkBytes, "COW (crashed, in memory)");
        MergeExecutor executor = new MergeExecutor(plan, new OverlayDevices(originCopy, cowCopy));
        progress.begin("Replaying the merge to the crash", crash.step() + 1L);
        for (int k = 0; k < crash.step(); k++) {
            progress.checkCancelled();
            executor.run(plan.step(k));
            progress.worked(1);
        }
        executor.copy(plan.step(crash.step()));
        if (crash.point() == CrashPoint.AFTER_COMMIT) {
            executor.commitMerge(plan.step(crash.step()));
        }
        progress.worked(1);
        CowImage reloaded = new CowReader(options).read(cowCopy, progress);
        Usage usage = reloaded.usage().orElseThrow(() -> new MergeException("the crashed COW does not load: " + reloaded.state()));
        String crashed = viewSha256(originCopy, reloaded, cowCopy, progress);
        return new Proof(crash, preMergeSha256, crashed, reloaded.exceptions().size(), usage,
                originCopy.heldBytes() + cowCopy.heldBytes());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A read-only source with the chunks written to it kept in memory (copy on write). */
    static final class Overlay implements BlockSource {
        private final BlockSource base;
        private final long chunkBytes;
        private final String name;
        private final Map<Long, byte[]> written = new HashMap<>();

        Overlay(BlockSource base, long chunkBytes, String name) {
            this.base = base;
            this.chunkBytes = chunkBytes;
            this.name = name;
        }

        long heldBytes() {
            long bytes = 0;
            for (byte[] chunk : written.values()) {
                bytes += chunk.length;
            }
            return bytes;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SourceKind kind() {
            return SourceKind.MEMORY;
        }

        @Override
        public long sizeBytes() {
            return base.sizeBytes();
        }

        @Override
        public void readFully(long offsetBytes, ByteBuffer dst) throws IOException {
            requireRange(offsetBytes, dst.remaining());
            long offset = offsetBytes;
            while (dst.hasRemaining()) {
                long chunk = offset / chunkBytes;
                int within = (int) (offset - chunk * chunkBytes);
                int n = (int) Math.min(dst.remaining(), chunkBytes - within);
                byte[] copy = written.get(chunk);
                if (copy != null) {
                    dst.put(copy, within, n);
                } else {
                    ByteBuffer part = dst.duplicate();
                    part.limit(part.position() + n);
                    base.readFully(offset, part);
                    dst.position(dst.position() + n);
                }
                offset += n;
            }
        }

        void write(long offsetBytes, ByteBuffer src) throws IOException {
            requireRange(offsetBytes, src.remaining());
            long offset = offsetBytes;
            while (src.hasRemaining()) {
                long chunk = offset / chunkBytes;
                int within = (int) (offset - chunk * chunkBytes);
                int n = (int) Math.min(src.remaining(), chunkBytes - within);
                byte[] copy = written.get(chunk);
                if (copy == null) {
                    long start = chunk * chunkBytes;
                    copy = new byte[(int) Math.min(chunkBytes, sizeBytes() - start)];
                    if (within != 0 || n != copy.length) {
                        base.readFully(start, ByteBuffer.wrap(copy));
                    }
                    written.put(chunk, copy);
                }
                src.get(copy, within, n);
                offset += n;
            }
        }

        @Override
        public void close() {
            written.clear();
        }
    }

    /** The executor's devices: both overlays; flushes are no-ops in memory. */
    private record OverlayDevices(Overlay origin, Overlay cow) implements MergeDevices {
        @Override
        public long originBytes() {
            return origin.sizeBytes();
        }

        @Override
        public void readCow(long offsetBytes, ByteBuffer dst) throws IOException {
            cow.readFully(offsetBytes, dst);
        }

        @Override
        public void writeOrigin(long offsetBytes, ByteBuffer src) throws IOException {
            origin.write(offsetBytes, src);
        }

        @Override
        public void writeCow(long offsetBytes, ByteBuffer src) throws IOException {
            cow.write(offsetBytes, src);
        }

        @Override
        public void flushOrigin() {
            // memory is always stable
        }

        @Override
        public void flushCow() {
            // memory is always stable
        }
    }
}
