package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.testkit.CowImageBuilder;
import dev.cowscope.testkit.RecordingBlockSource;
import dev.cowscope.testkit.SparseBlockSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * The walk's read-ahead thread (issue 16): it reads in ascending offset order, a read it makes past
 * the terminator never surfaces, a failing read the walk needs does, and it is gone when the
 * walk ends however it ends. The two-thread duplicate scan finds what a set finds.
 */
class AreaReadAheadTest {
    private static CowImageBuilder fourAreasAndAHalf() {
        // 4 KiB chunks: 256 entries an area; 1100 entries fill areas 0-3 and end in area 4
        return CowImageBuilder.cow().chunkSizeSectors(8).deviceBytes(64L << 20).exceptions(0, 1100);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "reads in any order: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void readsAscendingAndAReadPastTheTerminatorNeverSurfaces(boolean anyOrder) throws Exception {
        AreaLayout layout = new AreaLayout(8);
        long afterLastArea = layout.chunkOffsetBytes(layout.areaLocation(5));
        RecordingBlockSource source = new RecordingBlockSource(fourAreasAndAHalf().source(), afterLastArea, anyOrder);
        CowImage image = new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE);
        assertThat(image.exceptions().size()).isEqualTo(1100);
        assertThat(image.state()).isEqualTo(StoreState.VALID);
        List<Long> reads = new ArrayList<>(source.offsets);
        if (!anyOrder) {
            assertThat(reads).as("one reader, front to back").isSorted();
        }
        assertThat(reads.stream().distinct().count()).isEqualTo(reads.size());
        assertThat(noReadAheadLeft()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "reads in any order: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aShortTableInALargeDeviceIsNotReadFarPastItsEnd(boolean anyOrder) throws Exception {
        // 10 entries in area 0 of a 16 GiB device (16 000 areas): a forward-only (compressed) source
        // pays for every byte the read-ahead skips to, so it starts with one area and grows with the walk
        RecordingBlockSource source = new RecordingBlockSource(CowImageBuilder.cow().chunkSizeSectors(8).deviceBytes(16L << 30).exceptions(0, 10).source(),
                Long.MAX_VALUE, anyOrder);
        CowImage image = new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE);
        assertThat(image.exceptions().size()).isEqualTo(10);
        assertThat(source.offsets).as("the header, area 0, and at most the next two batches (areas 1-6)").hasSizeLessThanOrEqualTo(8);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "reads in any order: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aFailingReadTheWalkNeedsIsThrownAsItWas(boolean anyOrder) throws Exception {
        AreaLayout layout = new AreaLayout(8);
        long area2 = layout.chunkOffsetBytes(layout.areaLocation(2));
        RecordingBlockSource source = new RecordingBlockSource(fourAreasAndAHalf().source(), area2, anyOrder);
        assertThatThrownBy(() -> new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE))
                .isInstanceOf(IOException.class).hasMessage("disk error at " + area2);
        assertThat(noReadAheadLeft()).isTrue();
    }

    @Test
    void twoReadersHandTheWalkExactlyWhatOneReaderDoes() throws Exception {
        // 4 KiB chunks and 64 KiB chunks (one area is then 4096 entries, 64 KiB: batches of two areas),
        // tables ending mid-area, a full area and a stale tail after the terminator
        for (long chunkSectors : new long[] {8, 128}) {
            for (int entries : new int[] {1, 255, 256, 70_000, 3 * 4096}) {
                CowImageBuilder cow = CowImageBuilder.cow().chunkSizeSectors(chunkSectors).deviceBytes(16L << 30).exceptions(0, entries);
                RecordingBlockSource one = new RecordingBlockSource(cow.source(), Long.MAX_VALUE, false);
                RecordingBlockSource two = new RecordingBlockSource(cow.source(), Long.MAX_VALUE, true);
                CowImage a = new CowReader(ParseOptions.DEFAULT).read(one, Progress.NONE);
                CowImage b = new CowReader(ParseOptions.DEFAULT).read(two, Progress.NONE);
                assertThat(a.exceptions().size()).as("%d entries, chunk %d", entries, chunkSectors).isEqualTo(entries);
                assertThat(b.exceptions().size()).isEqualTo(entries);
                for (int i = 0; i < entries; i++) {
                    assertThat(b.exceptions().entry(i)).isEqualTo(a.exceptions().entry(i));
                }
                assertThat(b.state()).isEqualTo(a.state());
                assertThat(b.findings()).isEqualTo(a.findings());
                assertThat(new HashSet<>(two.offsets)).as("every area read once").hasSize(two.offsets.size());
                if (entries >= 70_000 && Runtime.getRuntime().availableProcessors() >= 2) { // one core: one reader
                    assertThat(two.threads).as("both readers read").contains("cowscope-area-read-ahead-0", "cowscope-area-read-ahead-1");
                }
            }
        }
        assertThat(noReadAheadLeft()).isTrue();
    }

    @Test
    void twoReadersNeverReadAnAreaPastTheDevicesLastWholeChunk() throws Exception {
        // 2 MiB chunks: an area is two segments, a batch one segment, so reader 1 starts its batches mid-area;
        // areas 0-2 are full and area 3's metadata chunk is the first past the end (a tail of almost a chunk follows)
        AreaLayout layout = new AreaLayout(4096);
        long deviceChunks = layout.areaLocation(3);
        long deviceBytes = deviceChunks * layout.chunkSizeBytes() + layout.chunkSizeBytes() - 512;
        RecordingBlockSource source = new RecordingBlockSource(CowImageBuilder.cow().chunkSizeSectors(4096).deviceBytes(deviceBytes)
                .exceptions(0, (int) (3 * layout.exceptionsPerArea())).source(), Long.MAX_VALUE, true);
        CowImage image = new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE);
        assertThat(image.exceptions().size()).isEqualTo(3 * layout.exceptionsPerArea());
        assertThat(image.findings()).anyMatch(f -> f.kind() == FindingKind.METADATA_PAST_END);
        assertThat(noReadAheadLeft()).isTrue();
        assertThat(source.offsets).as("no read at or past chunk %d", deviceChunks)
                .allMatch(offset -> offset < deviceChunks * layout.chunkSizeBytes());
    }

    @Test
    @SuppressWarnings({"deprecation", "removal"}) // Thread.stop: the only way to make a thread die outside a read, as an Error could
    void aReaderThatDiesOutsideAReadFailsTheWalkInsteadOfHangingIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one core: one reader");
        AreaLayout layout = new AreaLayout(8);
        RecordingBlockSource source = new RecordingBlockSource(CowImageBuilder.cow().chunkSizeSectors(8).deviceBytes(1L << 30).exceptions(0, 50_000).source(),
                Long.MAX_VALUE, true);
        try (AreaReadAhead areas = new AreaReadAhead(source, layout, (1L << 30) / layout.chunkSizeBytes(), 256)) {
            Thread second = null;
            for (int i = 0; i < 100 && second == null; i++) {
                second = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("cowscope-area-read-ahead-1")).findFirst().orElse(null);
            }
            assertThat(second).isNotNull();
            Thread.sleep(50); // reader 1 waits for the walk to take batch 0 before it may read batch 1
            second.stop();
            second.join(5_000);
            long[] words = new long[512];
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> {
                        for (int area = 0; area < 10; area++) {
                            areas.nextSegment(words, 256);
                        }
                    }).isInstanceOf(ThreadDeath.class));
        }
        assertThat(noReadAheadLeft()).isTrue();
    }

    @Test
    void cancelStopsTheReadAhead() throws Exception {
        SparseBlockSource source = CowImageBuilder.cow().chunkSizeSectors(8).deviceBytes(1L << 30).exceptions(0, 50_000).source();
        int[] areas = {0};
        Progress cancelAfterTen = new Progress() {
            @Override
            public void begin(String phase, long totalWork) {
            }

            @Override
            public void worked(long units) {
                areas[0] += (int) units;
            }

            @Override
            public boolean isCancelled() {
                return areas[0] >= 10;
            }
        };
        assertThatThrownBy(() -> new CowReader(ParseOptions.DEFAULT).read(source, cancelAfterTen))
                .isInstanceOf(CancellationException.class);
        assertThat(noReadAheadLeft()).isTrue();
    }

    @Test
    void twoThreadDuplicateScanFindsWhatASetFinds() {
        AreaLayout layout = new AreaLayout(8);
        ExceptionTable.Builder table = new ExceptionTable.Builder(layout);
        SplittableRandom random = new SplittableRandom(16);
        int n = 700_000; // above the two-thread threshold
        Set<Long> seen = new HashSet<>();
        java.util.TreeSet<Long> duplicated = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            long old = random.nextLong(3_000_000); // many duplicates, in both halves and across them
            table.add(old, layout.sequentialChunk(i));
            if (!seen.add(old)) {
                duplicated.add(old);
            }
        }
        long[] found = DuplicateScan.duplicatedOldChunks(table.build());
        assertThat(found).containsExactly(duplicated.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void theScanDuringTheWalkFindsWhatTheWholeTableScanFinds() {
        AreaLayout layout = new AreaLayout(8);
        SplittableRandom random = new SplittableRandom(17);
        // 1.3 pages of keys: many duplicates, across pages; then keys past 2^32, where it gives up;
        // last (bound 0), pages of different ranges: small keys first, then up to 2^32 with some repeated
        for (long bound : new long[] {1_000_000L, 1L << 32, 1L << 33, 0}) {
            ExceptionTable.Builder builder = new ExceptionTable.Builder(layout);
            int n = ChunkColumn.PAGE_SIZE + ChunkColumn.PAGE_SIZE / 3;
            try (PagedDuplicateScan scan = new PagedDuplicateScan(builder.oldChunkColumn())) {
                for (int i = 0; i < n; i++) {
                    long key = bound > 0 ? random.nextLong(bound)
                            : i < ChunkColumn.PAGE_SIZE || random.nextInt(3) == 0 ? random.nextLong(70_000) : random.nextLong(1L << 32);
                    builder.add(key, layout.sequentialChunk(i));
                    if (i % 4096 == 0) {
                        scan.pagesFilled();
                    }
                }
                long[] found = scan.finish(n);
                long[] whole = DuplicateScan.duplicatedOldChunks(builder.build());
                if (bound > 1L << 32) {
                    assertThat(found).as("keys past 2^32: the walk's scan gives up").isNull();
                } else {
                    assertThat(found).as("bound " + bound).isEqualTo(whole); // array equality: containsExactly is quadratic here
                    assertThat(whole.length).isGreaterThan(bound < 1L << 32 ? 1000 : -1);
                    if (bound == 0) {
                        assertThat(java.util.Arrays.stream(whole).anyMatch(chunk -> chunk >= 65_536)).as("duplicates past the first page's range").isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aParsedTableReportsTheSameDuplicatesEitherWay() throws Exception {
        CowImageBuilder cow = CowImageBuilder.cow().chunkSizeSectors(8).deviceBytes(8L << 30);
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 600_000; i++) {
            cow.exception(random.nextLong(5_000_000));
        }
        CowImage image = new CowReader(ParseOptions.DEFAULT).read(cow.source(), Progress.NONE);
        ExceptionTable table = image.exceptions();
        assertThat(table.duplicatedOldChunks()).containsExactly(DuplicateScan.duplicatedOldChunks(table));
        assertThat(table.duplicates().count()).isGreaterThan(1000);
    }

    /** Read buffers and scan pages are kept from walk to walk: walks at once must each get their own. */
    @Test
    void walksAtOnceEachReadWhatTheyReadAlone() throws Exception {
        List<CowImageBuilder> cows = new ArrayList<>();
        List<long[]> alone = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            CowImageBuilder cow = CowImageBuilder.cow().chunkSizeSectors(8).deviceBytes(4L << 30);
            SplittableRandom random = new SplittableRandom(c);
            for (int i = 0; i < 60_000 + 20_000 * c; i++) {
                cow.exception(random.nextLong(3_000_000));
            }
            cows.add(cow);
            alone.add(oldChunksAndDuplicates(new CowReader(ParseOptions.DEFAULT).read(new RecordingBlockSource(cow.source(), Long.MAX_VALUE, true), Progress.NONE)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                List<java.util.concurrent.Future<long[]>> together = new ArrayList<>();
                for (CowImageBuilder cow : cows) {
                    together.add(pool.submit(() -> oldChunksAndDuplicates(
                            new CowReader(ParseOptions.DEFAULT).read(new RecordingBlockSource(cow.source(), Long.MAX_VALUE, true), Progress.NONE))));
                }
                for (int c = 0; c < cows.size(); c++) {
                    assertThat(together.get(c).get()).as("store %d, round %d", c, round).isEqualTo(alone.get(c));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The table's old chunks in order, then its duplicated old chunks. */
    private static long[] oldChunksAndDuplicates(CowImage image) {
        ExceptionTable table = image.exceptions();
        long[] duplicates = table.duplicatedOldChunks();
        long[] all = new long[table.size() + duplicates.length];
        for (int i = 0; i < table.size(); i++) {
            all[i] = table.oldChunk(i);
        }
        System.arraycopy(duplicates, 0, all, table.size(), duplicates.length);
        return all;
    }

    private static boolean noReadAheadLeft() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            boolean alive = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().startsWith("cowscope-area-read-ahead") && t.isAlive());
            if (!alive) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
