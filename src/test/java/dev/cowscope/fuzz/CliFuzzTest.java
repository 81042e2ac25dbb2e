package dev.cowscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.cli.Cli;
import dev.cowscope.cli.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The command line with fuzzed argument vectors: every read-only verb, its options with hostile
 * values (huge, negative, empty, unit-suffixed, garbage), real and fuzzed files. Whatever comes
 * in, the exit code is 0–3 with a message: 4 (internal error) is a bug. {@code merge apply} is
 * left out (it writes into its origin); outputs go to a temporary folder.
 */
class CliFuzzTest {
    private static final String[] VERBS = {"inspect", "exceptions", "view", "size", "align", "merge plan", "merge compare"};
    private static final String[][] OPTIONS = {
        {"--json", "--areas", "--chunk-size", "--lbs", "--fail-on", "--sample"},
        {"--csv", "--json", "--sorted", "--at", "--chunk-size", "--lbs", "--sample"},
        {"--origin", "--cow", "-o", "--salvage", "--chunk-size", "--sample"},
        {"--chunk-size", "--changed-chunks", "--cow-size", "--old", "--new", "--ranges", "--origin-size", "--chunk-sizes",
            "--margin", "--round", "--cow-block-size", "--origin-block-size", "--json", "--csv"},
        {"--block-size", "--device", "--device-size", "--file", "--filefrag", "--hex", "--json", "--kernel", "--limits",
            "--part-start", "--table", "--wanted-size"},
        {"--flush-latency", "--json", "--origin", "--steps", "--throughput", "--chunk-size"},
        {"--chunk-size", "--store", "--changed-chunks", "--cow-size", "--json", "--overlap", "--trial-writes"}};
    private static final String[] VALUES = {"0", "1", "-1", "512", "4K", "8s", "2G", "8388607T", "9223372036854775807",
        "-9223372036854775808", "18446744073709551616", "", " ", "1e3", "0x10", "4.5K", "100M", "200us", "5ms", "P", "PO",
        "error", "warning", "v6.1", "lbs=512,pbs=4096", "lbs=512,io-opt=8388607T", "size=0", "area 0 entry 1",
        "chunk 3", "4K,16K,64K", "10%", "/dev/vdc1 x", "/dev/null", "/dev/zero", "/nonexistent"};
    /** Kernel fixtures the verbs read: a COW, its origin, filefrag output and tables (used as copies). */
    private static final String[] INPUTS = {"b3-257/cow-after.img.gz", "b3-257/origin-before.img.gz",
        "p4-alignment/files/fs1k/falloc8M.filefrag-v.txt", "p4-alignment/tables/lbs4k-len-2047/table.txt",
        "p4-alignment/tables/fiemap-fs1k-frag6M/table.txt"};
    private static String[] copies;
    private static Path dir;
    private static Path fuzzFile;

    @BeforeAll
    static void files() throws IOException {
        dir = Files.createTempDirectory("cowscope-cli-fuzz");
        fuzzFile = dir.resolve("input");
        // copies: a verb that writes may be handed any path, and ../shared must never be one (root ignores its r-x)
        Path fixtures = Path.of(System.getProperty("cowscope.fixtures", "../shared/fixtures/kernel"));
        copies = new String[INPUTS.length];
        for (int i = 0; i < INPUTS.length; i++) {
            Path copy = dir.resolve("fixture-" + i + "-" + Path.of(INPUTS[i]).getFileName());
            Files.copy(fixtures.resolve(INPUTS[i]), copy);
            copies[i] = copy.toString();
        }
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "10m")
    void argv(FuzzedDataProvider data) {
        int verb = data.consumeInt(0, VERBS.length - 1);
        List<String> args = new ArrayList<>(List.of(VERBS[verb].split(" ")));
        for (int k = data.consumeInt(0, 6); k > 0; k--) {
            String option = data.pickValue(OPTIONS[verb]);
            args.add(option);
            if (option.equals("-o") || data.consumeInt(0, 5) > 0) { // -o always gets its own value: no input is ever an output
                args.add(value(data, option));
            }
        }
        if (data.consumeBoolean()) {
            args.add(file(data));
        }
        StringWriter err = new StringWriter();
        int code = Cli.execute(new PrintWriter(Writer.nullWriter()), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(code).as("%s → %s", args, err).isBetween(ExitCode.OK, ExitCode.UNREADABLE);
    }

    private static String value(FuzzedDataProvider data, String option) {
        if (option.equals("-o")) {
            return dir.resolve("out-" + data.consumeInt(0, 3)).toString();
        }
        switch (data.consumeInt(0, 3)) {
            case 0:
                return data.consumeString(40);
            case 1:
                return Long.toString(data.consumeLong()) + data.pickValue(new String[] {"", "s", "K", "M", "G", "T", "%"});
            case 2:
                return file(data);
            default:
                return data.pickValue(VALUES);
        }
    }

    /** A copy of a kernel fixture, a file of fuzzed bytes, or a path that is no image. */
    private static String file(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 2)) {
            case 0:
                return data.pickValue(copies);
            case 1:
                try {
                    Files.write(fuzzFile, data.consumeBytes(8192));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return fuzzFile.toString();
            default:
                return data.pickValue(new String[] {"/dev/null", "/dev/zero", "/nonexistent", dir.toString()});
        }
    }
}
