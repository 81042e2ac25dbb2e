package dev.cowscope.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.CowImageBuilder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sparse chunk map says what the byte-per-chunk map says, chunk by chunk and range by range,
 * and maps a 16 TiB store of 512-byte chunks (2^35 chunks) without a byte per chunk.
 */
class SparseRoleCellsTest {
    @Test
    void agreesWithTheByteMapOnEveryChunkAndRange() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 40; trial++) {
            CowImageBuilder cow = CowImageBuilder.cow().chunkSizeSectors(1).deviceBytes(512L * 4000);
            for (int i = random.nextInt(0, 200); i > 0; i--) {
                cow.exception(random.nextLong(0, 5000), random.nextLong(1, 4300)); // some in metadata, past the end, shared
            }
            CowImage image = cow.read();
            ChunkCells dense = CowChunkMap.of(image, Progress.NONE).cells();
            assertThat(dense).isInstanceOf(ByteRoleCells.class);
            long[] used = new long[image.exceptions().size()];
            for (int i = 0; i < used.length; i++) {
                used[i] = image.exceptions().newChunk(i);
            }
            long[] suspect = image.findings().stream().filter(f -> f.location().isEntry())
                    .filter(f -> f.kind().name().startsWith("NEW_CHUNK") || f.kind().name().startsWith("SHARED")
                            || f.kind().name().startsWith("DUPLICATE"))
                    .mapToInt(f -> image.exceptions().entryAt(f.location().area(), f.location().index()))
                    .filter(e -> e >= 0).mapToLong(e -> image.exceptions().newChunk(e)).toArray();
            ChunkCells sparse = new SparseRoleCells(dense.chunkCount(), new AreaLayout(1), used, suspect);
            for (long c = 0; c < dense.chunkCount(); c++) {
                assertThat(sparse.roleAt(c)).as("trial %d chunk %d", trial, c).isEqualTo(dense.roleAt(c));
            }
            for (int r = 0; r < 200; r++) {
                long from = random.nextLong(0, dense.chunkCount());
                long to = random.nextLong(from + 1, dense.chunkCount() + 1);
                int[] a = new int[5];
                int[] b = new int[5];
                assertThat(sparse.countRoles(from, to, a)).isEqualTo(dense.countRoles(from, to, b));
                assertThat(a).as("[%d, %d)", from, to).isEqualTo(b);
            }
        }
    }

    @Test
    @Timeout(5)
    void sixteenTebibytesOf512ByteChunksMapWithoutAByteEach() throws Exception {
        CowImage image = CowImageBuilder.cow().chunkSizeSectors(1).deviceBytes(16L << 40).exceptions(0, 40)
                .exception(99, (1L << 34) + 7).readSparse();
        CowChunkMap map = CowChunkMap.of(image, Progress.NONE);
        assertThat(map.truncated()).isFalse();
        assertThat(map.chunkCount()).isEqualTo(1L << 35);
        assertThat(map.count(CowChunkRole.DATA)).isEqualTo(41);
        assertThat(map.count(CowChunkRole.METADATA)).isEqualTo(((1L << 35) - 2) / 33 + 1);
        assertThat(map.roleOf((1L << 34) + 7)).isEqualTo(CowChunkRole.DATA);
        assertThat(map.entryUsing((1L << 34) + 7)).isEqualTo(40);
        int[] raster = ChunkRaster.render(map.cells(), CowChunkRole.palette(), MapViewport.fit(map.chunkCount(), 800, 600));
        assertThat(raster).hasSize(800 * 600);
        assertThat(java.util.Arrays.stream(raster).filter(p -> p != ChunkPalette.BACKGROUND).count()).as("painted cells").isPositive();
    }
}
