package dev.cowscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowParser;
import dev.cowscope.android.AndroidMergeOrder;
import dev.cowscope.android.AndroidMergePlan;
import dev.cowscope.android.TargetBlocks;
import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.Progress;
import dev.cowscope.report.AndroidInspectReport;
import dev.cowscope.report.AndroidOpsWriter;
import dev.cowscope.report.AndroidMergePlanReport;
import dev.cowscope.report.ReportJson;
import dev.cowscope.testkit.AndroidParseSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Android COW files (v2 and v3): one of AOSP's own fixtures mutated (bytes flipped, cut, spliced), or raw
 * bytes behind the magic, parsed to the end or at a label and reported. The only allowed refusal is a
 * {@link CowFormatException} (header-level: too short, wrong magic, absurd sizes); everything else must
 * come back as findings. A hang or an OutOfMemoryError is a bug. {@code mergePlan} goes on to AOSP's merge
 * preparation and its report; its only other allowed refusal is sequence data longer than memory holds.
 */
class AndroidCowFuzzTest {
    private static final String[] SEEDS = {"v2_lz4_c8", "v2_none_nofooter", "v2_gz_c8", "v3_lz4", "v3_lz4_resumed",
        "v3_zstd_cf64k", "v3_none_scratch_maxblocks", "v2_lz4_seq", "v3_lz4_seq", "v2_none_merge_progress"};
    private static final byte[][] FILES = AndroidSeeds.load(SEEDS);

    @FuzzTest(maxDuration = "10m")
    void parse(FuzzedDataProvider data) throws IOException {
        byte[] bytes = mutated(data);
        OptionalLong label = data.remainingBytes() > 0 && data.consumeBoolean() ? OptionalLong.of(data.consumeLong(0, 8))
                : OptionalLong.empty();
        Path file = Files.createTempFile("cowscope-fuzz-", ".cow");
        try {
            Files.write(file, bytes);
            AndroidCow cow = AndroidCowParser.read(file, label, Progress.NONE);
            // the v2 walk's plain-op loop reads what the full walk reads
            AndroidCow full = AndroidCowParser.fullWalk().parse(new ByteArrayBlockSource(file.toString(), bytes), label);
            if (!AndroidParseSummary.of(full).equals(AndroidParseSummary.of(cow))) {
                throw new AssertionError("the plain-op loop and the full walk differ");
            }
            ReportJson.toJson(AndroidInspectReport.of(cow));
            // what the ops listing and the window's block map make of whatever was read
            AndroidOpsWriter.csv(cow, java.io.Writer.nullWriter());
            TargetBlocks blocks = TargetBlocks.of(cow.ops(), Progress.NONE);
            blocks.count(0, blocks.blockCount() + 1, new long[16]);
            blocks.opAt(data.remainingBytes() > 0 ? data.consumeLong(0, 1L << 33) : 0);
        } catch (CowFormatException refused) {
            // header-level refusal, in words
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The merge preparation on top of a full parse ({@code PrepMergeOps}, the sequence data, VerifyMergeOps),
     * both reader flavours, and the {@code merge plan --json --steps} report of it.
     */
    @FuzzTest(maxDuration = "10m")
    void mergePlan(FuzzedDataProvider data) throws IOException {
        byte[] bytes = mutated(data);
        ByteArrayBlockSource source = new ByteArrayBlockSource("fuzz.cow", bytes);
        try {
            AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
            for (boolean userspace : new boolean[] {false, true}) {
                AndroidMergePlan plan = new AndroidMergeOrder().prepare(cow, source, userspace);
                AndroidMergePlanReport.write(cow, plan, true, userspace, new java.io.StringWriter());
            }
        } catch (CowFormatException refused) {
            // header-level refusal, or more sequence entries than memory holds, in words
        }
    }

    /** One of the seeds mutated (bytes flipped, fields overwritten, cut, spliced), or raw bytes behind the magic. */
    static byte[] mutated(FuzzedDataProvider data) {
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
        return bytes;
    }
}
