package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one throughput and latency syntax of {@code merge plan} and the Merge tab. */
class RatesTest {
    @Test
    void aThroughputIsASizePerSecondAndABareNumberIsBytes() {
        assertThat(Rates.parseThroughput("100M")).isEqualTo(100L << 20);
        assertThat(Rates.parseThroughput(" 100MiB/s ")).isEqualTo(100L << 20);
        assertThat(Rates.parseThroughput("100")).isEqualTo(100);
        assertThat(Rates.parseThroughput("8s")).isEqualTo(4096);
    }

    @Test
    void aBadThroughputSaysWhatWasExpected() {
        assertThatThrownBy(() -> Rates.parseThroughput(null)).hasMessage("empty size " + Rates.THROUGHPUT_HINT);
        assertThatThrownBy(() -> Rates.parseThroughput("0")).hasMessage("throughput must be positive " + Rates.THROUGHPUT_HINT);
        assertThatThrownBy(() -> Rates.parseThroughput("9999999T")).hasMessageStartingWith("size too large");
        assertThatThrownBy(() -> Rates.parseThroughput("/s")).hasMessageStartingWith("empty size");
    }

    @Test
    void aLatencyIsMillisecondsUnlessItSaysOtherwise() {
        assertThat(Rates.parseLatencyMillis("5")).isEqualTo(5);
        assertThat(Rates.parseLatencyMillis("5ms")).isEqualTo(5);
        assertThat(Rates.parseLatencyMillis("200us")).isEqualTo(0.2);
        assertThat(Rates.parseLatencyMillis("0.01s")).isEqualTo(10);
        for (String bad : new String[] {null, "", "fast", "-1", "NaN", "Infinity", "1e999s"}) {
            assertThatThrownBy(() -> Rates.parseLatencyMillis(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a latency");
        }
    }

    @Test
    void durationsReadLikeTheCommandLinesAlways() {
        assertThat(Rates.seconds(0.0125)).isEqualTo("12.5 ms");
        assertThat(Rates.seconds(3.25)).isEqualTo("3.25 s");
        assertThat(Rates.seconds(3725)).isEqualTo("1h 02m 05s");
    }
}
