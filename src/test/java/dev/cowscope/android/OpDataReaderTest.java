package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every data op of every AOSP fixture ({@code reader.json}): the stored bytes' sha256, {@code ReadData}'s
 * return value and the decoded sha256 for a full-size read, and for multi-block ops the per-4K reads
 * ({@code ReadData(op, buf, 4096, k*4096)}), AOSP's -1 included.
 */
class OpDataReaderTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void everyDataOpDecodesAsAospReadData(String name) throws Exception {
        assumeTrue(Files.isDirectory(AospFixturesTest.FIXTURES), "fixtures not present");
        JsonNode expected = AospFixturesTest.readerJson(name);
        try (BlockSource source = BlockSources.open(AospFixturesTest.cow(name))) {
            AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
            if (!cow.parseOk()) {
                assertThat(expected.get("reader_parse_ok").asBoolean()).isFalse();
                return;
            }
            OpDataReader reader = new OpDataReader(source, cow);
            int checked = 0;
            for (JsonNode e : expected.get("ops")) {
                if (!e.has("raw_sha256")) {
                    continue;
                }
                int i = e.get("i").asInt();
                String at = name + " op " + i;
                assertThat(sha(reader.storedBytes(i), -1)).as(at).isEqualTo(e.get("raw_sha256").asText());
                if (!e.has("read_ret")) {
                    continue;
                }
                int opBuf = (int) reader.opBufSize(i);
                byte[] buffer = new byte[opBuf];
                long ret = reader.readData(i, buffer, opBuf, 0);
                assertThat(ret).as("%s: %s", at, reader.lastError()).isEqualTo(e.get("read_ret").asLong());
                if (ret >= 0) {
                    assertThat(sha(buffer, (int) Math.min(ret, opBuf))).as(at).isEqualTo(e.get("sha256").asText());
                }
                // the same read into the middle of a larger buffer (a target image decodes where the block goes):
                // the same return, the same bytes there, nothing written around them
                byte[] wide = new byte[opBuf + 301];
                java.util.Arrays.fill(wide, (byte) 0x5A);
                assertThat(reader.readData(i, wide, 150, opBuf, 0)).as(at + " at an offset").isEqualTo(ret);
                if (ret >= 0) {
                    int n = (int) Math.min(ret, opBuf);
                    assertThat(java.util.Arrays.copyOfRange(wide, 150, 150 + n)).as(at).isEqualTo(java.util.Arrays.copyOf(buffer, n));
                    assertThat(java.util.Arrays.copyOfRange(wide, 0, 150)).as(at + " before").containsOnly((byte) 0x5A);
                    assertThat(java.util.Arrays.copyOfRange(wide, 150 + opBuf, wide.length)).as(at + " after").containsOnly((byte) 0x5A);
                }
                checked++;
                for (JsonNode block : e.path("blocks")) {
                    long k = block.get("block").asLong() - e.get("new_block").asLong();
                    byte[] four = new byte[4096];
                    long r = reader.readData(i, four, 4096, k * 4096);
                    assertThat(r).as("%s block %d: %s", at, k, reader.lastError()).isEqualTo(block.get("read_ret").asLong());
                    byte[] offsetFour = new byte[4096 + 77];
                    assertThat(reader.readData(i, offsetFour, 77, 4096, k * 4096)).as("%s block %d at an offset", at, k).isEqualTo(r);
                    if (r >= 0) {
                        assertThat(java.util.Arrays.copyOfRange(offsetFour, 77, 77 + 4096)).as("%s block %d at an offset", at, k).isEqualTo(four);
                    }
                    if (r > 4096) {
                        // zstd returns the whole op's size for a 4K read; the oracle hashed that many bytes of a
                        // 4K buffer (memory past it), so compare with the block of the full read instead
                        assertThat(sha(four, 4096)).as("%s block %d", at, k)
                                .isEqualTo(sha(java.util.Arrays.copyOfRange(buffer, (int) k * 4096, (int) k * 4096 + 4096), -1));
                    } else if (r >= 0) {
                        assertThat(sha(four, (int) r)).as("%s block %d", at, k).isEqualTo(block.get("sha256").asText());
                    }
                }
            }
            assertThat(checked).as("data ops checked").isPositive();
        }
    }

    static String sha(byte[] bytes, int length) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(bytes, 0, length < 0 ? bytes.length : length);
        return HexFormat.of().formatHex(sha.digest());
    }
}
