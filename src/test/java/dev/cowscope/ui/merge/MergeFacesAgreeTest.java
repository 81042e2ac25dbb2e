package dev.cowscope.ui.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.cli.Cli;
import dev.cowscope.format.Rates;
import dev.cowscope.merge.MergeWording;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Merge tab and {@code cowscope merge plan} on the same COW and inputs: the same estimate, the
 * same rate errors, and Export JSON writes exactly what {@code merge plan --json} prints.
 */
class MergeFacesAgreeTest {
    @AutoClose
    private final MergeFixture f = new MergeFixture();

    @TempDir
    Path temp;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private MergeViewModel tab(boolean withOrigin, String throughput, String latency) {
        MergeViewModel vm = new MergeViewModel(f.main);
        vm.shownProperty().set(true);
        f.main.open(f.cow);
        if (withOrigin) {
            f.main.attachOrigin(f.origin);
        }
        vm.estimate().throughputProperty().set(throughput);
        vm.estimate().flushLatencyProperty().set(latency);
        assertThat(vm.plan().planned()).as(vm.plan().messageProperty().get()).isNotNull();
        return vm;
    }

    @ParameterizedTest
    @ValueSource(strings = {"100M", "100", "1G/s", "512K"})
    void theTabAndMergePlanGiveTheSameTime(String throughput) {
        MergeViewModel vm = tab(false, throughput, "200us");
        Run run = cli("merge", "plan", "--throughput", throughput, "--flush-latency", "200us", f.cow.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String estimateRow = run.out().lines().filter(l -> l.startsWith("estimate ")).findFirst().orElseThrow();
        String tabSentence = MergeWording.estimate(vm.estimate().estimate());
        assertThat(estimateRow).endsWith(" " + tabSentence);
        assertThat(vm.estimate().estimateTextProperty().get()).startsWith(tabSentence);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "0", "", "100X", "99999999999999999999", "5Q"})
    void aBadThroughputIsRefusedWithTheCommandLinesMessage(String throughput) {
        MergeViewModel vm = tab(false, throughput, "5ms");
        Run run = cli("merge", "plan", "--throughput", throughput, f.cow.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        String message = vm.estimate().throughputErrorProperty().get();
        assertThat(message).isNotEmpty();
        assertThat(run.err()).contains("--throughput: " + message);
        assertThat(vm.estimate().errorProperty().get()).isEqualTo("Throughput: " + message);
        assertThat(vm.estimate().estimate()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "5 parsecs", "NaN", "Infinity", "1e999s"})
    void aBadLatencyIsRefusedWithTheCommandLinesMessage(String latency) {
        MergeViewModel vm = tab(false, "100M", latency);
        Run run = cli("merge", "plan", "--flush-latency", latency, f.cow.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        String message = vm.estimate().latencyErrorProperty().get();
        assertThat(message).isEqualTo(assertThrows(latency));
        assertThat(run.err()).contains("--flush-latency: " + message);
    }

    private static String assertThrows(String latency) {
        try {
            Rates.parseLatencyMillis(latency);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError(latency + " was accepted");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void exportJsonWritesWhatMergePlanJsonPrints(boolean withOrigin) throws Exception {
        MergeViewModel vm = tab(withOrigin, "50M", "0.5ms");
        Path out = temp.resolve("merge.json");
        assertThat(vm.export().canExportProperty().get()).isTrue();
        vm.export().exportJson(out);
        assertThat(f.errors).isEmpty();
        String cow = vm.plan().planned().plan().image().source().path();
        Run run = withOrigin
                ? cli("merge", "plan", "--json", "--origin", f.origin.toString(), "--throughput", "50M", "--flush-latency", "0.5ms", cow)
                : cli("merge", "plan", "--json", "--throughput", "50M", "--flush-latency", "0.5ms", cow);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(run.out());
        assertThat(run.out()).contains(withOrigin ? "\"finalStatus\" : \"0 65536 snapshot-merge " : "\"finalStatus\" : \"snapshot-merge ");
    }

    @Test
    void theStrategyTableAndMergeCompareSayTheSameRows() {
        StrategyViewModel tab = new StrategyViewModel();
        tab.changedChunksProperty().set("1 000");
        tab.trialWritesProperty().set("60");
        tab.cowSizeProperty().set("4M");
        tab.chunkSizeProperty().set("4K");
        Run run = cli("merge", "compare", "--changed-chunks", "1_000", "--trial-writes", "60", "--cow-size", "4M", "--chunk-size",
                "4K", "--store", tab.storeProperty().get().name());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(tab.rows()).hasSize(9).allSatisfy(row -> assertThat(run.out()).contains(row.aspect(), row.a(), row.b()));
    }
}
