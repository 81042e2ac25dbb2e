package dev.cowscope.ui.alignment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.alignment.LimitsInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The p4-alignment kernel fixture as the tab tests use it: fs1k/frag6M, its limits and what the kernel printed. */
final class AlignmentFixture {
    static final String TABLE = "fiemap-fs1k-frag6M";

    private AlignmentFixture() {
    }

    static Path p4() {
        Path root = Path.of(System.getProperty("cowscope.fixtures", "../shared/fixtures/kernel"));
        Path dir = root.resolve("p4-alignment");
        if (!Files.exists(dir.resolve("manifest.json"))) {
            throw new IllegalStateException("kernel fixtures missing at " + dir.toAbsolutePath() + " (set -Dcowscope.fixtures)");
        }
        return dir;
    }

    static String frag6mFilefrag() throws IOException {
        return Files.readString(p4().resolve("files/fs1k/frag6M.filefrag-v.txt"));
    }

    static JsonNode table() throws IOException {
        return new ObjectMapper().readTree(p4().resolve("manifest.json").toFile()).get("tables").get(TABLE);
    }

    /** The underlying device's limits as the limits editor takes them. */
    static LimitsInput limits() throws IOException {
        JsonNode l = table().get("underlying_limits");
        return new LimitsInput(l.get("queue/logical_block_size").asText(), l.get("queue/physical_block_size").asText(),
            l.get("queue/minimum_io_size").asText(), l.get("queue/optimal_io_size").asText(),
            l.get("alignment_offset").asText(), "0", l.get("size").asText());
    }

    /** The dmesg lines without the timestamp and the dm device's {@code 253:0: }. */
    static List<String> dmesg() throws IOException {
        List<String> lines = new ArrayList<>();
        table().get("dmesg").forEach(n -> lines.add(n.asText().replaceFirst("^\\[\\s*\\d+\\.\\d+\\] ", "")
            .replaceFirst("^(device-mapper: \\w+: )\\d+:\\d+: ", "$1")));
        return lines;
    }

    /** The table the fixture loaded, newline-terminated. */
    static String tableText() throws IOException {
        StringBuilder sb = new StringBuilder();
        table().get("table").forEach(n -> sb.append(n.asText()).append('\n'));
        return sb.toString();
    }
}
