package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The layout's counted paths against its op-by-op ones: {@code addRepeated} is {@code count} calls of {@code add},
 * and {@code countDataOps} the same ops {@code dataOpBlocks} cuts, whatever the writer, clusters and state.
 */
class AndroidCowLayoutRepeatTest {
    @Property(tries = 300)
    void repeatedOpsAreTheSameAsOneByOne(@ForAll @IntRange(min = 2, max = 3) int version,
                                         @ForAll("clusterOps") long clusterOps,
                                         @ForAll @IntRange(min = 0, max = 40) int before,
                                         @ForAll @IntRange(min = 0, max = 3000) int count,
                                         @ForAll @LongRange(min = 0, max = 70000) long length,
                                         @ForAll @IntRange(min = 0, max = 3) int typeChoice) {
        net.jqwik.api.Assume.that(version == 3 || clusterOps != 1); // the v2 writer refuses clusters of one
        int type = new int[] {AndroidOpType.REPLACE, AndroidOpType.COPY, AndroidOpType.XOR, AndroidOpType.ZERO}[typeChoice];
        AndroidCowOptions options = AndroidCowOptions.estimator(version, 4096, clusterOps, 4096);
        AndroidCowLayout oneByOne = new AndroidCowLayout(options);
        AndroidCowLayout counted = new AndroidCowLayout(options);
        for (int i = 0; i < before; i++) { // start anywhere in a cluster
            oneByOne.add(AndroidOpType.REPLACE, 100 + i);
            counted.add(AndroidOpType.REPLACE, 100 + i);
        }
        for (int i = 0; i < count; i++) {
            oneByOne.add(type, length);
        }
        counted.addRepeated(type, count, length);
        oneByOne.add(AndroidOpType.LABEL, 0);
        counted.add(AndroidOpType.LABEL, 0);
        assertThat(counted.size()).isEqualTo(oneByOne.size());
    }

    /** Any factor the options take (a multiple of the block size: 3 and 5 blocks too, which halve unevenly). */
    @Property(tries = 400)
    void countedCutsAreTheWritersCuts(@ForAll @IntRange(min = 2, max = 3) int version, @ForAll("clusterOps") long clusterOps,
                                      @ForAll @IntRange(min = 1, max = 130) int factorBlocks, @ForAll @IntRange(min = 0, max = 5000) int blocks) {
        net.jqwik.api.Assume.that(version == 3 || clusterOps != 1);
        AndroidCowOptions options = AndroidCowOptions.estimator(version, 4096, clusterOps, version == 3 ? 4096L * factorBlocks : 4096);
        AndroidCowLayout layout = new AndroidCowLayout(options);
        TreeMap<Long, Long> cut = new TreeMap<>();
        for (long opBlocks : layout.dataOpBlocks(blocks, false)) {
            cut.merge(opBlocks, 1L, Long::sum);
        }
        TreeMap<Long, Long> counted = new TreeMap<>();
        layout.countDataOps(blocks, (opBlocks, n) -> counted.merge(opBlocks, n, Long::sum));
        assertThat(counted).isEqualTo(cut);
    }

    /** A u32 cluster size and billions of ops: counted at once (one by one it took minutes, a fuzzer found). */
    @org.junit.jupiter.api.Test
    void hugeClustersAndCountsAreCountedAtOnce() {
        AndroidCowLayout layout = new AndroidCowLayout(AndroidCowOptions.estimator(2, 4096, 0xffffffffL, 4096));
        long start = System.nanoTime();
        layout.add(AndroidOpType.REPLACE, 4096);
        layout.addRepeated(AndroidOpType.REPLACE, 3_000_000_000L, 4096);
        layout.addRepeated(AndroidOpType.REPLACE, 2_000_000_000L, 4096); // closes the cluster and opens another
        assertThat(layout.size().ops()).isEqualTo(5_000_000_001L);
        assertThat(layout.size().clusterOps()).isEqualTo(2); // the closed one and the open one Finalize writes
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> clusterOps() {
        return net.jqwik.api.Arbitraries.oneOf(net.jqwik.api.Arbitraries.of(0L, 1L, 2L, 3L, 1024L),
                net.jqwik.api.Arbitraries.longs().between(0, 300), net.jqwik.api.Arbitraries.longs().between(0, 60));
    }
}
