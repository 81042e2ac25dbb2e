package dev.cowscope.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.merge.StrategyComparison.Inputs;
import dev.cowscope.merge.StrategyComparison.OverflowPhase;
import dev.cowscope.merge.StrategyComparison.Result;
import dev.cowscope.merge.StrategyComparison.Store;
import org.junit.jupiter.api.Test;

class StrategyComparisonTest {
    private static final long K4 = 4096;

    @Test
    void fitsWithRoomA_MergesOnSuccessB_MergesOnFailure() {
        Result r = StrategyComparison.compare(new Inputs(600, 100, 40, 64L << 20, K4, Store.PO));
        assertThat(r.chunksNeeded()).isEqualTo(660);
        assertThat(r.a().overflows()).isFalse();
        assertThat(r.a().statusAtEnd()).isEqualTo((2 + 660 + 2) * 8 + "/131072 32");
        assertThat(r.a().mergeChunksOnSuccess()).isEqualTo(660);
        assertThat(r.a().mergeChunksOnFailure()).isZero();
        assertThat(r.b().mergeChunksOnSuccess()).isZero();
        assertThat(r.b().mergeChunksOnFailure()).isEqualTo(660);
        assertThat(r.b().rollbackPossible()).isTrue();
        assertThat(r.minimumCowBytes()).isEqualTo((2 + 660 + 2) * K4);
    }

    /** e1/e2/e3/e4: a 512 KiB COW (cs 8) takes 126 chunks; the 127th overflows. */
    @Test
    void overflowMatchesTheKernelFixtures() {
        Result p = StrategyComparison.compare(new Inputs(200, 0, 0, 512 << 10, K4, Store.P));
        assertThat(p.capacityChunks()).isEqualTo(126);
        assertThat(p.a().overflowPhase()).isEqualTo(OverflowPhase.UPDATE);
        assertThat(p.a().copiesBeforeOverflow()).isEqualTo(126);
        assertThat(p.a().statusAtEnd()).isEqualTo("Invalid");                 // e1
        assertThat(p.b().statusAtEnd()).isEqualTo("Invalid");                 // e3
        Result po = StrategyComparison.compare(new Inputs(200, 0, 0, 512 << 10, K4, Store.PO));
        assertThat(po.a().statusAtEnd()).isEqualTo("Overflow");               // e2
        assertThat(po.a().sectorsAllocatedAtEnd()).isEqualTo(1024);           // e2 reactivated: 1024/1024 16
        assertThat(po.b().statusAtEnd()).isEqualTo("Invalid");                // e4: origin writes invalidate even with PO
        assertThat(po.b().rollbackPossible()).isFalse();
        assertThat(po.a().rollbackPossible()).isTrue();
    }

    @Test
    void exactFitAndOneChunkShortWhereTheAreaZeroingFails() {
        long exact = (2 + 256 + 1) * K4; // next_free(256) = 259 chunks
        assertThat(StrategyComparison.compare(new Inputs(256, 0, 0, exact, K4, Store.PO)).a().overflows()).isFalse();
        Result shortByOne = StrategyComparison.compare(new Inputs(200, 56, 0, exact - K4, K4, Store.PO));
        assertThat(shortByOne.capacityChunks()).isEqualTo(255);
        assertThat(shortByOne.a().overflowPhase()).isEqualTo(OverflowPhase.TRIAL);
        assertThat(shortByOne.a().statusAtEnd()).as("zero_disk_area past the end invalidates, PO or not").isEqualTo("Invalid");
        assertThat(shortByOne.a().kernelReaction()).contains("Error reading/writing");
    }

    @Test
    void rejectsImpossibleInputs() {
        assertThatThrownBy(() -> new Inputs(10, 5, 6, 1 << 20, K4, Store.P)).hasMessageContaining("overlap");
        assertThatThrownBy(() -> new Inputs(10, 5, 0, 1 << 20, 3000, Store.P)).hasMessageContaining("chunk size");
    }
}
