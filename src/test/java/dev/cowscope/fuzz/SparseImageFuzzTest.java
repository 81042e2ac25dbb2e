package dev.cowscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.android.SparseImage;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.ByteArrayBlockSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Android sparse images: the real {@code img2simg} output of the test resources mutated (header fields, chunk
 * headers, cuts), or fuzzed chunks behind a fuzzed header; then random reads of the expanded image. The only
 * allowed refusal is {@link SparseImage.SparseImageException} when opening, and reads inside the size must
 * succeed; anything else, a hang or an OutOfMemoryError is a bug.
 */
class SparseImageFuzzTest {
    private static final byte[] SEED = load();

    private static byte[] load() {
        try (InputStream in = SparseImageFuzzTest.class.getResourceAsStream("/dev/cowscope/android/small.simg")) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            return new byte[0];
        }
    }

    @FuzzTest(maxDuration = "10m")
    void read(FuzzedDataProvider data) throws IOException {
        byte[] bytes;
        if (SEED.length == 0 || data.consumeBoolean()) {
            ByteBuffer h = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putInt(SparseImage.MAGIC).putShort((short) 1)
                    .putShort((short) 0).putShort((short) 28).putShort((short) 12).putInt(data.consumeInt())
                    .putInt(data.consumeInt()).putInt(data.consumeInt(0, 64)).putInt(0);
            byte[] rest = data.consumeBytes(4096);
            bytes = java.util.Arrays.copyOf(h.array(), 28 + rest.length);
            System.arraycopy(rest, 0, bytes, 28, rest.length);
        } else {
            bytes = SEED.clone();
            for (int k = data.consumeInt(0, 8); k > 0; k--) {
                int at = data.consumeBoolean() ? data.consumeInt(0, 63) : data.consumeInt(0, bytes.length - 1);
                int v = data.consumeInt();
                for (int b = 0; b < 4 && at + b < bytes.length; b++) {
                    bytes[at + b] = (byte) (v >>> (8 * b));
                }
            }
            if (data.consumeBoolean()) {
                bytes = java.util.Arrays.copyOf(bytes, data.consumeInt(0, bytes.length));
            }
        }
        BlockSource image;
        try {
            image = SparseImage.open(new ByteArrayBlockSource("fuzz.simg", bytes));
        } catch (SparseImage.SparseImageException refused) {
            return;
        }
        long size = image.sizeBytes();
        for (int k = data.consumeInt(0, 16); k > 0 && size > 0; k--) {
            long offset = data.consumeLong(0, size - 1);
            int n = (int) Math.min(data.consumeInt(0, 1 << 16), size - offset);
            image.readFully(offset, ByteBuffer.allocate(n));
        }
    }
}
