package dev.cowscope.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizingPlanTest {
    private static final long ORIGIN = 32L << 20;

    /** 400 scattered 4 KiB writes, 64 KiB apart, on a 32 MiB origin. */
    private static ChangedChunks scattered() {
        List<ByteRange> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ranges.add(new ByteRange(i * 65536L, 4096));
        }
        return ChangedChunks.fromRanges(ranges, ORIGIN);
    }

    @Test
    void rowsFollowTheCalculatorAndRecommendTheSmallest() {
        SizingPlan plan = SizingPlan.build(scattered(), SizingPlan.defaultChunkSizesSectors(), Margin.NONE,
                RoundingUnit.SECTOR, ChunkSizeRule.SECTOR_DEVICES);
        assertThat(plan.rows()).hasSize(12);
        SizingRow fourK = plan.rows().get(3);
        assertThat(fourK.chunkSizeSectors()).isEqualTo(8);
        assertThat(fourK.changedChunks()).isEqualTo(400);
        assertThat(fourK.cowSize().totalBytes()).isEqualTo((2 + 400 + 1) * 4096L);
        assertThat(fourK.allocationBytes()).isEqualTo(fourK.cowSize().totalBytes());
        assertThat(fourK.writeAmplification()).hasValue((double) (403 * 4096) / (400 * 4096));
        assertThat(fourK.metadataOverheadPercent()).isCloseTo(100.0 * 3 / 403, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(plan.recommended()).get().extracting(SizingRow::chunkSizeSectors).isEqualTo(8L);
        assertThat(plan.rows().stream().filter(SizingRow::recommended)).hasSize(1);
    }

    @Test
    void tiesGoToTheLargerChunk() {
        ChangedChunks nothing = ChangedChunks.fromRanges(List.of(), ORIGIN);
        SizingPlan plan = SizingPlan.build(nothing, List.of(8L, 16L), Margin.NONE, RoundingUnit.LVM_EXTENT_4M, ChunkSizeRule.SECTOR_DEVICES);
        assertThat(plan.rows()).allSatisfy(r -> assertThat(r.allocationBytes()).isEqualTo(4L << 20));
        assertThat(plan.recommended()).get().extracting(SizingRow::chunkSizeSectors).isEqualTo(16L);
        assertThat(plan.rows().get(0).writeAmplification()).isEmpty();
    }

    @Test
    void marginBecomesExtraChunksAndIsCappedAtTheOrigin() {
        SizingPlan bytes = SizingPlan.build(scattered(), List.of(8L), Margin.parse("64M"), RoundingUnit.SECTOR, ChunkSizeRule.SECTOR_DEVICES);
        SizingRow row = bytes.rows().get(0);
        assertThat(row.marginChunks()).isEqualTo(16384);
        assertThat(row.cappedAtOrigin()).isTrue();
        assertThat(row.plannedChunks()).isEqualTo(8192);

        SizingPlan percent = SizingPlan.build(scattered(), List.of(8L), Margin.parse("2.5%"), new RoundingUnit(4L << 20), ChunkSizeRule.SECTOR_DEVICES);
        assertThat(percent.marginBytes()).isEqualTo((ORIGIN * 25 + 999) / 1000);
        assertThat(percent.rows().get(0).marginChunks()).isEqualTo((percent.marginBytes() + 4095) / 4096);
        assertThat(percent.rows().get(0).allocationBytes() % (4L << 20)).isZero();
        assertThat(Margin.parse("2.5%").describe()).isEqualTo("2.5%");
    }

    @Test
    void refusesWhatTheKernelRefuses() {
        assertThatThrownBy(() -> SizingPlan.build(scattered(), List.of(8L), Margin.NONE, RoundingUnit.SECTOR, new ChunkSizeRule(512, 8192)))
                .hasMessage("Chunk size is not a multiple of device blocksize");
        assertThatThrownBy(() -> SizingPlan.build(ChangedChunks.fromRanges(List.of(), 0), List.of(8L), Margin.parse("5%"),
                RoundingUnit.SECTOR, ChunkSizeRule.SECTOR_DEVICES)).hasMessageContaining("origin size");
        assertThatThrownBy(() -> Margin.parse("5.555%")).hasMessageContaining("5.555%");
    }

    @Test
    void aGivenCountIsTheSameAtEveryChunkSizeWithoutAmplification() {
        ChangedChunks given = ChangedChunks.given(1000, 0);
        assertThat(given.source()).isEqualTo(ChangedChunks.Source.GIVEN);
        assertThat(given.changedChunks(1)).isEqualTo(1000);
        assertThat(given.changedChunks(1L << 21)).isEqualTo(1000);
        SizingPlan plan = SizingPlan.build(given, List.of(8L, 128L), Margin.parse("4M"), RoundingUnit.SECTOR, ChunkSizeRule.SECTOR_DEVICES);
        assertThat(plan.rows().get(0).plannedChunks()).isEqualTo(1000 + 1024);
        assertThat(plan.rows().get(0).cowSize().totalSectors()).isEqualTo((2 + 2024 + 2024 / 256) * 8L);
        assertThat(plan.rows().get(1).marginChunks()).isEqualTo(64);
        assertThat(plan.rows()).allSatisfy(r -> assertThat(r.writeAmplification()).isEmpty());
        assertThat(plan.recommended()).get().extracting(SizingRow::chunkSizeSectors).isEqualTo(8L);
        assertThatThrownBy(() -> ChangedChunks.given(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SizingPlan.build(given, List.of(8L), Margin.parse("5%"), RoundingUnit.SECTOR, ChunkSizeRule.SECTOR_DEVICES))
                .hasMessageContaining("origin size");
    }
}
