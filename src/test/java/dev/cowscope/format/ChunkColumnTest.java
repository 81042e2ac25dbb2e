package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The column reads back exactly what was appended, narrow or widened, by every way in. */
class ChunkColumnTest {

    @Property(tries = 60)
    void readsBackWhatWasAppendedAcrossAWiden(@ForAll @IntRange(min = 0, max = 3 * ChunkColumn.PAGE_SIZE / 2) int count,
            @ForAll @IntRange(min = -1, max = 3 * ChunkColumn.PAGE_SIZE / 2) int wideAt, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] expected = new long[count];
        for (int i = 0; i < count; i++) {
            expected[i] = i == wideAt ? (random.nextBoolean() ? 1L << 32 : -1L - random.nextInt(5)) : random.nextLong(1L << 32);
        }
        ChunkColumn column = new ChunkColumn();
        int i = 0;
        while (i < count) { // single values and strided runs, mixed
            if (random.nextInt(4) == 0) {
                column.add(expected[i++]);
            } else {
                int run = Math.min(count - i, 1 + random.nextInt(9000));
                long[] pairs = new long[2 * run];
                for (int j = 0; j < run; j++) {
                    pairs[2 * j] = expected[i + j];
                    pairs[2 * j + 1] = random.nextLong();
                }
                column.addStrided(pairs, 0, run, 2);
                i += run;
            }
        }
        assertThat(column.size()).isEqualTo(count);
        assertThat(column.isNarrow()).isEqualTo(wideAt < 0 || wideAt >= count);
        for (int k = 0; k < count; k += 1 + k / 7) {
            assertThat(column.get(k)).as("value %d", k).isEqualTo(expected[k]);
        }
        int from = count == 0 ? 0 : random.nextInt(count);
        long[] visited = new long[count];
        int[] at = {from};
        column.forEachRun(from, count, (values, start, end) -> {
            System.arraycopy(values, start, visited, at[0], end - start);
            at[0] += end - start;
        });
        assertThat(at[0]).isEqualTo(count);
        assertThat(java.util.Arrays.copyOfRange(visited, from, count)).isEqualTo(java.util.Arrays.copyOfRange(expected, from, count));
    }

    @Test
    void aNarrowColumnCostsFourBytesAValueAndAWideOneEight() {
        ChunkColumn column = new ChunkColumn();
        for (int i = 0; i < 2 * ChunkColumn.PAGE_SIZE; i++) {
            column.add(0xFFFF_FFFFL - i);
        }
        assertThat(column.retainedBytes()).isBetween(8L * ChunkColumn.PAGE_SIZE, 8L * ChunkColumn.PAGE_SIZE + 1024);
        assertThat(column.narrowPage(1)).hasSize(ChunkColumn.PAGE_SIZE);
        column.add(1L << 40);
        assertThat(column.isNarrow()).isFalse();
        assertThat(column.narrowPage(0)).isNull();
        assertThat(column.get(0)).isEqualTo(0xFFFF_FFFFL);
        assertThat(column.get(2 * ChunkColumn.PAGE_SIZE)).isEqualTo(1L << 40);
        assertThat(column.retainedBytes()).isGreaterThan(24L * ChunkColumn.PAGE_SIZE);
    }
}
