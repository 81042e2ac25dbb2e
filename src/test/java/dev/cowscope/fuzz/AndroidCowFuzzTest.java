package dev.cowscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowParser;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.Progress;
import dev.cowscope.report.AndroidInspectReport;
import dev.cowscope.report.ReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Android COW files (v2 and v3): one of AOSP's own fixtures mutated (bytes flipped, cut, spliced), or raw
 * bytes behind the magic, parsed to the end or at a label and reported. The only allowed refusal is a
 * {@link CowFormatException} (header-level: too short, wrong magic, absurd sizes); everything else must
 * come back as findings. A hang or an OutOfMemoryError is a bug.
 */
class AndroidCowFuzzTest {
    private static final String[] SEEDS = {"v2_lz4_c8", "v2_none_nofooter", "v2_gz_c8", "v3_lz4", "v3_lz4_resumed",
        "v3_zstd_cf64k", "v3_none_scratch_maxblocks"};
    private static final byte[][] FILES = AndroidSeeds.load(SEEDS);

    @FuzzTest(maxDuration = "10m")
    void parse(FuzzedDataProvider data) throws IOException {
        byte[] bytes = FILES[data.consumeInt(0, FILES.length - 1)].clone();
        if (bytes.length == 0 || data.consumeBoolean()) {
            byte[] rest = data.consumeRemainingAsBytes();
            bytes = java.util.Arrays.copyOf(new byte[] {0x21, 0x21, 0x57, 0x4f, 0x63, 0x77, 0x6f, 0x43}, 8 + rest.length);
            System.arraycopy(rest, 0, bytes, 8, rest.length);
        } else {
            for (int k = data.consumeInt(0, 16); k > 0 && bytes.length > 0; k--) {
                switch (data.consumeInt(0, 3)) {
                    case 0 -> bytes[data.consumeInt(0, bytes.length - 1)] ^= data.consumeByte();
                    case 1 -> {
                        int at = data.consumeInt(0, bytes.length - 1);
                        long v = data.consumeLong();
                        for (int b = 0; b < 8 && at + b < bytes.length; b++) {
                            bytes[at + b] = (byte) (v >>> (8 * b)); // a whole little-endian field
                        }
                    }
                    case 2 -> bytes = java.util.Arrays.copyOf(bytes, data.consumeInt(1, bytes.length));
                    default -> {
                        int from = data.consumeInt(0, bytes.length - 1);
                        int to = data.consumeInt(0, bytes.length - 1);
                        int n = data.consumeInt(0, Math.min(bytes.length - from, bytes.length - to));
                        System.arraycopy(bytes, from, bytes, to, n);
                    }
                }
            }
        }
        OptionalLong label = data.remainingBytes() > 0 && data.consumeBoolean() ? OptionalLong.of(data.consumeLong(0, 8))
                : OptionalLong.empty();
        Path file = Files.createTempFile("cowscope-fuzz-", ".cow");
        try {
            Files.write(file, bytes);
            AndroidCow cow = AndroidCowParser.read(file, label, Progress.NONE);
            ReportJson.toJson(AndroidInspectReport.of(cow));
        } catch (CowFormatException refused) {
            // header-level refusal, in words
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
