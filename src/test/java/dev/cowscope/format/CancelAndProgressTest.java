package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.testkit.CowImageBuilder;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Progress seam: the walk reports one unit per area and stops when asked. */
class CancelAndProgressTest {
    @Test
    void theWalkReportsAreasAndStopsWhenCancelled(@TempDir Path dir) throws Exception {
        // 1 GiB sparse COW, 4 KiB chunks, 40 full areas
        Path file = CowImageBuilder.cow().deviceBytes(1L << 30).exceptions(0, 40 * 256).writeSparse(dir.resolve("big.cow"));
        CountingProgress counting = new CountingProgress(Long.MAX_VALUE);
        CowImage image = CowReader.read(file, ParseOptions.DEFAULT, counting);
        assertThat(image.exceptions().size()).isEqualTo(40 * 256);
        assertThat(counting.phase).isEqualTo("Reading exception areas");
        assertThat(counting.total).isEqualTo(1021); // metadata chunks 1, 258, … 262141 lie inside 262144 chunks
        assertThat(counting.worked).isEqualTo(41);  // 40 full areas + the zeroed next one

        CountingProgress cancelling = new CountingProgress(5);
        assertThatThrownBy(() -> CowReader.read(file, ParseOptions.DEFAULT, cancelling)).isInstanceOf(CancellationException.class);
        assertThat(cancelling.worked).isEqualTo(5);
    }

    /** Cancels once {@code limit} units were reported. */
    private static final class CountingProgress implements Progress {
        private final long limit;
        String phase;
        long total;
        long worked;

        CountingProgress(long limit) {
            this.limit = limit;
        }

        @Override
        public void begin(String phase, long totalWork) {
            this.phase = phase;
            this.total = totalWork;
            this.worked = 0;
        }

        @Override
        public void worked(long units) {
            worked += units;
        }

        @Override
        public boolean isCancelled() {
            return worked >= limit;
        }
    }
}
