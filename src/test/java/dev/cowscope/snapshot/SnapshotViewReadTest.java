package dev.cowscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reads of any range, aligned to chunks or not, give the bytes of the streamed view, which the kernel's device had. */
class SnapshotViewReadTest {
    @Test
    void anyRangeReadsWhatTheStreamedViewHolds() throws Exception {
        Path f1 = Fixtures.scenario("f1-merge");
        try (BlockSource origin = BlockSources.open(f1.resolve("origin-before.img.gz"));
             BlockSource cowSource = BlockSources.open(f1.resolve("cow-premerge.img.gz"))) {
            CowImage cow = new CowReader(ParseOptions.DEFAULT).read(cowSource, Progress.NONE);
            SnapshotView view = new SnapshotView(origin, cow, cowSource, false);
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            SnapshotView.Result streamed = view.stream(Channels.newChannel(whole), Progress.NONE);
            byte[] expected = whole.toByteArray();
            assertThat(Fixtures.sha256(expected)).isEqualTo(streamed.sha256());
            assertThat(streamed.remappedChunks()).isEqualTo(600);

            Random random = new Random(7);
            for (int i = 0; i < 300; i++) {
                int from = random.nextInt(expected.length);
                int length = 1 + random.nextInt(Math.min(expected.length - from, i % 3 == 0 ? 100 : 300_000));
                ByteBuffer dst = ByteBuffer.allocate(length + 8);
                dst.position(5).limit(5 + length); // a buffer that does not start at 0
                view.read(from, dst);
                assertThat(dst.position()).isEqualTo(5 + length);
                assertThat(Arrays.copyOfRange(dst.array(), 5, 5 + length)).as("bytes [%d, +%d)", from, length)
                        .isEqualTo(Arrays.copyOfRange(expected, from, from + length));
            }
        }
    }
}
