package dev.cowscope.cli;

import dev.cowscope.format.ParseOptions;
import dev.cowscope.report.Sample;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --chunk-size}: the snapshot table's chunk size, for verbs that take the COW as an option. */
final class TableChunkOption {
    @Option(names = "--chunk-size", paramLabel = "SIZE",
            description = "Chunk size from the snapshot table (e.g. 8s or 4K); used for a new COW, and checked against the header.")
    String chunkSize;

    ParseOptions parseOptions(CommandLine cmd, boolean sample) {
        return ParseOptions.DEFAULT.withTableChunkSize(sectors(cmd, chunkSize, sample));
    }

    /** The table chunk size in sectors: the given one, the sample's, or 0 (not given). */
    static long sectors(CommandLine cmd, String text, boolean sample) {
        if (text == null) {
            return sample ? Sample.chunkSizeSectors() : 0;
        }
        try {
            return ParseOptions.parseTableChunkSize(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(cmd, "--chunk-size: " + e.getMessage());
        }
    }
}
