package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SizeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return run(new SizeCommand(), args);
    }

    private int run(SizeCommand command, String... args) {
        return Cli.configure(new CommandLine(command), new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    @Test
    void helpExitsZero() {
        assertThat(run("--help")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("--changed-chunks", "--margin", "Examples:");
    }

    @Test
    void badOptionIsAUsageError() {
        assertThat(run("--bogus")).isEqualTo(ExitCode.USAGE);
        assertThat(run("--chunk-size", "4K")).isEqualTo(ExitCode.USAGE);
        assertThat(run("--chunk-size", "4K", "--changed-chunks", "3", "--cow-size", "8M")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aChunkSizeTheKernelRefusesIsAUsageErrorInItsWords() {
        assertThat(run("--chunk-size", "3K", "--changed-chunks", "10")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Chunk size is not a power of 2");
        assertThat(run("--chunk-size", "2G", "--changed-chunks", "10")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Chunk size is too high");
        assertThat(run("--chunk-size", "2K", "--origin-block-size", "4K", "--changed-chunks", "10")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Chunk size is not a multiple of device blocksize");
    }

    @Test
    void missingFileIsUnreadable(@TempDir Path dir) throws IOException {
        Path present = Files.write(dir.resolve("a.img"), new byte[4096]);
        assertThat(run("--old", dir.resolve("missing.img").toString(), "--new", present.toString())).isEqualTo(ExitCode.UNREADABLE);
        assertThat(err.toString()).contains("missing.img");
        assertThat(run("--ranges", dir.resolve("missing.txt").toString())).isEqualTo(ExitCode.UNREADABLE);
    }

    @Test
    void calculationAsJson() throws IOException {
        assertThat(run("--chunk-size", "4K", "--changed-chunks", "1000", "--round", "4M", "--json")).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("mode").asText()).isEqualTo("calculate");
        assertThat(json.get("totalSectors").asLong()).isEqualTo(8040);
        assertThat(json.get("threadFormulaSectors").asLong()).isEqualTo(8040);
        assertThat(json.get("allocationBytes").asLong()).isEqualTo(4L << 20);
        assertThat(json.get("dmsetupStatusWhenFull").asText()).isEqualTo("8040/8040 40");
    }

    @Test
    void capacityAsTextAndJson() throws IOException {
        assertThat(run("--chunk-size", "4K", "--cow-size", "2M")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("509 distinct changed chunks", "4096/4096 24", "Invalid", "Overflow");
        out.getBuffer().setLength(0);
        assertThat(run("--chunk-size", "4K", "--cow-size", "2M", "--json")).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("maxChangedChunks").asLong()).isEqualTo(509);
        assertThat(json.get("statusAfterOneMoreChunkPO").asText()).isEqualTo("Overflow");
    }

    @Test
    void planFromImagesAsJson(@TempDir Path dir) throws IOException {
        byte[] oldImage = new byte[8 << 20];
        byte[] newImage = oldImage.clone();
        for (int i = 0; i < 100; i++) {
            newImage[i * 65536 + 5] = 1;
        }
        Path a = Files.write(dir.resolve("old.img"), oldImage);
        Path b = Files.write(dir.resolve("new.img"), newImage);
        assertThat(run("--old", a.toString(), "--new", b.toString(), "--chunk-sizes", "4K,64K", "--margin", "1%", "--json"))
                .isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("changedBytes").asLong()).isEqualTo(100);
        assertThat(json.get("marginBytes").asLong()).isEqualTo((8L << 20) / 100 + 1);
        assertThat(json.get("rows")).hasSize(2);
        assertThat(json.get("rows").get(0).get("changedChunks").asLong()).isEqualTo(100);
        assertThat(json.get("rows").get(1).get("changedChunks").asLong()).isEqualTo(100);
        assertThat(json.get("recommendedChunkSizeSectors").asLong()).isEqualTo(8);
        assertThat(Files.readAllBytes(a)).isEqualTo(oldImage);
    }

    @Test
    void planFromRangesTextAndJson(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("w.txt"), "# offset length\n0 4K\n2K 4K\n1M 1\n");
        assertThat(run("--ranges", text.toString(), "--chunk-sizes", "4K")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("3 ranges", "*    4K");
        Path json = Files.writeString(dir.resolve("w.json"), "[{\"offset\": 0, \"length\": \"4K\"}, {\"offset\": \"1M\", \"length\": 1}]");
        out.getBuffer().setLength(0);
        assertThat(run("--ranges", json.toString(), "--chunk-sizes", "4K", "--json")).isEqualTo(ExitCode.OK);
        assertThat(new ObjectMapper().readTree(out.toString()).get("rows").get(0).get("changedChunks").asLong()).isEqualTo(2);
        Path bad = Files.writeString(dir.resolve("bad.txt"), "0 4K\nnonsense\n");
        assertThat(run("--ranges", bad.toString())).as("the file is unusable, not the command line").isEqualTo(ExitCode.UNREADABLE);
        assertThat(err.toString()).contains("line 2");
        assertThat(run("--ranges", text.toString(), "--margin", "5%")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void marginInChangedChunksMode() throws IOException {
        assertThat(run("--chunk-size", "4K", "--changed-chunks", "1000", "--margin", "4M", "--json")).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("changedChunks").asLong()).isEqualTo(1000);
        assertThat(json.get("marginChunks").asLong()).isEqualTo(1024);
        assertThat(json.get("plannedChunks").asLong()).isEqualTo(2024);
        assertThat(json.get("totalSectors").asLong()).isEqualTo((2 + 2024 + 2024 / 256) * 8L);
        assertThat(json.get("margin").asText()).isEqualTo("4M");

        out.getBuffer().setLength(0);
        assertThat(run("--chunk-size", "4K", "--changed-chunks", "1000", "--margin", "1%", "--origin-size", "32M")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("Margin            1% = 328 KiB", "= 82 chunks", "Planned chunks    1082", "Headroom: 82");
        assertThat(run("--chunk-size", "4K", "--changed-chunks", "1000", "--margin", "1%")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("origin size");
        assertThat(run("--chunk-size", "4K", "--cow-size", "8M", "--margin", "4M")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void planAsCsv(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("w.txt"), "0 4K\n1M 1\n");
        assertThat(run("--ranges", text.toString(), "--chunk-sizes", "4K,64K", "--csv")).isEqualTo(ExitCode.OK);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(dev.cowscope.report.SizingCsv.HEADER);
        assertThat(lines[1]).startsWith("8,4096,2,0,2,false,1,1,2,4,32,16384,").endsWith(",true");
        assertThat(lines[2]).startsWith("128,65536,2,");
        assertThat(run("--ranges", text.toString(), "--csv", "--json")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void theImagePassShowsAProgressLineOnStderr(@TempDir Path dir) throws IOException {
        byte[] image = new byte[6 << 20];
        Path a = Files.write(dir.resolve("old.img"), image);
        image[5 << 20] = 7;
        Path b = Files.write(dir.resolve("new.img"), image);
        SizeCommand command = new SizeCommand(TerminalProgress::always);
        assertThat(run(command, "--old", a.toString(), "--new", b.toString(), "--chunk-sizes", "4K")).isEqualTo(ExitCode.OK);
        assertThat(err.toString()).contains("\rComparing ").contains("old.img with ").contains("%");
        assertThat(err.toString()).endsWith("\r");
        assertThat(out.toString()).doesNotContain("Comparing");
        err.getBuffer().setLength(0);
        assertThat(run("--old", a.toString(), "--new", b.toString(), "--chunk-sizes", "4K")).isEqualTo(ExitCode.OK);
        assertThat(err.toString()).as("not a terminal: silent").isEmpty();
    }
}
