package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cowscope.testkit.CowImageBuilder;
import dev.cowscope.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed images are read without a full-size copy: the walk the kernel does comes from one
 * decoding pass, and gives exactly what the uncompressed file gives (every kernel fixture, gzip as
 * shipped, xz and zstd compressed here); data reads stream forward or unpack once; damaged and
 * hostile streams give a clear message, never a hang, "null" or an out-of-memory error.
 */
@Timeout(120)
class CompressedBlockSourceTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyKernelCowReadsTheSameStreamedAsUncompressed() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path scenario : Fixtures.scenarios()) {
            try (Stream<Path> files = Files.list(scenario)) {
                for (Path gz : files.filter(f -> f.getFileName().toString().matches("cow-.*\\.img\\.gz")).sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(scenario.getFileName() + "/" + gz.getFileName(), () -> {
                        Path raw = Files.write(dir.resolve(scenario.getFileName() + "-" + gz.getFileName() + ".img"), Fixtures.gunzip(gz));
                        assertStreamedReadEqualsFile(gz, raw, SourceKind.GZIP);
                    }));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }

    @Test
    void xzAndZstdCompressedHereReadTheSameAsTheFileAndTheirDataMatches() throws Exception {
        for (String cow : new String[] {"b3-257/cow-after", "b4-scatter1000/cow-after", "c3-chunk1024/cow-after",
                "e2-overflow-PO/cow-after", "f2-merge-crash/cow-crash"}) {
            String name = cow.replace('/', '-');
            byte[] image = Fixtures.gunzip(Fixtures.root().resolve(cow + ".img.gz"));
            Path raw = Files.write(dir.resolve(name + ".img"), image);
            Path xz = Files.write(dir.resolve(name + ".img.xz"), xz(image));
            Path zst = Files.write(dir.resolve(name + ".img.zst"), zstd(image));
            assertStreamedReadEqualsFile(xz, raw, SourceKind.XZ);
            assertStreamedReadEqualsFile(zst, raw, SourceKind.ZSTD);
            for (Path packed : List.of(xz, zst)) {
                try (BlockSource source = BlockSources.open(packed)) {
                    assertForwardThenBackwardReadsMatch(source, image);
                }
            }
        }
    }

