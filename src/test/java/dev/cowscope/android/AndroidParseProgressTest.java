package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.Progress;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The op walk reports its progress and stops when asked, as the dm store's walk does. */
class AndroidParseProgressTest {
    private static final class Counting implements Progress {
        long total;
        long done;
        int calls;
        final int cancelAfter;

        Counting(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void begin(String phase, long totalWork) {
            total = totalWork;
        }

        @Override
        public void worked(long units) {
            done += units;
            calls++;
        }

        @Override
        public boolean isCancelled() {
            return calls > cancelAfter;
        }
    }

    @Test
    void aMillionOpV3WalkReportsEveryOpAndCanBeCancelled() throws Exception {
        byte[] file = MillionOpMergeTest.millionOps();
        Counting counting = new Counting(Integer.MAX_VALUE);
        AndroidCow cow = new AndroidCowParser().parse(new ByteArrayBlockSource("million.cow", file), OptionalLong.empty(), counting);
        assertThat(cow.parseOk()).isTrue();
        assertThat(counting.total).isEqualTo(cow.ops().size());
        assertThat(counting.done).isEqualTo(cow.ops().size());
        assertThat(counting.calls).isGreaterThan(1);

        assertThatThrownBy(() -> new AndroidCowParser().parse(new ByteArrayBlockSource("million.cow", file), OptionalLong.empty(),
                new Counting(1))).isInstanceOf(CancellationException.class);
    }

    @Test
    void aV2WalkCanBeCancelled() throws Exception {
        // 200 000 ops without clusters (a ZERO op each), then the footer
        int ops = 200_000;
        java.nio.ByteBuffer b = HostileAndroidCowTest.v2(38 + 20 * ops + 84, 0);
        for (int i = 0; i < ops; i++) {
            HostileAndroidCowTest.v2Op(b, 38 + 20 * i, AndroidOpType.ZERO, 0, 0, i, 0);
        }
        int footer = 38 + 20 * ops;
        HostileAndroidCowTest.v2Op(b, footer, AndroidOpType.FOOTER, 0, 64, ops, 0);
        Counting counting = new Counting(Integer.MAX_VALUE);
        AndroidCow cow = new AndroidCowParser().parse(new ByteArrayBlockSource("v2.cow", b.array()), OptionalLong.empty(), counting);
        assertThat(cow.ops().size()).isEqualTo(ops);
        assertThat(counting.calls).isGreaterThan(1);
        assertThat(counting.done).isLessThanOrEqualTo(counting.total);
        assertThatThrownBy(() -> new AndroidCowParser().parse(new ByteArrayBlockSource("v2.cow", b.array()), OptionalLong.empty(),
                new Counting(1))).isInstanceOf(CancellationException.class);
    }
}
