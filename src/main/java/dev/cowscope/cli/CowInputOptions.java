package dev.cowscope.cli;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Units;
import dev.cowscope.report.Sample;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The COW to read, shared by the verbs that read one: a path, or {@code --sample}. */
final class CowInputOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "COW",
            description = "COW image or device (file, /dev/…, or a .gz, .xz or .zst image), opened read-only.")
    Path cow;

    @Option(names = "--sample", description = "Use the bundled kernel-made sample COW (and its origin) instead of COW.")
    boolean sample;

    @Option(names = "--chunk-size", paramLabel = "SIZE",
            description = "Chunk size from the snapshot table (e.g. 8s or 4K); used for a new COW, and checked against the header.")
    String chunkSize;

    @Option(names = "--lbs", paramLabel = "BYTES", defaultValue = "512",
            description = "Logical block size of the COW device (default: ${DEFAULT-VALUE}).")
    String logicalBlockSize;

    /** The COW path to read (the sample when asked for). */
    Path cowPath(picocli.CommandLine cmd) {
        if (sample && cow != null) {
            throw new UsageException(cmd, "give either COW or --sample, not both");
        }
        if (sample) {
            return Sample.cow();
        }
        if (cow == null) {
            throw new UsageException(cmd, "missing COW (a file or device), or --sample");
        }
        return cow;
    }

    ParseOptions parseOptions(picocli.CommandLine cmd) {
        long tableChunk = TableChunkOption.sectors(cmd, chunkSize, sample);
        long lbs;
        try {
            lbs = Units.parseBytes(logicalBlockSize);
            return new ParseOptions(tableChunk, lbs, ParseOptions.DEFAULT.maxFindingsPerKind());
        } catch (IllegalArgumentException e) {
            throw new UsageException(cmd, "--lbs: " + e.getMessage());
        }
    }

    CowImage read(picocli.CommandLine cmd, Progress progress) throws IOException {
        return CowReader.read(cowPath(cmd), parseOptions(cmd), progress);
    }
}
