package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON of {@code merge plan} and {@code merge compare} is a contract: the golden files under
 * {@code cli/merge-json} were captured from the CLI before its JSON got its own report records,
 * and every later output must equal them byte for byte ({@code @COW@} stands for the COW's path).
 */
class MergeJsonContractTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plan-b2-256          | b2-256/cow-after.img.gz       |",
        "plan-f1-premerge     | f1-merge/cow-premerge.img.gz  |",
        "plan-a-fresh         | a-fresh/cow-before.img.gz     |",
        "plan-b4-origin-rates | b4-scatter1000/cow-after.img.gz | --origin b4-scatter1000/origin-after.img.gz --throughput 50M --flush-latency 200us",
        "plan-b6-steps-origin | b6-twice/cow-after.img.gz     | --steps --origin b6-twice/origin-after.img.gz",
    })
    void mergePlanJsonIsUnchanged(String golden, String cow, String options) {
        Path cowPath = Fixtures.root().resolve(cow);
        List<String> args = new ArrayList<>(List.of("merge", "plan", "--json"));
        if (options != null) {
            for (String word : options.strip().split(" +")) {
                args.add(word.endsWith(".gz") ? Fixtures.root().resolve(word).toString() : word);
            }
        }
        args.add(cowPath.toString());
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().replace(cowPath.toString(), "@COW@")).isEqualTo(golden(golden));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "compare-p           | --changed-chunks 100 --trial-writes 50 --overlap 10 --cow-size 64M --chunk-size 4K --store P",
        "compare-po-overflow | --changed-chunks 100000 --trial-writes 5000 --cow-size 8M --chunk-size 8s --store PO",
    })
    void mergeCompareJsonIsUnchanged(String golden, String options) {
        List<String> args = new ArrayList<>(List.of("merge", "compare", "--json"));
        args.addAll(List.of(options.strip().split(" +")));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(golden(golden));
    }

    static String golden(String name) {
        try (InputStream in = MergeJsonContractTest.class.getResourceAsStream("merge-json/" + name + ".json")) {
            assertThat(in).as("golden file merge-json/" + name + ".json").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
