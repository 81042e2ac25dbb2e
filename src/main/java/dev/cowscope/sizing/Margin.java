package dev.cowscope.sizing;

import dev.cowscope.format.Units;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Headroom for writes that happen while the snapshot is live, on top of the measured change:
 * a byte count, or a percentage of the origin ({@code 5%}, {@code 2.5%}). The kernel formula has
 * no headroom at all: one chunk more than planned invalidates the snapshot.
 *
 * @param kind how the margin was given
 * @param bytes the margin in bytes for {@link Kind#BYTES}, else 0
 * @param hundredthsOfPercent the percentage times 100 for {@link Kind#PERCENT_OF_ORIGIN}, else 0
 */
public record Margin(Kind kind, long bytes, long hundredthsOfPercent) {
    /** How a margin is expressed. */
    public enum Kind { NONE, BYTES, PERCENT_OF_ORIGIN }

    public static final Margin NONE = new Margin(Kind.NONE, 0, 0);

    public Margin {
        if (bytes < 0 || hundredthsOfPercent < 0) {
            throw new IllegalArgumentException("margin must not be negative");
        }
    }

    /**
     * Parses {@code 64M}, {@code 4096}, {@code 5%} or {@code 2.5%} (at most two decimals).
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static Margin parse(String text) {
        String t = text.trim();
        if (!t.endsWith("%")) {
            return new Margin(Kind.BYTES, Units.parseBytes(t), 0);
        }
        try {
            BigDecimal percent = new BigDecimal(t.substring(0, t.length() - 1).trim());
            return new Margin(Kind.PERCENT_OF_ORIGIN, 0, percent.movePointRight(2).longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("not a margin: '" + text + "' (examples: 64M, 5%, 2.5%)", e);
        }
    }

    /**
     * The margin in bytes, rounded up.
     *
     * @throws IllegalArgumentException for a percentage when the origin size is unknown (0)
     */
    public long marginBytes(long originSizeBytes) {
        switch (kind) {
            case BYTES:
                return bytes;
            case PERCENT_OF_ORIGIN:
                if (originSizeBytes <= 0) {
                    throw new IllegalArgumentException("a margin in % of the origin needs the origin size");
                }
                // exact in BigInteger: a huge origin times a percentage overflows a long before the division
                BigInteger[] qr = BigInteger.valueOf(originSizeBytes).multiply(BigInteger.valueOf(hundredthsOfPercent))
                        .divideAndRemainder(BigInteger.valueOf(10_000));
                BigInteger up = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
                if (up.bitLength() >= Long.SIZE) {
                    throw new IllegalArgumentException("margin " + describe() + " of an origin of " + originSizeBytes
                            + " bytes is larger than the largest size (8 EiB)");
                }
                return up.longValueExact();
            default:
                return 0;
        }
    }

    /** As the user would write it: {@code 5%}, {@code 64M}, {@code none}. */
    public String describe() {
        switch (kind) {
            case BYTES:
                return Units.compact(bytes);
            case PERCENT_OF_ORIGIN:
                return BigDecimal.valueOf(hundredthsOfPercent, 2).stripTrailingZeros().toPlainString() + "%";
            default:
                return "none";
        }
    }
}
