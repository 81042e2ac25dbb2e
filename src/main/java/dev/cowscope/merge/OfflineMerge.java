package dev.cowscope.merge;

import dev.cowscope.format.AtomicOutput;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.FileBlockSource;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.format.SourceKind;
import dev.cowscope.snapshot.SnapshotView;
import dev.cowscope.snapshot.SnapshotViewException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Merges a COW into its origin without the kernel, with the result the kernel's merge leaves on
 * the origin: every remapped origin chunk holds its COW chunk (the snapshot view), the last copy
 * clamped to the origin's end.
 * <ul>
 *   <li>{@link #toNewFile}: reads origin and COW only and writes a new file (temp file, fsync,
 *       rename); the origin's data regions are copied in the kernel (its holes stay holes), then
 *       the remapped chunks are written over them.</li>
 *   <li>{@link #inPlace}: the kernel's own procedure on the origin file, step by step in its order,
 *       recording progress in a copy of the COW exactly as {@code persistent_commit_merge} does;
 *       an interrupted run resumes from that copy. The user's COW is only read.</li>
 * </ul>
 */
public final class OfflineMerge {
    private static final long COPY_STEP_BYTES = 64L << 20;

    private OfflineMerge() {
        throw new AssertionError("no instances");
    }

    /**
     * @param stepsBefore steps the COW (or state copy) had already merged when this run began,
     *     counted from the table as this run found it: 0 for a new file
     * @param stepsMerged steps carried out by this run
     * @param chunksMerged origin chunks this run wrote from the COW
     * @param holeBytes bytes left as holes in a new file
     */
    public record Result(Path target, long sizeBytes, int stepsBefore, int stepsMerged, long chunksMerged, long holeBytes) {
    }

    /**
     * Writes the merged origin to {@code target}, a new file.
     *
     * @throws MergeException when the kernel would not merge this store (invalid, not loadable),
     *     or when its merge would fail or is not reproducible (a copy past the origin's end, a
     *     COW chunk past the COW's end, an origin chunk remapped twice)
     */
    public static Result toNewFile(Path origin, Path cow, Path target, Progress progress) throws IOException {
        refuseSameFile(origin, target);
        refuseSameFile(cow, target);
        try (BlockSource originSource = BlockSources.open(origin, progress); BlockSource cowSource = BlockSources.open(cow, progress)) {
            CowImage image = new CowReader(ParseOptions.DEFAULT).read(cowSource, progress);
            Checked checked = check(originSource, image, cowSource);
            if (image.exceptions().size() > 0) {
                cowSource.prepareRead(0, cowSource.sizeBytes(), progress); // COW chunks come in origin order: random access
            }
            try (AtomicOutput out = AtomicOutput.create(target)) {
                Result result = overlay(originSource, checked.plan(), checked.view(), out, progress);
                progress.begin("Flushing " + target.getFileName() + " to disk", -1);
                out.commit();
                return result;
            }
        }
    }

    /**
     * Writes the snapshot view (what the merged origin holds) over the origin's data regions and
     * the remapped chunks only, so the origin's holes stay holes in the new file.
     */
    private static Result overlay(BlockSource origin, MergePlan plan, SnapshotView view, AtomicOutput out, Progress progress)
            throws IOException {
        long size = origin.sizeBytes();
        List<long[]> regions = origin instanceof FileBlockSource && origin.kind() == SourceKind.FILE
                ? DataRegions.of(Path.of(origin.name()), size) : List.of(new long[] {0, size});
        ExceptionTable table = plan.image().exceptions();
        long chunkBytes = plan.layout().chunkSizeBytes();
        long[] written = {0};
        MergeExtents.forEach(regions, table, chunkBytes, size, (from, to) -> written[0] += to - from);
        progress.begin("Writing the merged origin into " + out.target().getFileName(), written[0]);
        DirectWriter writer = new DirectWriter(out, true);
        long[] merged = {0};
        MergeExtents.forEach(regions, table, chunkBytes, size, (from, to) ->
                writer.copy(from, to, (offset, dst) -> merged[0] += view.read(offset, dst), progress));
        FileChannel target = out.channel();
        if (target.size() < size) {
            target.write(ByteBuffer.allocate(1), size - 1); // the file ends in a hole: set its length
        }
        return new Result(out.target(), size, 0, plan.stepCount(), merged[0], size - written[0]);
    }

    /** {@code [from, to)} of the origin to the same place in {@code target}: in-kernel for files. */
    private static void copyRange(BlockSource origin, long from, long to, FileChannel target, Progress progress) throws IOException {
        long at = from;
        if (origin instanceof FileBlockSource) {
            FileChannel source = ((FileBlockSource) origin).channel();
            while (at < to) {
                progress.checkCancelled();
                long n = source.transferTo(at, Math.min(COPY_STEP_BYTES, to - at), target.position(at));
                if (n <= 0) {
                    throw new IOException(origin.name() + ": short read at offset " + at);
                }
                at += n;
                progress.worked(n);
            }
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(COPY_STEP_BYTES, Math.max(1, to - from)));
        while (at < to) {
            progress.checkCancelled();
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - at));
            origin.readFully(at, buffer);
            buffer.flip();
            while (buffer.hasRemaining()) {
                target.write(buffer, at + buffer.position());
            }
            progress.worked(buffer.limit());
            at += buffer.limit();
        }
    }

    /**
     * Merges in place, in the kernel's order, onto {@code origin} (a regular file or block device,
     * opened read-write). Progress lives in {@code state}: created as a copy of {@code cow} when
     * missing, otherwise resumed from. After each step the origin is flushed, then the state's
     * area is rewritten without the merged entries and flushed — so after any interruption the
     * state and origin are a consistent mid-merge pair, which the next run (or the kernel) finishes.
     */
    public static Result inPlace(Path origin, Path cow, Path state, Progress progress) throws IOException {
        refuseSameFile(origin, state);
        refuseSameFile(cow, state);
        try (BlockSource originSource = BlockSources.open(origin, progress)) {
            if (originSource.kind() == SourceKind.GZIP || originSource.kind() == SourceKind.MEMORY) {
                throw new MergeException(origin + ": an in-place merge needs the origin as a plain file or block device, not a "
                        + originSource.kind().toString().toLowerCase(Locale.ROOT) + " image");
            }
            if (!Files.exists(state)) {
                check(originSource, cow, progress); // before the state file is made
                copyCow(cow, state, progress);
            } else {
                checkStateMatches(cow, state, progress);
            }
        }
        CowImage image;
        try (BlockSource originSource = BlockSources.open(origin, progress); BlockSource stateSource = BlockSources.open(state, progress)) {
            image = new CowReader(ParseOptions.DEFAULT).read(stateSource, progress);
            check(originSource, image, stateSource); // the new-file merge's checks, before the origin is opened for writing
        }
        try (FileChannel originChannel = FileChannel.open(origin, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel stateChannel = FileChannel.open(state, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MergePlan plan = MergePlan.of(image, originChannel.size());
            int before = MergePlan.of(CowReader.read(cow, ParseOptions.DEFAULT, Progress.NONE)).stepCount() - plan.stepCount();
            new MergeExecutor(plan, MergeDevices.files(originChannel, stateChannel)).run(0, plan.stepCount(), progress);
            return new Result(origin.toAbsolutePath(), originChannel.size(), Math.max(0, before), plan.stepCount(),
                    plan.totals().chunks(), 0);
        }
    }

    /** A plan the merge can carry out, and the view it must produce. */
    private record Checked(MergePlan plan, SnapshotView view) {
    }

    private static void check(BlockSource origin, Path cow, Progress progress) throws IOException {
        try (BlockSource cowSource = BlockSources.open(cow, progress)) {
            check(origin, new CowReader(ParseOptions.DEFAULT).read(cowSource, progress), cowSource);
        }
    }

    /**
     * Every check a merge makes before it writes anything, shared by both merges: the kernel
     * would merge this store, no copy lands past the origin's end, no origin chunk is remapped
     * twice, and the kernel would serve the view (every COW chunk inside the COW).
     */
    private static Checked check(BlockSource origin, CowImage image, BlockSource cow) throws MergeException {
        long originBytes = origin.sizeBytes();
        MergePlan plan = MergePlan.of(image, originBytes);
        if (plan.stepsPastOriginEnd() > 0) {
            throw new MergeException(String.format(Locale.ROOT, "%s: %d merge step(s) write past the end of the origin (%d bytes): "
                    + "the kernel's merge would stop there with \"Write error: shutting down merge.\"",
                    image.source().path(), plan.stepsPastOriginEnd(), originBytes));
        }
        if (image.exceptions().duplicates().count() > 0) {
            throw new MergeException(String.format(Locale.ROOT, "%s: %d origin chunk(s) are remapped by more than one entry "
                    + "(first: %d); the kernel's merge of such a table ends in \"Corruption detected\" or overwrites the newer "
                    + "data with the older, so there is no single result to reproduce",
                    image.source().path(), image.exceptions().duplicates().count(), image.exceptions().duplicates().chunk(0)));
        }
        return new Checked(plan, view(origin, image, cow));
    }

    private static SnapshotView view(BlockSource origin, CowImage image, BlockSource cow) throws MergeException {
        try {
            return new SnapshotView(origin, image, cow, false);
        } catch (SnapshotViewException e) {
            throw new MergeException(e.getMessage().replace("Use --salvage to rebuild it from the committed exceptions anyway.",
                    "The kernel's merge would fail too."));
        }
    }

    /** The state file starts as a byte-for-byte copy of the user's COW (written atomically). */
    private static void copyCow(Path cow, Path state, Progress progress) throws IOException {
        try (BlockSource source = BlockSources.open(cow, progress); AtomicOutput out = AtomicOutput.create(state)) {
            progress.begin("Copying the COW to " + state.getFileName(), source.sizeBytes());
            copyRange(source, 0, source.sizeBytes(), out.channel(), progress);
            out.commit();
        }
    }

    /** A state file belongs to a COW when headers agree and its table is the COW's cut short (merged from the end). */
    private static void checkStateMatches(Path cow, Path state, Progress progress) throws IOException {
        CowImage user = CowReader.read(cow, ParseOptions.DEFAULT, progress);
        CowImage saved = CowReader.read(state, ParseOptions.DEFAULT, progress);
        boolean matches = user.header().equals(saved.header()) && saved.exceptions().size() <= user.exceptions().size();
        for (int i = 0; matches && i < saved.exceptions().size(); i++) {
            matches = saved.exceptions().entry(i).equals(user.exceptions().entry(i));
        }
        if (!matches) {
            throw new MergeException(state + ": this state file is not a merge in progress of " + cow
                    + " (its header or exception table differ); remove it to start over");
        }
    }

    private static void refuseSameFile(Path input, Path output) throws IOException {
        if (Files.exists(output) && Files.exists(input) && Files.isSameFile(input, output)) {
            throw new MergeException(output + " is the same file as " + input + "; choose another output");
        }
    }
}
