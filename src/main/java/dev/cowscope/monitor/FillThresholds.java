package dev.cowscope.monitor;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;

/**
 * The fill percentages worth a word, as LVM's dmeventd snapshot plugin uses them: it starts acting
 * (autoextend) above 50 % and warns at 80 % and every 5 % after. A sample is at or above p when
 * {@code allocated · 100 >= p · total}, in exact integers.
 */
public final class FillThresholds {
    /** dmeventd's check floor and warning steps. */
    public static final FillThresholds DMEVENTD = new FillThresholds(new int[] {50, 80, 85, 90, 95});
    /** From this percent on, dmeventd warns; below it is the check floor. */
    public static final int WARNING_FROM = 80;

    private final int[] percents;

    private FillThresholds(int[] percents) {
        this.percents = percents;
    }

    /**
     * Reads {@code 50,80,85,90,95}: whole percentages 1–100, any order, duplicates merged.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static FillThresholds parse(String text) {
        String[] parts = text.strip().split("\\s*,\\s*");
        if (text.isBlank() || parts.length > 100) {
            throw new IllegalArgumentException("expected whole percentages separated by commas, e.g. 50,80,90");
        }
        int[] p = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i].endsWith("%") ? parts[i].substring(0, parts[i].length() - 1).strip() : parts[i];
            if (!s.matches("[0-9]{1,3}") || Integer.parseInt(s) < 1 || Integer.parseInt(s) > 100) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "'%s' is not a whole percentage from 1 to 100", parts[i]));
            }
            p[i] = Integer.parseInt(s);
        }
        return new FillThresholds(Arrays.stream(p).sorted().distinct().toArray());
    }

    public int count() {
        return percents.length;
    }

    public int percent(int i) {
        return percents[i];
    }

    /** {@code allocated / total >= percent / 100}, exactly (unsigned counts as the kernel prints them). */
    public static boolean reached(long allocated, long total, int percent) {
        if (total == 0) {
            return false;
        }
        if (allocated >= 0 && total > 0 && allocated <= Long.MAX_VALUE / 100 && total <= Long.MAX_VALUE / 100) {
            return allocated * 100 >= total * percent;
        }
        BigInteger a = new BigInteger(Long.toUnsignedString(allocated)).multiply(BigInteger.valueOf(100));
        BigInteger t = new BigInteger(Long.toUnsignedString(total)).multiply(BigInteger.valueOf(percent));
        return a.compareTo(t) >= 0;
    }

    @Override
    public String toString() {
        return String.join(",", Arrays.stream(percents).mapToObj(Integer::toString).toList());
    }
}
