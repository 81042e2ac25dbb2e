package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.CowImageBuilder;
import dev.cowscope.testkit.SparseBlockSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reader's cost follows what is in the file, never the device's size, and its memory stays
 * bounded whatever the entries say (issue: trust on damaged input, items 7, 8, 10, 12, 14).
 */
class HugeAndHostileStoresTest {
    private static final long SIXTEEN_TIB = 16L << 40;

    @Test
    @Timeout(2)
    void sixteenTebibytesOf512ByteChunksWithAreaZeroFull() throws Exception {
        CowImage image = CowImageBuilder.cow().chunkSizeSectors(1).deviceBytes(SIXTEEN_TIB).exceptions(0, 32).readSparse();
        assertThat(image.state()).isEqualTo(StoreState.VALID);
        assertThat(image.exceptions().size()).isEqualTo(32);
        long deviceChunks = SIXTEEN_TIB / 512;
        // every data chunk but the 32 used (and one per area for metadata) is headroom, less the very last one
        assertThat(image.headroomChunks()).isGreaterThan(deviceChunks / 33 * 31);
    }

    @Test
    @Timeout(2)
    void oneEntryAtTheLastChunkOfSixteenTebibytes() throws Exception {
        long lastChunk = SIXTEEN_TIB / 4096 - 1;
        CowImage image = CowImageBuilder.cow().deviceBytes(SIXTEEN_TIB).exception(5, lastChunk).readSparse();
        assertThat(image.findings()).extracting(Finding::kind).contains(FindingKind.ALLOCATION_HOLE);
        Finding hole = image.findings().stream().filter(f -> f.kind() == FindingKind.ALLOCATION_HOLE).findFirst().orElseThrow();
        assertThat(hole.message()).startsWith((lastChunk - 2 - (lastChunk - 2) / 257) + " data chunks from chunk 2 to " + (lastChunk - 1));
    }

    @Test
    @Timeout(2)
    void outOfOrderEntriesIn512ByteChunksOfSixteenTebibytes() throws Exception {
        CowImage image = CowImageBuilder.cow().chunkSizeSectors(1).deviceBytes(SIXTEEN_TIB)
                .exception(1, 3).exception(2, 2).exception(3, (1L << 34) + 5).readSparse(); // 2^35 chunks in all
        assertThat(image.findings()).extracting(Finding::kind).contains(FindingKind.ALLOCATION_HOLE);
    }

    @Test
    @Timeout(5)
    void millionsOfPastEndEntriesListTwentyAndCountTheRest() throws Exception {
        CowImageBuilder cow = CowImageBuilder.cow().chunkSizeSectors(8).deviceBytes(8L << 30);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            cow.exception(i, (1L << 40) + 2 * i);
        }
        CowImage image = new CowReader(ParseOptions.DEFAULT).read(cow.source(), Progress.NONE);
        assertThat(image.findings().stream().filter(f -> f.kind() == FindingKind.NEW_CHUNK_PAST_END)).hasSize(21);
        assertThat(image.findings()).anyMatch(f -> f.message().equals((n - 20) + " more NEW_CHUNK_PAST_END findings not listed (" + n + " in all)"));
    }

    @Test
    void metadataFullOf0xFfStopsAtTheMemoryBoundWithAFinding() throws Exception {
        byte[] ones = new byte[4096];
        Arrays.fill(ones, (byte) 0xff);
        SparseBlockSource source = CowImageBuilder.cow().deviceBytes(1L << 30).source();
        AreaLayout layout = new AreaLayout(8);
        for (long area = 0; area < 40; area++) {
            source.put(layout.chunkOffsetBytes(layout.areaLocation(area)), ones);
        }
        CowImage image = new CowReader(ParseOptions.DEFAULT, 5000).read(source, Progress.NONE);
        assertThat(image.exceptions().size()).isEqualTo(5000);
        assertThat(image.isComplete()).isFalse();
        assertThat(image.usage()).isEmpty();
        assertThat(image.headroomChunks()).isZero();
        assertThat(image.findings()).extracting(Finding::kind).contains(FindingKind.TABLE_TOO_LARGE)
                .doesNotContain(FindingKind.STORE_FULL);
    }

    @Test
    void anEntryTypedAsAnyAreaAndSlotIsFoundOrNot() throws Exception {
        ExceptionTable table = CowImageBuilder.cow().exceptions(0, 300).read().exceptions();
        assertThat(table.entryAt(1, 3)).isEqualTo(259);
        assertThat(table.entryAt(0, 256)).isEqualTo(-1);
        assertThat(table.entryAt(1, 44)).isEqualTo(-1);
        assertThat(table.entryAt(Long.MAX_VALUE, 0)).isEqualTo(-1);
        assertThat(table.entryAt(36028797018963968L, 5)).isEqualTo(-1);
        assertThat(table.entryAt(-1, 0)).isEqualTo(-1);
    }

    @Test
    void whatUsesACowChunkIsTheFirstEntryInDiskOrder() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (boolean sequential : new boolean[] {true, false}) {
            CowImageBuilder cow = CowImageBuilder.cow().deviceBytes(4L << 20);
            for (int i = 0; i < 600; i++) {
                if (sequential) {
                    cow.exception(i);
                } else {
                    cow.exception(i, random.nextLong(0, 1100));
                }
            }
            ExceptionTable table = cow.read().exceptions();
            assertThat(table.isSequential()).isEqualTo(sequential);
            for (long chunk = -1; chunk < 1100; chunk++) {
                int expected = -1;
                for (int i = 0; i < table.size() && expected < 0; i++) {
                    if (table.newChunk(i) == chunk) {
                        expected = i;
                    }
                }
                assertThat(table.entryUsing(chunk)).as("chunk %d", chunk).isEqualTo(expected);
            }
        }
    }

    @Test
    void aLogicalBlockSizeLinuxCannotHaveIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ParseOptions(0, 2L << 30, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
    }
}
