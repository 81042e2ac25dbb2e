package dev.cowscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowParser;
import dev.cowscope.android.OpDataReader;
import dev.cowscope.android.TargetImage;
import dev.cowscope.android.TargetImageException;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.NullChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * Android COW data and the target image: one of AOSP's fixtures (every compression) with its data or ops
 * mutated, every data op read in full and in a fuzzed partial read ({@code ReadData}), then the whole target
 * image streamed over a small source. Allowed outcomes: -1 with a reason, {@link CowFormatException},
 * {@link TargetImageException}; an exception of another kind, a hang or an OutOfMemoryError is a bug.
 */
class AndroidTargetImageFuzzTest {
    private static final String[] SEEDS = {"v2_gz_c8", "v2_lz4_c8", "v2_zstd_c8", "v3_brotli", "v3_lz4", "v3_zstd",
        "v3_lz4_cf16k", "v3_zstd_cf64k", "v3_none_cf16k", "v2_none_c4"};
    private static final byte[][] FILES = AndroidSeeds.load(SEEDS);

    @FuzzTest(maxDuration = "10m")
    void decode(FuzzedDataProvider data) throws IOException {
        byte[] bytes = FILES[data.consumeInt(0, FILES.length - 1)].clone();
        if (bytes.length == 0) {
            return;
        }
        // flips land mostly after the header and ops, in the data
        for (int k = data.consumeInt(0, 12); k > 0; k--) {
            int at = data.consumeBoolean() ? data.consumeInt(0, bytes.length - 1) : bytes.length - 1 - data.consumeInt(0, Math.min(bytes.length - 1, 8192));
            bytes[at] = data.consumeBoolean() ? data.consumeByte() : (byte) (bytes[at] ^ (1 << data.consumeInt(0, 7)));
        }
        if (data.consumeBoolean()) {
            bytes = java.util.Arrays.copyOf(bytes, data.consumeInt(1, bytes.length));
        }
        BlockSource cowSource = new ByteArrayBlockSource("fuzz.cow", bytes);
        AndroidCow cow;
        try {
            cow = new AndroidCowParser().parse(cowSource, OptionalLong.empty());
        } catch (CowFormatException refused) {
            return;
        }
        OpDataReader reader = new OpDataReader(cowSource, cow);
        int bufferSize = data.consumeInt(0, 1 << 16);
        long ignore = data.consumeLong(0, 1 << 17);
        for (int i = 0; i < cow.ops().size(); i++) {
            if (dev.cowscope.android.AndroidOpType.hasData(cow.ops().type(i)) && reader.opBufSize(i) <= 1 << 20) {
                int opBuf = (int) reader.opBufSize(i);
                reader.readData(i, new byte[opBuf], opBuf, 0);
                reader.readData(i, new byte[bufferSize], bufferSize, ignore);
            }
        }
        try {
            BlockSource source = new ByteArrayBlockSource("src", new byte[data.consumeInt(0, 600) * 4096]);
            new TargetImage(source, cowSource, cow).stream(new NullChannel(), Progress.NONE, false);
        } catch (TargetImageException refused) {
            // a COW AOSP refuses, or a read AOSP fails, in words
        }
    }
}
