package dev.cowscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.CowImage;
import dev.cowscope.testkit.CowImageBuilder;
import org.junit.jupiter.api.Test;

/** Issue #12 item 20: an origin that cannot hold the remapped chunks is the wrong origin, unless a partial view is asked for. */
class ShortOriginTest {
    private static final int CHUNK = 4096;

    private final CowImageBuilder builder = CowImageBuilder.cow().chunkSizeSectors(8).exception(3).exception(9);

    @Test
    void anOriginEndingBeforeARemappedChunkIsRefused() throws Exception {
        CowImage image = builder.read();
        BlockSource cow = new ByteArrayBlockSource("test.cow", builder.bytes());
        BlockSource origin = new ByteArrayBlockSource("short.img", new byte[9 * CHUNK]); // chunks 0..8: chunk 9 is past the end
        assertThatThrownBy(() -> new SnapshotView(origin, image, cow, false)).isInstanceOf(SnapshotViewException.class)
                .hasMessageContaining("1 entries remap origin chunks past the end of the origin short.img (36864 bytes, 9 chunks; "
                        + "the highest remapped chunk is 9)");
        assertThatThrownBy(() -> new SnapshotView(origin, image, cow, true)).as("salvage is another thing")
                .isInstanceOf(SnapshotViewException.class);
        SnapshotView partial = new SnapshotView(origin, image, cow, false, true);
        assertThat(partial.warnings()).singleElement().asString().contains("partial view");
        assertThat(partial.sizeBytes()).isEqualTo(9 * CHUNK);
    }

    @Test
    void anOriginEndingInsideTheLastRemappedChunkIsLongEnough() throws Exception {
        CowImage image = builder.read();
        BlockSource cow = new ByteArrayBlockSource("test.cow", builder.bytes());
        BlockSource origin = new ByteArrayBlockSource("origin.img", new byte[9 * CHUNK + 512]); // chunk 9 partly there
        assertThat(new SnapshotView(origin, image, cow, false).warnings()).isEmpty();
    }
}
