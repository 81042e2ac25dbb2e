package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both paths of the sort (radix on packed pairs, quicksort otherwise) give the (unsigned key, index) order. */
class PrimitiveSortTest {
    @ParameterizedTest
    @CsvSource({"100, 1000", "5000, 64", "200000, 16777216", "1500000, 268435456", "1200000, 3", "200000, 4611686018427387904", "70000, -1", "3000, 1"})
    void ordersByUnsignedKeyThenIndex(int n, long keyBound) {
        SplittableRandom random = new SplittableRandom(n ^ keyBound);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = keyBound == -1 ? random.nextLong() : random.nextLong(keyBound); // -1: the whole unsigned range
        }
        int[] index = shuffled(n, random);
        checkAgainstReference(keys, index);
    }

    @Property(tries = 200)
    void anyKeysAndIndexes(@ForAll @IntRange(min = 0, max = 5000) int n, @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long bound,
                           @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = random.nextInt(4) == 0 ? keys[Math.max(0, i - 1)] : random.nextLong(bound); // runs of equal keys
        }
        checkAgainstReference(keys, shuffled(n, random));
    }

    private static void checkAgainstReference(long[] keys, int[] index) {
        Integer[] order = IntStream.range(0, keys.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> keys[i] ^ Long.MIN_VALUE).thenComparingInt(i -> index[i]));
        long[] expectedKeys = Arrays.stream(order).mapToLong(i -> keys[i]).toArray();
        int[] expectedIndex = Arrays.stream(order).mapToInt(i -> index[i]).toArray();
        PrimitiveSort.sort(keys, index);
        assertThat(keys).isEqualTo(expectedKeys);
        assertThat(index).isEqualTo(expectedIndex);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] index = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        return index;
    }
}
