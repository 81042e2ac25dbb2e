package dev.cowscope.cli;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowParser;
import dev.cowscope.android.SparseImage;
import dev.cowscope.android.TargetImage;
import dev.cowscope.android.TargetImageException;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.Progress;
import dev.cowscope.report.Sample;
import dev.cowscope.snapshot.SnapshotView;
import dev.cowscope.snapshot.SnapshotViewException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cowscope view}: origin + COW → the bytes {@code /dev/mapper/<snap>} reads, in a new file; for an
 * Android COW, the target image snapuserd shows over the source image (raw or sparse).
 */
@Command(name = "view", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Rebuild the snapshot view (what /dev/mapper/<snap> reads) from the origin and the COW "
                + "into a new file (written beside OUT and renamed when complete). Prints the SHA-256 on stderr.",
            "With an Android COW (v2/v3), writes the target image (what the updated partition reads through "
                + "snapuserd) over ORIGIN, the source image, raw or Android sparse (simg)."})
final class ViewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "The origin image or device (read-only).")
    Path origin;

    @Option(names = "--cow", paramLabel = "COW", description = "The COW image or device (read-only).")
    Path cow;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "The new file to write.")
    Path output;

    @Option(names = "--sample", description = "Use the bundled sample's origin and COW.")
    boolean sample;

    @Option(names = "--salvage", description = "Rebuild even where the kernel refuses (an invalidated store): a warning says so.")
    boolean salvage;

    @Option(names = "--allow-short-origin", description = "Write a partial view when the origin is shorter than the chunks the COW "
            + "remaps (a warning says so); without it such an origin is refused as the wrong one.")
    boolean allowShortOrigin;

    @Mixin
    TableChunkOption chunk = new TableChunkOption();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (sample) {
            if (origin != null || cow != null) {
                throw new UsageException(spec.commandLine(), "give --sample or --origin/--cow, not both");
            }
            origin = Sample.origin();
            cow = Sample.cow();
        } else if (origin == null || cow == null) {
            throw new UsageException(spec.commandLine(), "both --origin and --cow are needed (or --sample)");
        }
        refuseOverwritingAnInput(origin);
        refuseOverwritingAnInput(cow);
        Progress progress = TerminalProgress.on(err);
        if (isAndroidCow(cow, progress)) {
            return viewAndroid(err, progress);
        }
        try {
            CowImage image = CowReader.read(cow, chunk.parseOptions(spec.commandLine(), sample), progress);
            try (BlockSource originSource = BlockSources.open(origin, progress);
                 BlockSource cowSource = BlockSources.open(cow, progress)) {
                SnapshotView view = new SnapshotView(originSource, image, cowSource, salvage, allowShortOrigin);
                SnapshotView.Result result = view.writeTo(output, progress);
                TerminalProgress.finish(progress);
                for (String warning : result.warnings()) {
                    err.println("cowscope: warning: " + warning);
                }
                err.printf("%s  %s%n", result.sha256(), output);
                err.printf("%d bytes, %d chunks read from the COW%n", result.sizeBytes(), result.remappedChunks());
                return ExitCode.OK;
            }
        } catch (SnapshotViewException e) {
            throw new InputException(e.getMessage());
        } finally {
            TerminalProgress.finish(progress);
        }
    }

    private static boolean isAndroidCow(Path cow, Progress progress) throws IOException {
        try (BlockSource source = BlockSources.open(cow, progress)) {
            return AndroidCowParser.isAndroidCow(source);
        }
    }

    /** The Android target image: AOSP's CompressedSnapshotReader over the source image. */
    private int viewAndroid(PrintWriter err, Progress progress) throws IOException {
        if (salvage || allowShortOrigin || chunk.chunkSize != null) {
            throw new UsageException(spec.commandLine(), "--salvage, --allow-short-origin and --chunk-size are for "
                    + "dm-snapshot COWs; " + cow + " is an Android COW");
        }
        try (BlockSource cowSource = BlockSources.open(cow, progress);
             BlockSource originSource = SparseImage.expandIfSparse(BlockSources.open(origin, progress))) {
            AndroidCow parsed = new AndroidCowParser().parse(cowSource, OptionalLong.empty());
            cowSource.prepareRead(0, cowSource.sizeBytes(), progress);
            originSource.prepareRead(0, originSource.sizeBytes(), progress);
            TargetImage image = new TargetImage(originSource, cowSource, parsed);
            TargetImage.Result result = image.writeTo(output, progress);
            TerminalProgress.finish(progress);
            for (String warning : result.warnings()) {
                err.println("cowscope: warning: " + warning);
            }
            err.printf("%s  %s%n", result.sha256(), output);
            err.printf(Locale.ROOT, "%d bytes: %d blocks from the source, %d COPY, %d REPLACE, %d ZERO, %d XOR%n",
                    result.sizeBytes(), result.sourceBlocks(), result.copyBlocks(), result.replaceBlocks(),
                    result.zeroBlocks(), result.xorBlocks());
            return ExitCode.OK;
        } catch (TargetImageException e) {
            throw new InputException(e.getMessage());
        } finally {
            TerminalProgress.finish(progress);
        }
    }

    /** Never touch the user's data: the output may not be one of the inputs. */
    private void refuseOverwritingAnInput(Path input) throws IOException {
        if (Files.exists(output) && Files.exists(input) && Files.isSameFile(output, input)) {
            throw new UsageException(spec.commandLine(), "the output " + output + " is one of the inputs; choose a new file");
        }
    }
}
