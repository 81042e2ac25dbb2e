package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cowscope.report.InspectReport;
import dev.cowscope.snapshot.SnapshotView;
import dev.cowscope.testkit.CowImageBuilder;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Damaged images never break the reader: the only outcomes are an image (with findings) or a
 * {@link CowFormatException} — never another throwable, a hang, or memory out of proportion to
 * the file.
 */
class MutatedImagesPropertyTest {
    private static final List<byte[]> BASES = List.of(
            CowImageBuilder.cow().chunkSizeSectors(1).deviceBytes(64 << 10).exceptions(3, 40).bytes(),
            CowImageBuilder.cow().chunkSizeSectors(1).deviceBytes(48 << 10).exceptions(0, 64).bytes(),
            CowImageBuilder.cow().chunkSizeSectors(2).deviceBytes(96 << 10).exceptions(100, 70).exception(5, 9).bytes(),
            CowImageBuilder.cow().chunkSizeSectors(8).deviceBytes(32 << 10).exceptions(1, 3).bytes());

    @Property(tries = 400)
    void mutatedImagesReadOrFailCleanly(@ForAll("mutations") Tuple.Tuple3<Integer, int[], Integer> mutation) {
        byte[] base = BASES.get(mutation.get1());
        byte[] bytes = Arrays.copyOf(base, Math.max(0, mutation.get3()));
        int[] edits = mutation.get2();
        for (int k = 0; k + 1 < edits.length; k += 2) {
            if (bytes.length > 0) {
                bytes[Math.floorMod(edits[k], bytes.length)] = (byte) edits[k + 1];
            }
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> exercise(bytes));
    }

    private static void exercise(byte[] bytes) throws Exception {
        CowImage image;
        try {
            image = new CowReader(ParseOptions.DEFAULT).read(new ByteArrayBlockSource("mutant", bytes), Progress.NONE);
        } catch (CowFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        // everything a user can ask of the image works
        image.usage().ifPresent(SnapshotStatus::params);
        image.headroomChunks();
        AreaSummary.of(image);
        InspectReport.of(image, true);
        image.findings().forEach(f -> assertThat(f.message()).isNotBlank());
        ExceptionTable table = image.exceptions();
        if (table.size() > 0) {
            table.lookup(table.oldChunk(0));
        }
        assertThat(table.retainedBytes()).isLessThanOrEqualTo(4096 + 2L * bytes.length);
        if (image.layout().isPresent()) {
            try (BlockSource origin = new ByteArrayBlockSource("origin", new byte[64 << 10]);
                 BlockSource cow = new ByteArrayBlockSource("mutant", bytes)) {
                // salvage and a partial view: the fixed 64 KiB origin is shorter than many mutants' tables
                new SnapshotView(origin, image, cow, true, true).stream(Channels.newChannel(java.io.OutputStream.nullOutputStream()), Progress.NONE);
            }
        }
    }

    @Provide
    Arbitrary<Tuple.Tuple3<Integer, int[], Integer>> mutations() {
        Arbitrary<Integer> base = Arbitraries.integers().between(0, BASES.size() - 1);
        // positions biased to the header and the first areas, where the structure is
        Arbitrary<Integer> position = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 15)),
                Tuple.of(5, Arbitraries.integers().between(512, 4096)),
                Tuple.of(2, Arbitraries.integers().between(0, 1 << 17)));
        Arbitrary<Integer> value = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(0, 0xff, 1, 0x80)),
                Tuple.of(3, Arbitraries.integers().between(0, 255)));
        Arbitrary<int[]> edits = Combinators.combine(position, value).as((p, v) -> new int[] {p, v}).list().ofMaxSize(12)
                .map(list -> list.stream().flatMapToInt(Arrays::stream).toArray());
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(1 << 20)),
                Tuple.of(4, Arbitraries.integers().between(0, 1 << 17)));
        return Combinators.combine(base, edits, length).as((b, e, l) -> Tuple.of(b, e, Math.min(l, BASES.get(b).length)));
    }
}