    @Test
    void areasBeyondTheMemoryBudgetAreKeptInATemporaryFileAndReadTheSame() throws Exception {
        Path gz = Fixtures.scenario("b4-scatter1000").resolve("cow-after.img.gz");
        Path raw = Files.write(dir.resolve("b4.img"), Fixtures.gunzip(gz));
        CowImage expected = CowReader.read(raw, ParseOptions.DEFAULT, Progress.NONE);
        try (CompressedBlockSource source = CompressedBlockSource.open(gz, Compression.GZIP, Progress.NONE, 4096 + 100)) {
            CowImage streamed = new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE);
            assertSameStore(streamed, expected, gz, raw);
            assertThat(source.keptBytes()).isGreaterThan(4096 + 100);
            assertThat(source.isUnpacked()).isFalse();
        }
    }

    /**
     * The unpacked copy keeps an image's last bytes when its size is no multiple of 4 KiB (an Android COW's is not): the
     * last run of data in the last buffer was never written, so a read there after a read back gave zeros.
     */
    @Test
    void anUnpackedCopyKeepsDataUpToTheLastByte() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(16);
        for (int size : new int[] {3 * 4096 + 100, (1 << 20) + 1, (1 << 20) + 4096 + 7, 5 * 4096}) {
            byte[] image = new byte[size];
            for (int i = 0; i < size; i++) {
                image[i] = (byte) (1 + random.nextInt(255));
            }
            Arrays.fill(image, 4096, 8192, (byte) 0); // a zero block: a hole in the copy
            for (Path packed : List.of(Files.write(dir.resolve(size + ".img.gz"), gzip(image)),
                    Files.write(dir.resolve(size + ".img.xz"), xz(image)), Files.write(dir.resolve(size + ".img.zst"), zstd(image)))) {
                try (BlockSource source = BlockSources.open(packed)) {
                    assertForwardThenBackwardReadsMatch(source, image);
                }
            }
        }
    }

    /** An Android COW is parsed front to back: a gzip'd one is decoded once and never unpacked into a temporary file. */
    @Test
    void aGzippedAndroidCowParsesWithoutUnpacking() throws Exception {
        Path cow = dev.cowscope.android.AospFixturesTest.cow("v2_lz4_big");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(cow), "fixtures not present");
        Path gz = dir.resolve("v2_lz4_big.cow.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(cow, out);
        }
        dev.cowscope.android.AndroidCow plain = dev.cowscope.android.AndroidCowParser.read(cow, java.util.OptionalLong.empty(), Progress.NONE);
        try (CompressedBlockSource source = CompressedBlockSource.open(gz, Compression.GZIP, Progress.NONE)) {
            dev.cowscope.android.AndroidCow packed = new dev.cowscope.android.AndroidCowParser().parse(source, java.util.OptionalLong.empty());
            assertThat(packed.parseOk()).as("%s", packed.error()).isTrue();
            assertThat(packed.ops().size()).isEqualTo(plain.ops().size());
            assertThat(packed.ops().retainedBytes()).isEqualTo(plain.ops().retainedBytes());
            assertThat(source.isUnpacked()).as("no read went back").isFalse();
        }
    }

    @Test
    void anOriginStreamsForwardWithoutACopyAndABackwardReadUnpacksOnce() throws Exception {
        Path gz = Fixtures.scenario("b3-257").resolve("origin-before.img.gz");
        byte[] image = Fixtures.gunzip(gz);
        BlockSource source = BlockSources.open(gz);
        try (source) {
            assertForwardThenBackwardReadsMatch(source, image);
        }
        assertThatThrownBy(() -> source.readFully(0, ByteBuffer.allocate(16))).isInstanceOf(java.nio.channels.ClosedChannelException.class);
    }

    @Test
    void concatenatedMembersAndTrailingGarbageReadAsOneImage() throws Exception {
        byte[] image = Fixtures.gunzip(Fixtures.scenario("b4-scatter1000").resolve("cow-after.img.gz"));
        Path raw = Files.write(dir.resolve("b4.img"), image);
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        int third = image.length / 3;
        for (int from = 0; from < image.length; from += third) {
            members.write(gzip(Arrays.copyOfRange(image, from, Math.min(image.length, from + third))));
        }
        Path concatenated = Files.write(dir.resolve("members.img.gz"), members.toByteArray());
        assertStreamedReadEqualsFile(concatenated, raw, SourceKind.GZIP);
        byte[] garbage = "trailing garbage, as a padded tape or a careless cat leaves it".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        members.write(garbage);
        Path trailing = Files.write(dir.resolve("trailing.img.gz"), members.toByteArray());
        assertStreamedReadEqualsFile(trailing, raw, SourceKind.GZIP);
    }

    @Test
    void manyEmptyMembersCostTheirBytesNotTheStack() throws Exception {
        // java.util.zip.GZIPInputStream reads the next member by calling itself: 200 000 empty
        // members (4 MB) overflowed the stack (exit 4 from inspect)
        byte[] empty = gzip(new byte[0]);
        byte[] image = Fixtures.gunzip(Fixtures.scenario("b3-257").resolve("cow-after.img.gz"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 200_000; i++) {
            out.write(empty);
        }
        Path empties = Files.write(dir.resolve("empties.gz"), out.toByteArray());
        assertThatThrownBy(() -> CowReader.read(empties, ParseOptions.DEFAULT, Progress.NONE))
                .isInstanceOf(CowFormatException.class).hasMessageContaining("only 0 bytes");
        out.write(gzip(Arrays.copyOf(image, 12345)));
        for (int i = 0; i < 100_000; i++) {
            out.write(empty);
        }
        out.write(gzip(Arrays.copyOfRange(image, 12345, image.length)));
        out.write(empty);
        Path raw = Files.write(dir.resolve("b3.img"), image);
        assertStreamedReadEqualsFile(Files.write(dir.resolve("sandwich.gz"), out.toByteArray()), raw, SourceKind.GZIP);
    }

    @Test
    void aGzipMemberWithNameCommentExtraAndHeaderCrcReads() throws Exception {
        byte[] image = Fixtures.gunzip(Fixtures.scenario("b3-257").resolve("cow-after.img.gz"));
        byte[] plain = gzip(image);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
        out.write(new byte[] {3, 0, 'a', 'b', 'c'});
        out.write("cow.img\0a comment\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(new byte[] {0x12, 0x34}); // header CRC16, not checked (gzip does not either unless asked)
        out.write(plain, 10, plain.length - 10);
        Path raw = Files.write(dir.resolve("b3.img"), image);
        assertStreamedReadEqualsFile(Files.write(dir.resolve("flags.gz"), out.toByteArray()), raw, SourceKind.GZIP);
        byte[] badCrc = plain.clone();
        badCrc[badCrc.length - 8] ^= 1;
        Path file = Files.write(dir.resolve("crc.gz"), badCrc);
        assertThatThrownBy(() -> CowReader.read(file, ParseOptions.DEFAULT, Progress.NONE))
                .isInstanceOf(CowFormatException.class).hasMessageContaining("the gzip stream is corrupt").hasMessageContaining("CRC-32 mismatch");
    }

    @Test
    void aCutOrCorruptStreamSaysWhereItEndsInEveryFormat() throws Exception {
        byte[] image = Fixtures.gunzip(Fixtures.scenario("b3-257").resolve("cow-after.img.gz"));
        byte[][] packed = {gzip(image), xz(image), zstd(image)};
        String[] labels = {"gzip", "xz", "zstd"};
        for (int k = 0; k < packed.length; k++) {
            byte[] bytes = packed[k];
            for (int cut : new int[] {10, bytes.length / 3, bytes.length / 2, bytes.length - 4, bytes.length - 1}) {
                Path file = Files.write(dir.resolve("cut-" + labels[k] + "-" + cut), Arrays.copyOf(bytes, cut));
                assertThatThrownBy(() -> CowReader.read(file, ParseOptions.DEFAULT, Progress.NONE))
                        .as(labels[k] + " cut at " + cut)
                        .isInstanceOf(CowFormatException.class)
                        .hasMessageContaining("the " + labels[k] + " stream")
                        .hasMessageContaining("of image data")
                        .hasMessageNotContaining("null");
            }
            byte[] corrupt = bytes.clone();
            for (int i = corrupt.length / 2; i < corrupt.length / 2 + 16; i++) {
                corrupt[i] ^= 0x5a;
            }
            Path file = Files.write(dir.resolve("corrupt-" + labels[k]), corrupt);
            assertThatThrownBy(() -> CowReader.read(file, ParseOptions.DEFAULT, Progress.NONE))
                    .as(labels[k] + " corrupt")
                    .isInstanceOf(CowFormatException.class)
                    .hasMessageContaining("the " + labels[k] + " stream")
                    .hasMessageNotContaining("null");
        }
        Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(packed[0], packed[0].length / 2));
        assertThatThrownBy(() -> CowReader.read(cut, ParseOptions.DEFAULT, Progress.NONE))
                .hasMessageMatching(".*the gzip stream is cut short: it ends after [0-9.]+ [KM]iB of image data, .* into the .* file.*");
    }

    @Test
    void anXzHeaderAskingForAHugeDictionaryIsRefusedNotAllocated() throws Exception {
        byte[] bytes = xz(new byte[1 << 16]);
        int header = 12;
        int headerSize = (bytes[header] + 1) * 4;
        assertThat(bytes[header + 2]).as("LZMA2 filter id").isEqualTo((byte) 0x21);
        bytes[header + 4] = 37; // dictionary 1.5 GiB, the most LZMA2 allows here
        CRC32 crc = new CRC32();
        crc.update(bytes, header, headerSize - 4);
        ByteBuffer.wrap(bytes, header + headerSize - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        Path file = Files.write(dir.resolve("greedy.img.xz"), bytes);
        assertThatThrownBy(() -> BlockSources.open(file))
                .isInstanceOf(CowFormatException.class)
                .hasMessageContaining("the xz stream needs")
                .hasMessageContaining("of memory");
    }

    @Test
    void aBombOfZerosCostsItsDecodingButKeepsNothingAndWritesNothing() throws Exception {
        Path bomb = dir.resolve("zeros.img.gz");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
            for (int i = 0; i < 512; i++) {
                out.write(zeros);
            }
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        try (BlockSource source = BlockSources.open(bomb)) {
            CompressedBlockSource compressed = (CompressedBlockSource) source;
            assertThat(source.sizeBytes()).isEqualTo(512L << 20);
            assertThat(compressed.keptBytes()).isLessThanOrEqualTo(4096);
            assertThat(compressed.dataBytes()).isZero();
            CowImage image = new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE);
            assertThat(image.state()).isEqualTo(StoreState.FRESH);
            assertThat(compressed.isUnpacked()).isFalse();
        }
    }

    @Test
    void cancelStopsTheOpenAndLeavesNothingBehind() throws Exception {
        Path gz = Fixtures.scenario("b4-scatter1000").resolve("cow-after.img.gz");
        Progress cancelling = new Progress() {
            long worked;

            @Override
            public void begin(String phase, long totalWork) {
                assertThat(phase).startsWith("Decompressing");
                assertThat(totalWork).isEqualTo(gz.toFile().length());
            }

            @Override
            public void worked(long units) {
                worked += units;
            }

            @Override
            public boolean isCancelled() {
                return worked > 0;
            }
        };
        assertThatThrownBy(() -> BlockSources.open(gz, cancelling)).isInstanceOf(CancellationException.class);
    }

    @Test
    void dataReadsThatDoNotFitTheTemporaryFolderSayHowMuchIsNeededAndWhere() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
        Path small = Files.createDirectories(dir.resolve("small-tmp"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString()), "cannot mount a tmpfs here");
        String before = System.getProperty("java.io.tmpdir");
        try {
            System.setProperty("java.io.tmpdir", small.toString());
            Path gz = Fixtures.scenario("b3-257").resolve("cow-after.img.gz");
            try (BlockSource source = BlockSources.open(gz)) {
                CowImage image = new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE); // no room needed for the walk
                assertThat(image.exceptions().size()).isEqualTo(257);
                assertThatThrownBy(() -> source.prepareRead(0, source.sizeBytes(), Progress.NONE))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining(small.toString())
                        .hasMessageMatching(".* [0-9.]+ [KM]iB of non-zero data .*")
                        .hasMessageContaining("free")
                        .hasMessageContaining("-Djava.io.tmpdir");
                long dataChunk = image.requireLayout().chunkOffsetBytes(image.exceptions().newChunk(0));
                source.readFully(dataChunk, ByteBuffer.allocate(4096)); // forward: decoded again, no copy
                assertThatThrownBy(() -> source.readFully(dataChunk, ByteBuffer.allocate(4096))) // back: needs the copy
                        .isInstanceOf(IOException.class).hasMessageContaining("non-zero data");
            }
        } finally {
            System.setProperty("java.io.tmpdir", before);
            run("umount", small.toString());
        }
    }

    @Test
    void mutatedStreamsOpenOrAreRefusedInWordsNeverWithAnythingElse() throws Exception {
        byte[] image = CowImageBuilder.cow().deviceBytes(1L << 20).exceptions(0, 300).bytes();
        byte[][] packed = {gzip(image), xz(image), zstd(image)};
        java.util.Random random = new java.util.Random(16);
        for (int round = 0; round < 300; round++) {
            byte[] bytes = packed[round % packed.length].clone();
            switch (random.nextInt(4)) {
                case 0 -> bytes = Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length));
                case 1 -> {
                    for (int k = 1 + random.nextInt(4); k > 0; k--) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                }
                case 2 -> {
                    byte[] more = new byte[random.nextInt(64)];
                    random.nextBytes(more);
                    int at = random.nextInt(bytes.length);
                    byte[] grown = Arrays.copyOf(bytes, bytes.length + more.length);
                    System.arraycopy(bytes, at, grown, at + more.length, bytes.length - at);
                    System.arraycopy(more, 0, grown, at, more.length);
                    bytes = grown;
                }
                default -> {
                    int at = 2 + random.nextInt(Math.max(1, bytes.length - 2)); // keep the magic, scramble the rest
                    for (int i = at; i < Math.min(bytes.length, at + 8); i++) {
                        bytes[i] = (byte) random.nextInt(256);
                    }
                }
            }
            Path file = Files.write(dir.resolve("m" + round), bytes);
            try (BlockSource source = BlockSources.open(file)) {
                try {
                    new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE);
                } catch (CowFormatException refused) {
                    assertWords(refused, round);
                }
                if (source.sizeBytes() > 0) {
                    try {
                        source.readFully(source.sizeBytes() / 2, ByteBuffer.allocate((int) Math.min(4096, source.sizeBytes() / 2)));
                        source.readFully(0, ByteBuffer.allocate((int) Math.min(4096, source.sizeBytes())));
                    } catch (IOException unreadable) {
                        assertWords(unreadable, round);
                    }
                }
            } catch (CowFormatException refused) {
                assertWords(refused, round);
            }
            Files.delete(file);
        }
    }

    private static void assertWords(Exception e, int round) {
        assertThat(e.getMessage()).as("round %d: %s", round, e).isNotBlank().doesNotContain("null");
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The store read from {@code packed} equals the one read from {@code raw}, and the walk needed no copy. */
    private static void assertStreamedReadEqualsFile(Path packed, Path raw, SourceKind kind) throws IOException {
        CowImage expected;
        try {
            expected = CowReader.read(raw, ParseOptions.DEFAULT, Progress.NONE);
        } catch (CowFormatException e) {
            assertThatThrownBy(() -> CowReader.read(packed, ParseOptions.DEFAULT, Progress.NONE))
                    .isInstanceOf(CowFormatException.class)
                    .hasMessage(e.getMessage().replace(raw.toString(), packed.toString()));
            return;
        }
        try (BlockSource source = BlockSources.open(packed)) {
            assertThat(source.kind()).isEqualTo(kind);
            CowImage streamed = new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE);
            assertSameStore(streamed, expected, packed, raw);
            CompressedBlockSource compressed = (CompressedBlockSource) source;
            assertThat(compressed.isUnpacked()).as("the walk unpacked nothing").isFalse();
            long chunk = expected.layout().map(AreaLayout::chunkSizeBytes).orElse(4096L);
            assertThat(compressed.keptBytes()).as("kept: header + the areas walked")
                    .isLessThanOrEqualTo(Math.min(chunk, 1 << 20) + (expected.areasRead() + 1) * chunk);
        }
    }

    private static void assertSameStore(CowImage streamed, CowImage expected, Path packed, Path raw) {
        assertThat(streamed.source().sizeBytes()).isEqualTo(expected.source().sizeBytes());
        assertThat(streamed.state()).isEqualTo(expected.state());
        assertThat(streamed.header()).isEqualTo(expected.header());
        assertThat(streamed.deviceSectors()).isEqualTo(expected.deviceSectors());
        assertThat(streamed.areasRead()).isEqualTo(expected.areasRead());
        assertThat(streamed.nextFree()).isEqualTo(expected.nextFree());
        assertThat(streamed.currentArea()).isEqualTo(expected.currentArea());
        assertThat(streamed.currentCommitted()).isEqualTo(expected.currentCommitted());
        assertThat(streamed.staleEntries()).isEqualTo(expected.staleEntries());
        assertThat(streamed.usage()).isEqualTo(expected.usage());
        assertThat(streamed.headroomChunks()).isEqualTo(expected.headroomChunks());
        ExceptionTable a = streamed.exceptions();
        ExceptionTable b = expected.exceptions();
        assertThat(a.size()).isEqualTo(b.size());
        for (int i = 0; i < a.size(); i++) {
            if (a.oldChunk(i) != b.oldChunk(i) || a.newChunk(i) != b.newChunk(i)) {
                throw new AssertionError("entry " + i + " differs: " + a.entry(i) + " vs " + b.entry(i));
            }
        }
        assertThat(streamed.findings().stream().map(f -> f.toString().replace(packed.toString(), "COW")).toList())
                .isEqualTo(expected.findings().stream().map(f -> f.toString().replace(raw.toString(), "COW")).toList());
    }

    /** Forward reads in odd-sized steps (no copy), then a read that goes back (one copy), all equal to {@code image}. */
    private static void assertForwardThenBackwardReadsMatch(BlockSource source, byte[] image) throws IOException {
        CompressedBlockSource compressed = (CompressedBlockSource) source;
        assertThat(source.sizeBytes()).isEqualTo(image.length);
        int step = 300_007;
        for (int at = 0; at < image.length; at += step) {
            ByteBuffer part = (at / step) % 2 == 0 ? ByteBuffer.allocate(Math.min(step, image.length - at))
                    : ByteBuffer.allocateDirect(Math.min(step, image.length - at));
            source.readFully(at, part);
            part.flip();
            assertThat(part).as("bytes at %d", at).isEqualTo(ByteBuffer.wrap(image, at, part.remaining()));
        }
        assertThat(compressed.isUnpacked()).as("forward reads need no copy").isFalse();
        ByteBuffer back = ByteBuffer.allocate(Math.min(image.length, 100_000));
        source.readFully(image.length - back.capacity(), back);
        assertThat(compressed.isUnpacked()).isTrue();
        assertThat(back.array()).isEqualTo(Arrays.copyOfRange(image, image.length - back.capacity(), image.length));
        ByteBuffer all = ByteBuffer.allocate(image.length);
        source.readFully(0, all);
        assertThat(all.array()).isEqualTo(image);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static byte[] xz(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream xz = new org.tukaani.xz.XZOutputStream(out, new org.tukaani.xz.LZMA2Options(1))) {
            xz.write(bytes);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream zst = new com.github.luben.zstd.ZstdOutputStream(out)) {
            zst.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void aCowBuiltHereWithAFullLastAreaReadsTheSame() throws Exception {
        // 2 full areas and an empty third: the kept areas stop at the first that is not full
        byte[] image = CowImageBuilder.cow().deviceBytes(4L << 20).exceptions(0, 512).bytes();
        Path raw = Files.write(dir.resolve("full.img"), image);
        Path gz = Files.write(dir.resolve("full.img.gz"), gzip(image));
        assertStreamedReadEqualsFile(gz, raw, SourceKind.GZIP);
    }
}
