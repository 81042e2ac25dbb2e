package dev.cowscope.android;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A fixture's writer calls ({@code inputs.json}) turned into the ops the writer emits, before any data is known:
 * the "estimate before writing" input. Labels, reopen-at-label truncation and v2 sequence ops are applied as the
 * writers apply them; data ops carry their block count, and the caller supplies stored lengths.
 */
public final class WriterCallReplay {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One planned op: type, blocks it covers, the first new block; sequence ops carry their data length, data ops
     * the content formula of each block they cover (fixtures README: TextBlock, RandomBlock, XOR with SourceBytes).
     */
    record PlannedOp(int type, long blocks, long newBlock, long sequenceBytes, List<String> contents) {
        PlannedOp(int type, long blocks, long newBlock, long sequenceBytes) {
            this(type, blocks, newBlock, sequenceBytes, List.of());
        }
    }

    final JsonNode inputs;
    final AndroidCowOptions options;
    final List<PlannedOp> ops = new ArrayList<>();
    long v3SequenceEntries;
    /** The Finalize call's {@code after_GetCowSizeInfo_cow_size}, -1 when never finalized. */
    long cowSize = -1;
    long opCountMax = -1;

    public static JsonNode inputs(Path dir) throws IOException {
        Path plain = dir.resolve("inputs.json");
        if (Files.exists(plain)) {
            return JSON.readTree(plain.toFile());
        }
        Path gz = dir.resolve("inputs.json.gz");
        if (!Files.exists(gz)) {
            return null;
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return JSON.readTree(in);
        }
    }

    /** The writer calls of fixture {@code name}; the test is skipped when the fixtures or its calls are absent. */
    public static JsonNode inputsOf(Path fixtures, String name) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fixtures), "fixtures not present");
        JsonNode inputs = inputs(fixtures.resolve(name));
        org.junit.jupiter.api.Assumptions.assumeTrue(inputs != null, "no writer calls recorded (AOSP's own write_cow output)");
        return inputs;
    }

    WriterCallReplay(JsonNode inputs) {
        this.inputs = inputs;
        JsonNode o = inputs.get("options");
        int version = 2;
        for (JsonNode c : inputs.get("calls")) {
            if (c.get("call").asText().equals("CreateCowWriter")) {
                version = c.get("version").asInt();
            }
        }
        options = new AndroidCowOptions(version, o.get("block_size").asLong(), o.get("cluster_ops").asLong(),
                o.get("scratch_space").asBoolean() ? AndroidCowLayout.SCRATCH_BYTES : 0, o.get("op_count_max").asLong(),
                o.get("max_blocks").isNull() ? -1 : o.get("max_blocks").asLong(), o.get("compression_factor").asLong(), false);
        replay(version >= 3);
    }

    private void replay(boolean v3) {
        AndroidCowLayout splitter = new AndroidCowLayout(options);
        Map<Long, Integer> labelAt = new HashMap<>();
        for (JsonNode c : inputs.get("calls")) {
            String call = c.get("call").asText();
            if (c.has("ok") && !c.get("ok").asBoolean()) {
                continue;
            }
            switch (call) {
                case "AddCopy" -> each(AndroidOpType.COPY, c.get("new_block").asLong(), c.get("num_blocks").asLong());
                case "AddZeroBlocks" -> each(AndroidOpType.ZERO, c.get("new_block_start").asLong(), c.get("num_blocks").asLong());
                case "AddRawBlocks", "AddXorBlocks" -> {
                    boolean xor = call.equals("AddXorBlocks");
                    long block = c.get("new_block_start").asLong();
                    List<String> contents = new ArrayList<>();
                    for (JsonNode b : c.get("blocks")) {
                        contents.add(b.has("xor_data") ? b.get("xor_data").asText() : b.get("content").asText());
                    }
                    int at = 0;
                    for (long n : splitter.dataOpBlocks(c.get("num_blocks").asLong(), xor)) {
                        ops.add(new PlannedOp(xor ? AndroidOpType.XOR : AndroidOpType.REPLACE, n, block, 0,
                                contents.subList(at, at + (int) n)));
                        block += n;
                        at += (int) n;
                    }
                }
                case "AddLabel" -> {
                    if (!v3) {
                        ops.add(new PlannedOp(AndroidOpType.LABEL, 0, 0, 0));
                    }
                    labelAt.put(c.get("label").asLong(), ops.size());
                }
                case "AddSequenceData" -> {
                    long entries = c.get("num_ops").asLong();
                    if (v3) {
                        v3SequenceEntries = entries;
                    } else {
                        long perOp = options.blockSize() * 2 / 4;
                        for (long left = entries; left > 0; left -= Math.min(left, perOp)) {
                            ops.add(new PlannedOp(AndroidOpType.SEQUENCE, 0, 0, Math.min(left, perOp) * 4));
                        }
                    }
                }
                case "CreateCowWriter(reopen at label)" -> {
                    int keep = labelAt.get(c.get("label").asLong());
                    ops.subList(keep, ops.size()).clear();
                }
                case "Finalize" -> {
                    cowSize = c.get("after_GetCowSizeInfo_cow_size").asLong();
                    opCountMax = c.get("after_GetCowSizeInfo_op_count_max").asLong();
                }
                default -> {
                }
            }
        }
    }

    private void each(int type, long first, long count) {
        for (long i = 0; i < count; i++) {
            ops.add(new PlannedOp(type, 1, first + i, 0));
        }
    }

    /** True when the writer was finalized last (its GetCowSizeInfo is recorded) and not destroyed after. */
    boolean finalized() {
        return cowSize >= 0;
    }
}
