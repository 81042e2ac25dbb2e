package dev.cowscope.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkSizeRuleTest {
    @Test
    void acceptsPowersOfTwoFromOneSectorTo1GiB() {
        for (long cs = 1; cs <= 1L << 21; cs <<= 1) {
            assertThat(ChunkSizeRule.SECTOR_DEVICES.refusal(cs)).as("cs %d", cs).isEmpty();
        }
    }

    @Test
    void refusesWithTheKernelsWords() {
        ChunkSizeRule rule = ChunkSizeRule.SECTOR_DEVICES;
        assertThat(rule.refusal(0)).contains("Chunk size is not a power of 2");
        assertThat(rule.refusal(24)).contains("Chunk size is not a power of 2");
        assertThat(rule.refusal(1L << 22)).contains("Chunk size is too high");
        assertThat(new ChunkSizeRule(512, 4096).refusal(4)).contains("Chunk size is not a multiple of device blocksize");
        assertThat(new ChunkSizeRule(4096, 512).refusal(4)).contains("Chunk size is not a multiple of device blocksize");
        assertThat(new ChunkSizeRule(4096, 4096).refusal(8)).isEmpty();
        assertThatThrownBy(() -> new CowSizeCalculator(12)).hasMessage("Chunk size is not a power of 2");
    }

    @Test
    void checksInTheKernelsOrder() {
        // dm_exception_store_set_chunk_size: power of two, then block size, then the upper bound.
        assertThat(new ChunkSizeRule(4096, 512).refusal(3)).contains("Chunk size is not a power of 2");
        assertThat(new ChunkSizeRule(4096, 512).refusal(1L << 22)).contains("Chunk size is too high");
    }
}
