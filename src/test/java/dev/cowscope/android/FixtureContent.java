package dev.cowscope.android;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixtures' deterministic block contents (fixtures README, "Deterministic content"), generated from the
 * formulas {@code inputs.json} names: {@code TextBlock(tag,n)}, {@code RandomBlock(s)},
 * {@code TextBlock("new",k) XOR SourceBytes(off)}, and the target descriptions {@code copy of source block N},
 * {@code zero}, {@code … via xor}. The source image's block b is {@code TextBlock("src",b)}.
 */
public final class FixtureContent {
    public static final int BLOCK = 4096;
    private static final Pattern TEXT = Pattern.compile("TextBlock\\(\"(\\w+)\",(\\d+)\\)");
    private static final Pattern RANDOM = Pattern.compile("RandomBlock\\((\\d+)\\)");
    private static final Pattern XOR = Pattern.compile("(TextBlock\\(\"\\w+\",\\d+\\)) XOR SourceBytes\\((\\d+)\\)");
    private static final Pattern COPY = Pattern.compile("copy of source block (\\d+)");

    private FixtureContent() {
    }

    public static byte[] textBlock(String tag, long n) {
        byte[] line = ("COW oracle " + tag + " block " + n + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            b[i] = line[i % line.length];
        }
        return b;
    }

    static byte[] randomBlock(long s) {
        long x = s * 0x9E3779B97F4A7C15L + 1;
        ByteBuffer b = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < BLOCK / 8; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b.putLong(x);
        }
        return b.array();
    }

    /** {@code SourceBytes(off)}: 4096 bytes of the source image from byte {@code off}. */
    static byte[] sourceBytes(long off) {
        byte[] out = new byte[BLOCK];
        for (int i = 0; i < BLOCK; ) {
            long at = off + i;
            byte[] block = textBlock("src", at / BLOCK);
            int from = (int) (at % BLOCK);
            int n = Math.min(BLOCK - from, BLOCK - i);
            System.arraycopy(block, from, out, i, n);
            i += n;
        }
        return out;
    }

    /** The 4096 bytes a formula describes. */
    public static byte[] block(String formula) {
        String f = formula.trim();
        Matcher m;
        if ((m = XOR.matcher(f)).matches()) {
            byte[] a = block(m.group(1));
            byte[] s = sourceBytes(Long.parseLong(m.group(2)));
            for (int i = 0; i < BLOCK; i++) {
                a[i] ^= s[i];
            }
            return a;
        }
        if (f.endsWith(" via xor")) {
            return block(f.substring(0, f.length() - " via xor".length()));
        }
        if ((m = TEXT.matcher(f)).matches()) {
            return textBlock(m.group(1), Long.parseLong(m.group(2)));
        }
        if ((m = RANDOM.matcher(f)).matches()) {
            return randomBlock(Long.parseLong(m.group(1)));
        }
        if ((m = COPY.matcher(f)).matches()) {
            return textBlock("src", Long.parseLong(m.group(1)));
        }
        if (f.equals("zero")) {
            return new byte[BLOCK];
        }
        throw new IllegalArgumentException("unknown content formula: " + formula);
    }

    /** The blocks of {@code formulas}, one after the other. */
    static byte[] concat(java.util.List<String> formulas) {
        byte[] out = new byte[formulas.size() * BLOCK];
        for (int i = 0; i < formulas.size(); i++) {
            System.arraycopy(block(formulas.get(i)), 0, out, i * BLOCK, BLOCK);
        }
        return out;
    }
}
