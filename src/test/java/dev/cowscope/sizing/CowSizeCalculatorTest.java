package dev.cowscope.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.SnapshotStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CowSizeCalculatorTest {
    private static final int MAX_N = 100_000;

    @ParameterizedTest(name = "cs = {0} sectors")
    @ValueSource(longs = {1, 2, 8, 16, 128, 1024})
    void minimumSizeEqualsTheAllocatorSimulationForEveryNUpTo100000(long cs) {
        CowSizeCalculator calculator = new CowSizeCalculator(cs);
        KernelAllocatorModel unbounded = new KernelAllocatorModel(cs, Long.MAX_VALUE / 2);
        long previousRequired = -1;
        for (int n = 0; n <= MAX_N; n++) {
            if (n > 0) {
                assertThat(unbounded.allocate()).isEqualTo(KernelAllocatorModel.Outcome.ALLOCATED);
            }
            long required = unbounded.requiredChunks();
            CowSize size = calculator.forChangedChunks(n);
            if (size.totalChunks() != required || size.threadFormulaChunks() != required) {
                throw new AssertionError("cs " + cs + " n " + n + ": simulation needs " + required
                        + " chunks, calculator says " + size.totalChunks() + ", thread formula " + size.threadFormulaChunks());
            }
            long requiredBytes = required * cs * 512;
            // The inverse at the minimum size holds n; one chunk less holds fewer.
            long fits = calculator.capacity(requiredBytes).maxChangedChunks();
            long fitsOneChunkLess = calculator.capacity(requiredBytes - cs * 512).maxChangedChunks();
            if (fits < n || (required > 2 && fitsOneChunkLess >= n)) {
                throw new AssertionError("cs " + cs + " n " + n + ": capacity(" + required + " chunks) = " + fits
                        + ", capacity(one less) = " + fitsOneChunkLess);
            }
            if (required != previousRequired) {
                // At each size step, nothing larger than n fits in exactly this many chunks... and the
                // kernel's own status line for n allocations matches.
                assertThat(calculator.statusAfter(n, requiredBytes, WhenFull.INVALIDATE).params())
                        .isEqualTo(unbounded.status().replace("/" + (Long.MAX_VALUE / 2) + " ", "/" + required * cs + " "));
                previousRequired = required;
            }
        }
    }

    @ParameterizedTest(name = "cs = {0} sectors")
    @ValueSource(longs = {1, 8, 16})
    void boundedSimulationAgreesWithCapacityAndStatusForEverySizeUpTo3000Chunks(long cs) {
        CowSizeCalculator calculator = new CowSizeCalculator(cs);
        for (long chunks = 0; chunks <= 3000; chunks++) {
            long cowSectors = chunks * cs + (chunks % 3 == 0 ? 0 : cs - 1); // trailing partial chunks are ignored
            KernelAllocatorModel model = new KernelAllocatorModel(cs, cowSectors);
            CowCapacity capacity = calculator.capacity(cowSectors * 512);
            assertThat(capacity.creatable()).isEqualTo(model.created());
            if (!model.created()) {
                assertThat(calculator.statusAfter(0, cowSectors * 512, WhenFull.INVALIDATE).state())
                        .isEqualTo(SnapshotStatus.State.NO_DEVICE);
                continue;
            }
            KernelAllocatorModel.Outcome outcome;
            while ((outcome = model.allocate()) == KernelAllocatorModel.Outcome.ALLOCATED) {
                // fill until the first failure
            }
            assertThat(model.allocations() - (outcome == KernelAllocatorModel.Outcome.INVALIDATED ? 1 : 0))
                    .as("chunks %d", chunks).isEqualTo(capacity.maxChangedChunks());
            SnapshotStatus.State expected = outcome == KernelAllocatorModel.Outcome.ENOSPC
                    ? SnapshotStatus.State.OVERFLOW : SnapshotStatus.State.INVALID;
            assertThat(calculator.statusAfter(capacity.maxChangedChunks() + 1, cowSectors * 512, WhenFull.OVERFLOW).state())
                    .as("chunks %d", chunks).isEqualTo(expected);
            assertThat(calculator.statusAfter(capacity.maxChangedChunks() + 1, cowSectors * 512, WhenFull.INVALIDATE).state())
                    .isEqualTo(SnapshotStatus.State.INVALID);
        }
    }

    @Test
    void workedExamplesOfTheSpec() {
        CowSizeCalculator calculator = new CowSizeCalculator(8);
        long twoMiB = 2L << 20;
        assertThat(calculator.statusAfter(0, twoMiB, WhenFull.INVALIDATE).params()).isEqualTo("16/4096 16");
        assertThat(calculator.statusAfter(1, twoMiB, WhenFull.INVALIDATE).params()).isEqualTo("24/4096 16");
        assertThat(calculator.statusAfter(256, twoMiB, WhenFull.INVALIDATE).params()).isEqualTo("2072/4096 24");
        assertThat(calculator.statusAfter(257, twoMiB, WhenFull.INVALIDATE).params()).isEqualTo("2080/4096 24");
        assertThat(calculator.capacity(twoMiB).maxChangedChunks()).isEqualTo(509);
        assertThat(calculator.statusAfter(509, twoMiB, WhenFull.INVALIDATE).params()).isEqualTo("4096/4096 24");
        assertThat(calculator.statusAfter(510, twoMiB, WhenFull.OVERFLOW).params()).isEqualTo("Overflow");
        assertThat(calculator.statusAfter(510, twoMiB, WhenFull.INVALIDATE).params()).isEqualTo("Invalid");
        assertThat(calculator.forChangedChunks(512).totalSectors()).isEqualTo(4128);
        assertThat(calculator.forChangedChunks(513).totalSectors()).isEqualTo(4136);
    }

    @Test
    void androidTestValues() {
        // partition_cow_creator_test.cpp, DmSnapCowSizeCalculator(512, 8)
        CowSizeCalculator calculator = new CowSizeCalculator(8);
        assertThat(calculator.forChangedChunks(0).totalSectors()).isEqualTo(16);
        assertThat(calculator.forChangedChunks(1).totalSectors()).isEqualTo(24);
        assertThat(calculator.forChangedChunks(2).totalSectors()).isEqualTo(32);
        assertThat(calculator.forChangedChunks(3).totalSectors()).isEqualTo(40);
    }

    @Test
    void splitsIntoHeaderMetadataAndData() {
        CowSize size = new CowSizeCalculator(8).forChangedChunks(1000);
        assertThat(size.headerChunks()).isEqualTo(1);
        assertThat(size.metadataChunks()).isEqualTo(4);
        assertThat(size.dataChunks()).isEqualTo(1000);
        assertThat(size.totalChunks()).isEqualTo(1005);
        assertThat(size.totalBytes()).isEqualTo(1005 * 4096L);
        assertThat(size.statusMetadataSectors()).isEqualTo(40);
    }

    @Test
    void exactAreaMultipleNeedsTheZeroedNextArea() {
        CowSizeCalculator calculator = new CowSizeCalculator(8);
        // 256 data chunks: prepare alone would accept 258 chunks, but filling area 0 zeroes chunk 258.
        assertThat(calculator.capacity(258 * 4096L).maxChangedChunks()).isEqualTo(255);
        assertThat(calculator.capacity(258 * 4096L).spareChunks()).isEqualTo(1);
        assertThat(calculator.statusAfter(256, 258 * 4096L, WhenFull.OVERFLOW).params()).isEqualTo("Invalid");
        assertThat(calculator.capacity(259 * 4096L).maxChangedChunks()).isEqualTo(256);
    }

    @Test
    void capacityCountsWholeChunksOnly() {
        CowCapacity capacity = new CowSizeCalculator(8).capacity(128 * 4096L + 4095);
        assertThat(capacity.usableChunks()).isEqualTo(128);
        assertThat(capacity.maxChangedChunks()).isEqualTo(126);
        assertThat(capacity.unusedTailBytes()).isEqualTo(4095);
        assertThat(new CowSizeCalculator(8).capacity(8191).creatable()).isFalse();
    }

    @Test
    void roundsTheAllocationUpToAUnit() {
        CowSize size = new CowSizeCalculator(8).forChangedChunks(1000);
        assertThat(size.allocationBytes(RoundingUnit.SECTOR)).isEqualTo(size.totalBytes());
        assertThat(size.allocationBytes(RoundingUnit.LVM_EXTENT_4M)).isEqualTo(4L << 20);
        assertThat(new RoundingUnit(4096).roundUp(4097)).isEqualTo(8192);
        assertThat(new RoundingUnit(4096).roundUp(0)).isZero();
        assertThatThrownBy(() -> new RoundingUnit(1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overflowIsAnErrorNotAWrongNumber() {
        CowSizeCalculator calculator = new CowSizeCalculator(1L << 21);
        assertThatThrownBy(() -> calculator.forChangedChunks(Long.MAX_VALUE / 2).totalBytes())
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> calculator.forChangedChunks(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
