package dev.cowscope.format;

import static dev.cowscope.testkit.CowImageBuilder.cow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One image per finding kind, built by hand, and what the kernel would do with it. */
class FindingsTest {
    private static final long MIB = 1L << 20;

    private static Set<FindingKind> kinds(CowImage image) {
        return image.findings().stream().map(Finding::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(FindingKind.class)));
    }

    private static Finding only(CowImage image, FindingKind kind) {
        List<Finding> found = image.findings().stream().filter(f -> f.kind() == kind).toList();
        assertThat(found).as("findings of kind %s in %s", kind, image.findings()).hasSize(1);
        return found.get(0);
    }

    @Test
    void aValidStoreHasNoFindings() throws Exception {
        CowImage image = cow().exceptions(100, 300).read();
        assertThat(image.findings()).isEmpty();
        assertThat(image.state()).isEqualTo(StoreState.VALID);
        assertThat(image.usage().orElseThrow().params()).isEqualTo((2 + 300 + 1) * 8 + "/4096 24");
    }

    @Test
    void freshStore() throws Exception {
        CowImage image = cow().magic(0).read(ParseOptions.DEFAULT.withTableChunkSize(16));
        assertThat(image.state()).isEqualTo(StoreState.FRESH);
        assertThat(only(image, FindingKind.FRESH_STORE).severity()).isEqualTo(Severity.INFO);
        assertThat(image.usage().orElseThrow().params()).isEqualTo("32/4096 32");
    }

    @Test
    void freshStoreWithoutTableChunkSizeUsesTheKernelDefault() throws Exception {
        CowImage image = cow().magic(0).read();
        assertThat(image.requireLayout().chunkSizeSectors()).isEqualTo(32);
        assertThat(image.usage().orElseThrow().params()).isEqualTo("64/4096 64");
    }

    @Test
    void invalidatedStoreIsStillReadForForensics() throws Exception {
        CowImage image = cow().valid(0).exceptions(0, 10).read();
        assertThat(image.state()).isEqualTo(StoreState.INVALID);
        assertThat(image.exceptions().size()).isEqualTo(10);
        assertThat(image.usage().orElseThrow().params()).isEqualTo("Invalid");
        assertThat(only(image, FindingKind.STORE_INVALIDATED).message()).contains("forensics");
        assertThat(image.headroomChunks()).isZero();
    }

    @Test
    void unsupportedVersion() throws Exception {
        CowImage image = cow().version(2).exceptions(0, 3).read();
        assertThat(image.state()).isEqualTo(StoreState.UNSUPPORTED_VERSION);
        assertThat(only(image, FindingKind.UNSUPPORTED_VERSION).message()).contains("unable to handle snapshot disk version 2");
        assertThat(image.kernelLoads()).isFalse();
        assertThat(image.usage()).isEmpty();
    }

    @Test
    void wrongMagicIsNotACow() {
        assertThatThrownBy(() -> cow().magic(0x12345678).read())
                .isInstanceOf(CowFormatException.class)
                .hasMessageContaining("not a dm-snapshot COW").hasMessageContaining("0x12345678")
                .satisfies(e -> assertThat(((CowFormatException) e).kind()).isEqualTo(CowFormatException.Kind.NOT_A_COW));
    }

    @Test
    void tooShortForAHeader() {
        assertThatThrownBy(() -> new CowReader(ParseOptions.DEFAULT).read(new ByteArrayBlockSource("tiny", new byte[10]), Progress.NONE))
                .isInstanceOf(CowFormatException.class).hasMessageContaining("only 10 bytes")
                .satisfies(e -> assertThat(((CowFormatException) e).kind()).isEqualTo(CowFormatException.Kind.TRUNCATED));
    }

    @Test
    void badOnDiskChunkSizes() throws Exception {
        for (long cs : new long[] {0, 3, 1L << 31, 1L << 22}) {
            CowImage image = cow().headerChunkSizeSectors(cs).read();
            assertThat(image.state()).as("cs %d", cs).isEqualTo(StoreState.BAD_CHUNK_SIZE);
            assertThat(image.layout()).isEmpty();
            assertThat(image.exceptions().isEmpty()).isTrue();
            assertThat(only(image, FindingKind.BAD_CHUNK_SIZE).message()).startsWith("invalid on-disk chunk size " + cs + ": Chunk size is");
        }
    }

    @Test
    void chunkSizeNotAMultipleOfTheLogicalBlockSize() throws Exception {
        CowImage image = cow().chunkSizeSectors(4).read(new ParseOptions(0, 4096, 20));
        assertThat(only(image, FindingKind.BAD_CHUNK_SIZE).message()).contains("Chunk size is not a multiple of device blocksize");
    }

    @Test
    void tableChunkSizeRefused() throws Exception {
        CowImage image = cow().exceptions(0, 2).read(ParseOptions.DEFAULT.withTableChunkSize(12));
        assertThat(only(image, FindingKind.TABLE_CHUNK_SIZE_REFUSED).message()).contains("Chunk size is not a power of 2");
    }

    @Test
    void headerChunkSizeOverridesTheTable() throws Exception {
        CowImage image = cow().exceptions(0, 2).read(ParseOptions.DEFAULT.withTableChunkSize(16));
        assertThat(only(image, FindingKind.CHUNK_SIZE_OVERRIDE).message())
                .isEqualTo("chunk size 8 in device metadata overrides table chunk size of 16.");
        assertThat(image.requireLayout().chunkSizeSectors()).isEqualTo(8);
    }

    @Test
    void deviceTooSmall() throws Exception {
        CowImage image = cow().deviceBytes(4096).read();
        assertThat(image.state()).isEqualTo(StoreState.TRUNCATED);
        assertThat(only(image, FindingKind.DEVICE_TOO_SMALL).message()).contains("Failed to read snapshot metadata");
        CowImage fresh = cow().magic(0).deviceBytes(4096).read(ParseOptions.DEFAULT.withTableChunkSize(8));
        assertThat(only(fresh, FindingKind.DEVICE_TOO_SMALL).message()).contains("zero_disk_area(0) failed");
        assertThat(fresh.kernelLoads()).isFalse();
    }

    @Test
    void deviceNotASectorMultiple() throws Exception {
        CowImage image = cow().deviceBytes(2 * MIB + 100).read();
        only(image, FindingKind.DEVICE_NOT_SECTOR_MULTIPLE);
        assertThat(image.deviceSectors()).isEqualTo(4096);
    }

    @Test
    void deviceNotAChunkMultiple() throws Exception {
        CowImage image = cow().deviceBytes(2 * MIB + 1024).read();
        assertThat(only(image, FindingKind.DEVICE_NOT_CHUNK_MULTIPLE).message()).contains("trailing 2 sectors");
        assertThat(image.usage().orElseThrow().totalSectors()).isEqualTo(4098);
    }

    @Test
    void exactlyFullLastAreaWithTheNextAreaPastTheEnd() throws Exception {
        // 256 entries fill area 0; the kernel would then need area 1 at chunk 258, but the device has 258 chunks
        CowImage image = cow().deviceBytes(258 * 4096L).exceptions(0, 256).read();
        assertThat(only(image, FindingKind.METADATA_PAST_END).message()).contains("the kernel would fail to load this store");
        assertThat(image.kernelLoads()).isFalse();
        assertThat(image.exceptions().size()).isEqualTo(256);
        assertThat(image.usage()).isEmpty();
    }

    @Test
    void newChunkInAMetadataChunk() throws Exception {
        CowImage image = cow().exception(5, 2).exception(6, 258).read();
        Finding f = only(image, FindingKind.NEW_CHUNK_IN_METADATA);
        assertThat(f.location().toString()).isEqualTo("area 0 entry 1 @0x1010");
        assertThat(f.message()).contains("metadata chunk of area 1");
    }

    @Test
    void newChunkPastTheEnd() throws Exception {
        CowImage image = cow().exception(5, 2).exception(6, 10_000).read();
        assertThat(only(image, FindingKind.NEW_CHUNK_PAST_END).message()).contains("COW chunk 10000");
        assertThat(image.nextFree()).isEqualTo(10_001);
        assertThat(image.headroomChunks()).isZero();
    }

    @Test
    void newChunkThatWrapsNextFree() throws Exception {
        CowImage image = cow().exception(5, 2).exception(6, -1L).read();
        assertThat(kinds(image)).contains(FindingKind.NEW_CHUNK_PAST_END);
        assertThat(image.nextFree()).isZero(); // the kernel's chunk_t wraps: next_free = 0
        assertThat(image.usage().orElseThrow().params()).isEqualTo("0/4096 16");
    }

    @Test
    void duplicateOldChunkFirstEntryWins() throws Exception {
        CowImage image = cow().exception(7, 2).exception(7, 3).read();
        Finding f = only(image, FindingKind.DUPLICATE_OLD_CHUNK);
        assertThat(f.location().toString()).isEqualTo("area 0 entry 0 @0x1000");
        assertThat(image.exceptions().lookup(7)).isEqualTo(2);
    }

    @Test
    void duplicateOldChunkWhereTheKernelsRunMakesTheLaterEntryWin() throws Exception {
        // (19,50) is loaded first, but (17,200) (18,201) (19,202) grow one run 17..19 that sorts before it
        CowImage image = cow().exception(19, 50).exception(17, 200).exception(18, 201).exception(19, 202).read();
        Finding f = only(image, FindingKind.DUPLICATE_OLD_CHUNK);
        assertThat(f.location().toString()).isEqualTo("area 0 entry 3 @0x1030");
        assertThat(f.message()).contains("uses this one (new chunk 202)");
        assertThat(image.exceptions().lookup(19)).isEqualTo(202);
    }

    @Test
    void sharedNewChunk() throws Exception {
        CowImage image = cow().exception(1, 2).exception(2, 2).read();
        assertThat(only(image, FindingKind.SHARED_NEW_CHUNK).message()).contains("COW chunk 2");
    }

    @Test
    void allocationHole() throws Exception {
        CowImage image = cow().exception(1, 2).exception(2, 5).read();
        assertThat(only(image, FindingKind.ALLOCATION_HOLE).message()).startsWith("2 data chunks from chunk 3 to 4");
        assertThat(image.exceptions().isSequential()).isFalse();
    }

    @Test
    void outOfOrderButCompleteAllocation() throws Exception {
        CowImage image = cow().exception(1, 3).exception(2, 2).read();
        assertThat(kinds(image)).containsExactly(FindingKind.NON_SEQUENTIAL_ALLOCATION);
    }

    @Test
    void staleEntriesAfterTheTerminator() throws Exception {
        CowImage image = cow().exceptions(0, 3).rawEntry(0, 10, 99, 77).read();
        assertThat(image.staleEntries()).isEqualTo(1);
        assertThat(only(image, FindingKind.STALE_ENTRIES).location().toString()).isEqualTo("area 0 entry 3 @0x1030");
        assertThat(image.exceptions().size()).isEqualTo(3);
    }

    @Test
    void oldChunkZeroIsARealException() throws Exception {
        CowImage image = cow().exception(0).exception(1).read();
        assertThat(image.exceptions().size()).isEqualTo(2);
        assertThat(image.exceptions().lookup(0)).isEqualTo(2);
    }

    @Test
    void storeFull() throws Exception {
        CowImage image = cow().exceptions(0, 509).read();
        assertThat(image.usage().orElseThrow().params()).isEqualTo("4096/4096 24");
        assertThat(only(image, FindingKind.STORE_FULL).message()).contains("Overflow").contains("invalidates");
        CowImage almost = cow().exceptions(0, 508).read();
        assertThat(almost.headroomChunks()).isEqualTo(1);
        assertThat(kinds(almost)).doesNotContain(FindingKind.STORE_FULL);
    }

    @Test
    void manyFindingsOfOneKindAreSummarised() throws Exception {
        var builder = cow();
        for (int i = 0; i < 50; i++) {
            builder.exception(i, 300_000 + i);
        }
        CowImage image = builder.read();
        assertThat(image.findings().stream().filter(f -> f.kind() == FindingKind.NEW_CHUNK_PAST_END)).hasSize(21);
        assertThat(image.findings()).anyMatch(f -> f.message().startsWith("30 more NEW_CHUNK_PAST_END findings"));
    }

    @Test
    void largeChunksAreReadInSegments() throws Exception {
        // 2 MiB chunks hold 131072 entries per area, read 1 MiB (65536 entries) at a time
        CowImage image = cow().chunkSizeSectors(4096).deviceBytes(8L << 20).exceptions(7, 70_000)
                .rawEntry(0, 100_000, 1, 1).read();
        assertThat(image.exceptions().size()).isEqualTo(70_000);
        assertThat(image.currentCommitted()).isEqualTo(70_000);
        assertThat(image.staleEntries()).isEqualTo(1);
        assertThat(image.exceptions().oldChunk(69_999)).isEqualTo(7 + 69_999);
    }

    @Test
    void everyFindingKindIsCovered() {
        // keeps this class honest when a kind is added: each kind has a test above
        // (TABLE_TOO_LARGE: HugeAndHostileStoresTest, which needs a reader with a small memory bound);
        // the alignment kinds, which name a kernel check, are covered by AlignmentRulesTest; the nine
        // status-log and fill kinds by monitor.FillFindingsTest; the nine ANDROID_ parser kinds by android.HostileAndroidCowTest,
        // the five ANDROID_ merge kinds by android.HostileAndroidMergeTest
        assertThat(java.util.Arrays.stream(FindingKind.values()).filter(k -> k.kernelCheck().isEmpty())).hasSize(19 + 9 + 9 + 5);
    }
}
