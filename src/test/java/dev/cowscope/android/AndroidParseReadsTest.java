package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cowscope.format.BlockSources;
import dev.cowscope.testkit.RecordingBlockSource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The parse reads the ops, not the data between them: a v2 COW's clusters lie between megabytes of op data. */
class AndroidParseReadsTest {
    @Test
    void aClusteredV2FileIsReadForItsOpsOnly() throws IOException {
        assumeTrue(Files.isRegularFile(AospFixturesTest.cow("v2_lz4_big")), "fixtures not present");
        try (RecordingBlockSource source = RecordingBlockSource.of(BlockSources.open(AospFixturesTest.cow("v2_lz4_big")))) {
            AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
            assertThat(cow.parseOk()).isTrue();
            long opBytes = (long) cow.ops().size() * AndroidCowParser.V2_OP_BYTES;
            // 20 clusters of 1,024 ops between 1.7 MiB of data: the ops, the header, the footer and a few resume reads
            assertThat(source.bytesRead()).as("bytes read for %d bytes of ops in a %d-byte file", opBytes, cow.sizeBytes())
                    .isLessThan(opBytes + 64 * 1024).isLessThan(cow.sizeBytes() / 4);
        }
    }
}
