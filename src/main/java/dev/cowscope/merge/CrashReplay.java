package dev.cowscope.merge;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.Units;
import dev.cowscope.snapshot.SnapshotView;
import dev.cowscope.snapshot.SnapshotViewException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Proves that a crash leaves the snapshot view unchanged, without touching the user's files:
 * the {@link MergeExecutor} replays the merge up to the crash on {@link CopyOnWriteSource}
 * overlays of the (read-only) origin and COW, the crashed COW is re-read with {@link CowReader}
 * as the next activation would, and the {@link SnapshotView} it serves is hashed and compared
 * with the pre-merge view's hash. Only the chunks the replay writes are held in memory.
 */
public final class CrashReplay {
    /** Most bytes the replay may hold in memory (origin chunks merged so far plus rewritten areas). */
    public static final long MAX_OVERLAY_BYTES = 512L << 20;

    private CrashReplay() {
        throw new AssertionError("no instances");
    }

    /**
     * @param preMergeSha256 the view as loaded, before any merge step
     * @param crashedSha256 the view the crashed state serves after reloading
     * @param entriesReloaded entries {@code read_exceptions} finds in the crashed COW
     * @param usageReloaded what {@code dmsetup status} prints after reloading
     * @param overlayBytes bytes the replay wrote (held in memory)
     */
    public record Proof(CrashState crash, String preMergeSha256, String crashedSha256, long entriesReloaded, SnapshotStatus usageReloaded,
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
        if (image.exceptions().size() > 0) {
            cow.prepareRead(0, cow.sizeBytes(), progress); // COW chunks come in origin order: random access
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
     * reloads the crashed COW with {@code options} and compares its view's hash with the pre-merge
     * view's: {@code knownPreMergeSha256} from an earlier proof of the same plan, or null to hash it first.
     */
    public static Proof prove(MergePlan plan, CrashState crash, BlockSource origin, BlockSource cow, ParseOptions options,
                              String knownPreMergeSha256, Progress progress) throws IOException {
        long needed = overlayBytesNeeded(plan, crash);
        if (needed > MAX_OVERLAY_BYTES) {
            throw new MergeException(String.format(Locale.ROOT, "replaying %d steps would hold %s in memory (limit %s); "
                    + "pick an earlier step to prove", crash.step() + 1, Units.human(needed), Units.human(MAX_OVERLAY_BYTES)));
        }
        String preMergeSha256 = knownPreMergeSha256 != null ? knownPreMergeSha256
                : viewSha256(origin, plan.image(), cow, progress);
        long chunkBytes = plan.layout().chunkSizeBytes();
        CopyOnWriteSource originCopy = new CopyOnWriteSource(origin, chunkBytes, "origin (crashed, in memory)");
        CopyOnWriteSource cowCopy = new CopyOnWriteSource(cow, chunkBytes, "COW (crashed, in memory)");
        MergeExecutor executor = new MergeExecutor(plan, MergeDevices.memory(originCopy, cowCopy));
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
        SnapshotStatus usage = reloaded.usage().orElseThrow(() -> new MergeException("the crashed COW does not load: " + reloaded.state()));
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
}
