package dev.cowscope.ui.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.merge.MergeWording;
import dev.cowscope.merge.StrategyComparison;
import org.junit.jupiter.api.Test;

class StrategyViewModelTest {

    @Test
    void defaultsGiveBothColumns() {
        StrategyViewModel s = new StrategyViewModel();
        assertThat(s.errorsProperty().get()).isEmpty();
        assertThat(s.rows()).extracting(MergeWording.StrategyRow::aspect).contains("Overflows", "On success", "On failure",
                "Rollback possible");
        assertThat(s.summaryProperty().get()).contains("1 000 update + 200 trial");
    }

    @Test
    void badInputsNameTheirFieldAndEmptyTheTable() {
        StrategyViewModel s = new StrategyViewModel();
        s.changedChunksProperty().set("lots");
        assertThat(s.errorsProperty().get()).containsKey(StrategyViewModel.Field.CHANGED);
        assertThat(s.rows()).isEmpty();
        assertThat(s.resultProperty().get()).isNull();
        s.changedChunksProperty().set("100");
        s.overlapProperty().set("300");
        assertThat(s.errorsProperty().get()).containsOnlyKeys(StrategyViewModel.Field.OVERLAP);
        s.overlapProperty().set("0");
        s.chunkSizeProperty().set("3K");
        assertThat(s.errorsProperty().get()).containsOnlyKeys(StrategyViewModel.Field.CHUNK_SIZE);
        s.chunkSizeProperty().set("4K");
        s.cowSizeProperty().set("4K");
        assertThat(s.errorsProperty().get()).containsOnlyKeys(StrategyViewModel.Field.COW_SIZE);
        s.cowSizeProperty().set("8M");
        assertThat(s.errorsProperty().get()).isEmpty();
        assertThat(s.rows()).isNotEmpty();
    }

    @Test
    void anOverflowingTrialShowsPoAgainstP() {
        StrategyViewModel s = new StrategyViewModel();
        s.changedChunksProperty().set("900");
        s.trialWritesProperty().set("500");
        s.cowSizeProperty().set("4M");
        s.storeProperty().set(StrategyComparison.Store.PO);
        StrategyComparison.Result r = s.resultProperty().get();
        assertThat(r.a().overflows()).isTrue();
        MergeWording.StrategyRow rollback = s.rows().stream().filter(row -> row.aspect().equals("Rollback possible")).findFirst().orElseThrow();
        assertThat(rollback.b()).isEqualTo("NO");
        assertThat(rollback.a()).isEqualTo("yes");
    }
}
