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
        CommandLine cli = new CommandLine(new SizeCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
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
        assertThat(run("--ranges", bad.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("line 2");
        assertThat(run("--ranges", text.toString(), "--margin", "5%")).isEqualTo(ExitCode.USAGE);
    }
}
