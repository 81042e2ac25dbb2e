package dev.cowscope.ui.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.report.SizingCsv;
import dev.cowscope.sizing.SizingRow;
import dev.cowscope.ui.common.CurrentThreadTaskRunner;
import dev.cowscope.ui.common.ErrorRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Plan tab's view model without a stage: jobs run at once on this thread. */
class PlanViewModelTest {
    private final List<String> errors = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final PlanViewModel model = new PlanViewModel(new CurrentThreadTaskRunner(), new ErrorRecorder(errors), statuses::add);

    @TempDir
    Path temp;

    @Test
    void startsWithAPlanForTheDefaultCountAt4KTo1M() {
        assertThat(model.rows()).extracting(SizingRow::chunkSizeSectors).containsExactly(8L, 16L, 32L, 64L, 128L, 256L, 512L, 1024L, 2048L);
        SizingRow fourK = model.rows().get(0);
        assertThat(fourK.changedChunks()).isEqualTo(1000);
        assertThat(fourK.cowSize().totalSectors()).isEqualTo(8040);
        assertThat(fourK.cowSize().threadFormulaChunks()).isEqualTo(fourK.cowSize().totalChunks());
        assertThat(fourK.recommended()).isTrue();
        assertThat(model.recommendationProperty().get()).startsWith("Recommended: 4K chunks — allocate 3.93 MiB (8 040 sectors)");
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.canExportProperty().get()).isTrue();
    }

    @Test
    void recomputesAsInputsChange() {
        model.inputs().chunkSizeSelectedProperty(1).set(true);
        model.inputs().chunkSizeSelectedProperty(2048).set(false);
        assertThat(model.rows()).extracting(SizingRow::chunkSizeSectors).startsWith(1L, 8L).doesNotContain(2048L);
        assertThat(model.rows()).filteredOn(SizingRow::recommended).extracting(SizingRow::chunkSizeSectors).containsExactly(1L);

        model.inputs().changedChunksProperty().set("12x");
        assertThat(model.planProperty().get()).isNull();
        assertThat(model.rows()).isEmpty();
        assertThat(model.problemProperty().get()).contains("Not a whole number");
        assertThat(model.canExportProperty().get()).isFalse();
        model.inputs().changedChunksProperty().set("257");
        assertThat(model.rows().get(1).cowSize().totalChunks()).isEqualTo(2 + 257 + 1);

        model.inputs().roundingProperty().set(PlanInputs.Rounding.LVM_EXTENT);
        assertThat(model.rows()).allSatisfy(r -> assertThat(r.allocationBytes() % (4L << 20)).isZero());
        model.inputs().roundingProperty().set(PlanInputs.Rounding.CUSTOM);
        model.inputs().customRoundingProperty().set("1000");
        assertThat(model.problemProperty().get()).contains("Rounding unit").contains("multiple of 512");
        model.inputs().customRoundingProperty().set("64K");
        assertThat(model.rows()).allSatisfy(r -> assertThat(r.allocationBytes() % 65536).isZero());
    }

    @Test
    void aMarginInPercentNeedsTheOriginSize() {
        model.inputs().marginProperty().set("5%");
        assertThat(model.planProperty().get()).isNull();
        assertThat(model.problemProperty().get()).contains("origin size");
        model.inputs().originSizeProperty().set("32M");
        SizingRow fourK = model.rows().get(0);
        assertThat(fourK.marginChunks()).isEqualTo(410);
        assertThat(fourK.plannedChunks()).isEqualTo(1410);
        model.inputs().marginProperty().set("5 parsecs");
        assertThat(model.problemProperty().get()).startsWith("Margin: ").contains("parsecs");
        assertThat(PlanInputs.marginError("5 parsecs")).isPresent();
        assertThat(PlanInputs.marginError("64M")).isEmpty();
        assertThat(PlanInputs.changedChunksError("")).isPresent();
        assertThat(PlanInputs.changedChunksError("1 000")).isEmpty();
        assertThat(PlanInputs.optionalSizeError("")).isEmpty();
        assertThat(PlanInputs.optionalSizeError("8Q")).isPresent();
    }

    @Test
    void chunkSizesTheKernelRefusesAreLeftOutWithItsReason() {
        model.inputs().chunkSizeSelectedProperty(1).set(true);
        model.inputs().chunkSizeSelectedProperty(4).set(true);
        model.inputs().originBlockBytesProperty().set(4096L);
        assertThat(model.inputs().refusedChunkSizes()).containsOnlyKeys(1L, 4L);
        assertThat(model.rows()).extracting(SizingRow::chunkSizeSectors).startsWith(8L);
        assertThat(model.changeNoteProperty().get()).contains("Chunk size is not a multiple of device blocksize").contains("512, 2K");
        for (long sectors : PlanInputs.CANDIDATE_CHUNK_SIZES_SECTORS) {
            model.inputs().chunkSizeSelectedProperty(sectors).set(sectors < 8);
        }
        assertThat(model.planProperty().get()).isNull();
        assertThat(model.problemProperty().get()).contains("Select at least one chunk size");
    }

    @Test
    void comparesAnImagePairAndExportsJsonAndCsv() throws IOException {
        byte[] old = new byte[4 << 20];
        byte[] changed = old.clone();
        for (int i = 0; i < 100; i++) {
            changed[i * 40000 + 7] = 1;
        }
        Path a = Files.write(temp.resolve("old.img"), old);
        Path b = Files.write(temp.resolve("new.img"), changed);
        model.setOldImage(a);
        assertThat(model.inputs().modeProperty().get()).isEqualTo(PlanInputs.Mode.IMAGE_PAIR);
        assertThat(model.problemProperty().get()).contains("Pick the old image");
        model.setNewImage(b);
        assertThat(model.measurement().measuringProperty().get()).isFalse();
        assertThat(errors).isEmpty();
        assertThat(model.rows().get(0).changedChunks()).isEqualTo(100);
        assertThat(model.rows().get(0).writeAmplification()).isPresent();
        assertThat(model.changeNoteProperty().get()).contains("100 changed sectors", "100 bytes differ");
        assertThat(statuses).last().asString().contains("100 changed sectors");

        model.inputs().marginProperty().set("1%");
        Path json = temp.resolve("plan.json");
        model.exportJson(json);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("source").asText()).isEqualTo("IMAGE_PAIR");
        assertThat(doc.get("marginBytes").asLong()).isEqualTo((4L << 20) / 100 + 1);
        assertThat(doc.get("rows")).hasSize(9);
        assertThat(doc.get("rows").get(0).get("changedChunks").asLong()).isEqualTo(100);
        assertThat(doc.get("recommendedChunkSizeSectors").asLong()).isEqualTo(8);

        Path csv = temp.resolve("plan.csv");
        model.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).isEqualTo(SizingCsv.HEADER);
        assertThat(lines.get(1)).startsWith("8,4096,100,");
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aMissingImageIsReportedThroughTheDialogService() {
        model.setOldImage(temp.resolve("absent.img"));
        model.setNewImage(temp.resolve("absent-too.img"));
        assertThat(errors).singleElement().asString().startsWith("Cannot measure the change").contains("absent.img");
        assertThat(model.planProperty().get()).isNull();
        assertThat(model.measurement().measuringProperty().get()).isFalse();
    }

    @Test
    void readsARangesFile() throws IOException {
        Path ranges = Files.writeString(temp.resolve("writes.txt"), "# offset length\n0 4K\n2K 4K\n1M 1\n");
        model.setRangesFile(ranges);
        assertThat(model.inputs().modeProperty().get()).isEqualTo(PlanInputs.Mode.RANGES);
        assertThat(model.rows().get(0).changedChunks()).isEqualTo(3);
        model.inputs().marginProperty().set("10%");
        assertThat(model.problemProperty().get()).contains("origin size");
        model.inputs().originSizeProperty().set("1G");
        assertThat(model.rows().get(0).marginChunks()).isEqualTo((1L << 30) / 10 / 4096 + 1);

        Path bad = Files.writeString(temp.resolve("bad.txt"), "0 4K\nnonsense\n");
        model.setRangesFile(bad);
        assertThat(errors).singleElement().asString().contains("line 2");
        assertThat(model.problemProperty().get()).contains("ranges file was not read");
    }
}
