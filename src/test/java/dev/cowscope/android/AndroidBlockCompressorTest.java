package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.format.Progress;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our encoders against the lengths AOSP's writer stored: every data op of every fixture, its buffer regenerated
 * from the content formulas in {@code inputs.json}, compressed as the writer compresses it.
 */
class AndroidBlockCompressorTest {


    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void storedLengthsEqualTheWritersForEveryDataOp(String name) throws Exception {
        JsonNode inputs = WriterCallReplay.inputsOf(AospFixturesTest.FIXTURES, name);
        WriterCallReplay replay = new WriterCallReplay(inputs);
        AndroidBlockCompressor.Compression compression =
                AndroidBlockCompressor.Compression.parse(inputs.get("options").get("compression").asText());
        assumeTrue(compression.algorithm() != AndroidBlockCompressor.Algorithm.BROTLI, "no brotli encoder in Java");
        AndroidCow cow = AndroidCowParser.read(AospFixturesTest.cow(name), OptionalLong.empty(), Progress.NONE);
        AndroidCowOps fileOps = cow.ops();
        long compressorBlock = replay.options.version() >= 3 ? replay.options.compressionFactor() : replay.options.blockSize();
        int f = 0;
        int checked = 0;
        try (AndroidBlockCompressor compressor = new AndroidBlockCompressor(compression, replay.options.version(), compressorBlock)) {
            for (WriterCallReplay.PlannedOp op : replay.ops) {
                while (f < fileOps.size() && fileOps.type(f) == AndroidOpType.CLUSTER) {
                    f++;
                }
                if (f >= fileOps.size()) {
                    break; // an unfinalized file: the ops cached at the end never reached it
                }
                if (op.type() == AndroidOpType.REPLACE || op.type() == AndroidOpType.XOR) {
                    byte[] buffer = FixtureContent.concat(op.contents());
                    assertThat(compressor.storedLength(buffer, 0, buffer.length)).as("op %d (%s)", f, op.contents())
                            .isEqualTo(fileOps.dataLength(f));
                    checked++;
                }
                f++;
            }
        }
        assertThat(checked).isPositive();
    }

    /** The generator itself, against the sha256 the fixtures record for every written block. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void contentFormulasReproduceTheRecordedBlocks(String name) throws Exception {
        JsonNode inputs = WriterCallReplay.inputsOf(AospFixturesTest.FIXTURES, name);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int n = 0;
        for (JsonNode c : inputs.get("calls")) {
            for (JsonNode b : c.path("blocks")) {
                String formula = b.has("xor_data") ? b.get("xor_data").asText() : b.get("content").asText();
                String expected = b.has("xor_data_sha256") ? b.get("xor_data_sha256").asText() : b.get("sha256").asText();
                assertThat(HexFormat.of().formatHex(sha.digest(FixtureContent.block(formula)))).as(formula).isEqualTo(expected);
                if (++n > 200) {
                    return;
                }
            }
        }
    }

    @Test
    void compressionOptionsAreParsedAsTheWriterParsesThem() {
        assertThat(AndroidBlockCompressor.Compression.parse("gz").level()).isEqualTo(9);
        assertThat(AndroidBlockCompressor.Compression.parse("gz,1").level()).isEqualTo(1);
        assertThat(AndroidBlockCompressor.Compression.parse("zstd").level()).isEqualTo(3);
        assertThat(AndroidBlockCompressor.Compression.parse("").algorithm()).isEqualTo(AndroidBlockCompressor.Algorithm.NONE);
        assertThatThrownBy(() -> AndroidBlockCompressor.Compression.parse("xz")).hasMessageContaining("unrecognized");
        assertThatThrownBy(() -> AndroidBlockCompressor.Compression.parse("gz,x")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> AndroidBlockCompressor.Compression.parse("gz,1,2")).hasMessageContaining("at most one level");
        assertThatThrownBy(() -> new AndroidBlockCompressor(AndroidBlockCompressor.Compression.parse("brotli"), 3, 4096))
                .hasMessageContaining("no maintained Java brotli encoder");
    }

    @Test
    void incompressibleBuffersAreStoredRawExceptGzInV2() {
        byte[] random = FixtureContent.randomBlock(7);
        for (String c : new String[] {"lz4", "zstd", "none"}) {
            try (AndroidBlockCompressor v2 = new AndroidBlockCompressor(AndroidBlockCompressor.Compression.parse(c), 2, 4096)) {
                assertThat(v2.storedLength(random, 0, random.length)).as(c).isEqualTo(4096);
            }
        }
        try (AndroidBlockCompressor v2 = new AndroidBlockCompressor(AndroidBlockCompressor.Compression.parse("gz"), 2, 4096);
             AndroidBlockCompressor v3 = new AndroidBlockCompressor(AndroidBlockCompressor.Compression.parse("gz"), 3, 4096)) {
            assertThat(v2.storedLength(random, 0, random.length)).isGreaterThan(4096);
            assertThat(v3.storedLength(random, 0, random.length)).isEqualTo(4096);
        }
    }
}
