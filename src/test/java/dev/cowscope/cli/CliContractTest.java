package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.Finding;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.CowImageBuilder;
import dev.cowscope.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line's contract: help, usage errors, unreadable input, JSON equal to the engine, inputs untouched. */
class CliContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> verbs() {
        return Stream.of("inspect", "exceptions", "view");
    }

    /** Every verb, given a file that is not there: one line naming the verb and the file, exit 3. */
    static Stream<List<String>> missingInputs() {
        String missing = "/nonexistent/cowscope-test.img";
        return Stream.of(List.of("inspect", missing), List.of("exceptions", missing), List.of("view", "--origin", missing, "--cow", missing, "-o", "/tmp/cowscope-unused.img"),
                List.of("size", "--ranges", missing), List.of("size", "--old", missing, "--new", missing),
                List.of("align", "--table", missing), List.of("align", "--filefrag", missing, "--device", "vdc"),
                List.of("merge", "plan", missing), List.of("merge", "apply", "--origin", missing, "--cow", missing, "-o", "/tmp/cowscope-unused.img"),
                List.of("fill-log", missing));
    }

    @ParameterizedTest
    @MethodSource("missingInputs")
    void everyVerbSaysAMissingInputTheSameWay(List<String> args) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.UNREADABLE);
        String verb = args.get(0).equals("merge") ? "merge " + args.get(1) : args.get(0);
        assertThat(run.err()).startsWith("cowscope " + verb + ": ").contains("/nonexistent/cowscope-test.img")
                .doesNotContain("Exception", "\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void rootHelpAndVersion() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("inspect", "exceptions", "view", "Exit codes");
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("CowScope ");
    }

    @ParameterizedTest
    @MethodSource("verbs")
    void helpExitsZero(String verb) {
        CliRun run = CliRun.of(verb, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: cowscope " + verb);
    }

    @ParameterizedTest
    @MethodSource("verbs")
    void unknownOptionIsAUsageError(String verb) {
        CliRun run = CliRun.of(verb, "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).containsAnyOf("Unknown option", "Missing required").contains("--help");
    }

    @Test
    void missingFileIsUnreadable(@TempDir Path dir) {
        CliRun run = CliRun.of("inspect", dir.resolve("nope.img").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("nope.img").contains("no such file").doesNotContain("Exception", "\tat ");
        assertThat(CliRun.of("exceptions", dir.resolve("nope.img").toString()).exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(CliRun.of("view", "--origin", dir.resolve("o").toString(), "--cow", dir.resolve("c").toString(),
                "-o", dir.resolve("out").toString()).exitCode()).isEqualTo(ExitCode.UNREADABLE);
    }

    @Test
    void notACowIsUnreadableWithAClearMessage(@TempDir Path dir) throws Exception {
        Path junk = Files.write(dir.resolve("junk.img"), "this is not a snapshot at all, just text".getBytes());
        CliRun run = CliRun.of("inspect", junk.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("not a dm-snapshot COW").contains("Invalid or corrupt snapshot").doesNotContain("\tat ");
        CliRun json = CliRun.of("inspect", "--json", junk.toString());
        assertThat(json.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(JSON.readTree(json.out()).path("state").asText()).isEqualTo("NOT_A_COW");
    }

    @Test
    void missingCowArgumentIsAUsageError() {
        assertThat(CliRun.of("inspect").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("inspect", "--sample", "x.img").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("inspect", "--sample", "--chunk-size", "banana").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("inspect", "--sample", "--fail-on", "panic").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void inspectJsonEqualsTheEngine() throws Exception {
        Path cowFile = Fixtures.scenario("b4-scatter1000").resolve("cow-after.img.gz");
        CliRun run = CliRun.of("inspect", "--json", "--areas", cowFile.toString());
        assertThat(run.exitCode()).isZero();
        JsonNode json = JSON.readTree(run.out());
        CowImage image = CowReader.read(cowFile, ParseOptions.DEFAULT, Progress.NONE);
        assertThat(json.path("source").path("path").asText()).isEqualTo(cowFile.toString());
        assertThat(json.path("source").path("sizeBytes").asLong()).isEqualTo(8L << 20);
        assertThat(json.path("source").path("kind").asText()).isEqualTo("gzip");
        assertThat(json.path("header").path("magic").asText()).isEqualTo("0x70416e53");
        assertThat(json.path("header").path("valid").asLong()).isEqualTo(1);
        assertThat(json.path("header").path("version").asLong()).isEqualTo(1);
        assertThat(json.path("header").path("chunkSizeSectors").asLong()).isEqualTo(8);
        assertThat(json.path("state").asText()).isEqualTo(image.state().name());
        assertThat(json.path("geometry").path("chunkSizeBytes").asLong()).isEqualTo(4096);
        assertThat(json.path("geometry").path("exceptionsPerArea").asLong()).isEqualTo(256);
        assertThat(json.path("geometry").path("deviceChunks").asLong()).isEqualTo(image.deviceChunks());
        assertThat(json.path("geometry").path("areas").asLong()).isEqualTo(image.areasRead());
        assertThat(json.path("exceptions").path("count").asLong()).isEqualTo(image.exceptions().size());
        assertThat(json.path("exceptions").path("consecutiveRuns").asLong()).isEqualTo(image.exceptions().consecutiveRuns());
        JsonNode usage = json.path("usage");
        assertThat(usage.path("sectorsAllocated").asLong()).isEqualTo(8040);
        assertThat(usage.path("totalSectors").asLong()).isEqualTo(16384);
        assertThat(usage.path("metadataSectors").asLong()).isEqualTo(40);
        assertThat(usage.path("percentFull").asDouble()).isEqualTo(49.07);
        assertThat(usage.path("dmsetupStatus").asText()).isEqualTo("8040/16384 40");
        assertThat(json.path("findings").isArray()).isTrue();
        assertThat(json.path("findings")).hasSize(image.findings().size());
        assertThat(json.path("areas")).hasSize(4);
        assertThat(json.path("areas").get(3).path("entries").asLong()).isEqualTo(1000 - 3 * 256);
        assertThat(json.path("headroom").path("chunks").asLong()).isEqualTo(image.headroomChunks());
    }

    @Test
    void findingsInJsonMatchTheEngine(@TempDir Path dir) throws Exception {
        Path damaged = CowImageBuilder.cow().exception(1, 2).exception(2, 258).exception(2, 4).writeTo(dir.resolve("d.img"));
        CliRun run = CliRun.of("inspect", "--json", damaged.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        CowImage image = CowReader.read(damaged, ParseOptions.DEFAULT, Progress.NONE);
        JsonNode findings = JSON.readTree(run.out()).path("findings");
        assertThat(findings).hasSize(image.findings().size());
        for (int i = 0; i < findings.size(); i++) {
            Finding f = image.findings().get(i);
            assertThat(findings.get(i).path("severity").asText()).isEqualTo(f.severity().name());
            assertThat(findings.get(i).path("kind").asText()).isEqualTo(f.kind().name());
            assertThat(findings.get(i).path("location").asText()).isEqualTo(f.location().toString());
            assertThat(findings.get(i).path("message").asText()).isEqualTo(f.message());
        }
    }

    @Test
    void failOnSetsTheExitCode() {
        Path invalid = Fixtures.scenario("e1-overflow-P").resolve("cow-after.img.gz");
        assertThat(CliRun.of("inspect", invalid.toString()).exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(CliRun.of("inspect", "--fail-on", "never", invalid.toString()).exitCode()).isZero();
        Path full = Fixtures.scenario("e2-overflow-PO").resolve("cow-after.img.gz");
        assertThat(CliRun.of("inspect", full.toString()).exitCode()).isZero();
        assertThat(CliRun.of("inspect", "--fail-on", "warning", full.toString()).exitCode()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void inspectTextShowsTheStatusLineVerbatim() {
        CliRun run = CliRun.of("inspect", Fixtures.scenario("b3-257").resolve("cow-after.img.gz").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("status          2080/4096 24").contains("VALID").contains("Findings (0)");
        CliRun invalid = CliRun.of("inspect", Fixtures.scenario("e1-overflow-P").resolve("cow-after.img.gz").toString());
        assertThat(invalid.out()).contains("status          Invalid").contains("STORE_INVALIDATED");
    }

    @Test
    void sampleRunsWithoutAFile() {
        CliRun run = CliRun.of("inspect", "--sample");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("8040/16384 40");
    }

    @Test
    void exceptionsCsvAndSorted() throws Exception {
        Path cowFile = Fixtures.scenario("b3-257").resolve("cow-after.img.gz");
        CliRun csv = CliRun.of("exceptions", "--csv", cowFile.toString());
        assertThat(csv.exitCode()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines).hasSize(258).first().isEqualTo("area,index,old_chunk,new_chunk");
        assertThat(lines.get(1)).startsWith("0,0,").endsWith(",2");
        assertThat(lines.get(257)).isEqualTo("1,0," + lines.get(257).split(",")[2] + ",259");
        List<Long> sortedOld = CliRun.of("exceptions", "--csv", "--sorted", cowFile.toString()).out().lines().skip(1)
                .map(l -> Long.parseLong(l.split(",")[2])).toList();
        assertThat(sortedOld).isSorted().hasSize(257);
        JsonNode json = JSON.readTree(CliRun.of("exceptions", "--json", cowFile.toString()).out());
        assertThat(json).hasSize(257);
        assertThat(json.get(0).path("newChunk").asLong()).isEqualTo(2);
        assertThat(CliRun.of("exceptions", "--csv", "--json", cowFile.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("exceptions", cowFile.toString()).out()).contains("old_chunk").contains("COW offset");
    }

    @Test
    void atShowsOnePlaceInTheFormFindingsPrint(@TempDir Path dir) throws Exception {
        Path damaged = CowImageBuilder.cow().exception(1, 2).exception(2, 258).writeTo(dir.resolve("d.img"));
        CliRun inspect = CliRun.of("inspect", "--json", damaged.toString());
        String location = JSON.readTree(inspect.out()).path("findings").get(0).path("location").asText();
        assertThat(location).isEqualTo("area 0 entry 1 @0x1010");
        assertThat(CliRun.of("exceptions", "--at", location, damaged.toString()).out())
                .isEqualTo("area 0 entry 1 @0x1010: old_chunk 2 -> new_chunk 258\n");
        assertThat(CliRun.of("exceptions", "--at", "chunk 2", damaged.toString()).out())
                .isEqualTo("chunk 2 @0x2000: data of origin chunk 1 (area 0 entry 0 @0x1000)\n");
        assertThat(CliRun.of("exceptions", "--at", "chunk 258", damaged.toString()).out()).contains("the metadata chunk of area 1");
        assertThat(CliRun.of("exceptions", "--at", "chunk 3", damaged.toString()).out()).contains("free");
        assertThat(CliRun.of("exceptions", "--at", "area 0 entry 9", damaged.toString()).out()).contains("no committed entry");
        assertThat(CliRun.of("exceptions", "--at", "somewhere", damaged.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void viewRebuildsTheKernelsBytesAndRefusesToOverwriteAnInput(@TempDir Path dir) throws Exception {
        Path scenario = Fixtures.scenario("d1-origin-writes");
        Path out = dir.resolve("view.img");
        CliRun run = CliRun.of("view", "--origin", scenario.resolve("origin-after.img.gz").toString(),
                "--cow", scenario.resolve("cow-after.img.gz").toString(), "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String expected = Fixtures.manifest(scenario).path("artifacts").path("snapshot-view").path("sha256").asText();
        assertThat(Fixtures.sha256(out)).isEqualTo(expected);
        assertThat(run.err()).contains(expected);
        assertThat(dir.toFile().list()).containsExactly("view.img"); // no temp file left behind
        Path copy = Files.copy(scenario.resolve("cow-after.img.gz"), dir.resolve("cow.img.gz"));
        CliRun clobber = CliRun.of("view", "--origin", scenario.resolve("origin-after.img.gz").toString(),
                "--cow", copy.toString(), "-o", copy.toString());
        assertThat(clobber.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(clobber.err()).contains("is one of the inputs");
    }

    @Test
    void viewOfAnInvalidatedStoreNeedsSalvage(@TempDir Path dir) {
        Path scenario = Fixtures.scenario("e1-overflow-P");
        String[] args = {"view", "--origin", scenario.resolve("origin-after.img.gz").toString(),
            "--cow", scenario.resolve("cow-after.img.gz").toString(), "-o", dir.resolve("v.img").toString()};
        CliRun refused = CliRun.of(args);
        assertThat(refused.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(refused.err()).contains("invalidated").contains("--salvage");
        String[] salvage = Stream.concat(Stream.of(args), Stream.of("--salvage")).toArray(String[]::new);
        CliRun salvaged = CliRun.of(salvage);
        assertThat(salvaged.exitCode()).isZero();
        assertThat(salvaged.err()).contains("warning: salvage:");
    }
}
