package dev.cowscope.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A status log's time stamps, held as whole microseconds. A log counts either in plain seconds
 * ({@code /proc/uptime}, {@code date +%s.%N}) or in ISO-8601 date-times, which count as seconds since
 * the epoch; a date-time without a zone is taken as UTC (a log that wants local time says so with an
 * offset). Reports give times in the log's own seconds.
 */
public final class LogTime {
    /** How a log writes its times; the first readable stamp decides for the whole log. */
    public enum Base {
        /** Plain seconds as written: uptime, epoch or any other counter. */
        SECONDS,
        /** ISO-8601 date-times, reported as seconds since 1970-01-01T00:00Z. */
        ISO_8601
    }

    /** The largest stamp we read: 10^12 s (31 700 years) keeps every sum of two stamps inside a long. */
    static final long MAX_SECONDS = 1_000_000_000_000L;
    public static final long MICROS_PER_SECOND = 1_000_000L;

    private LogTime() {
        throw new AssertionError("no instances");
    }

    /** A parsed stamp: microseconds and the form it had. */
    public record Stamp(long micros, Base base) {
    }

    /**
     * Reads a stamp: decimal seconds ({@code 12.34}, {@code 1733400000.123456789}; rounded to the
     * microsecond), or an ISO-8601 date-time ({@code 2026-12-05T10:00:00Z}, {@code …+01:00}, or without a
     * zone). {@code null} for anything else, including negative or absurdly large numbers.
     */
    public static Stamp parse(String token) {
        if (token.isEmpty() || token.length() > 64) {
            return null;
        }
        char first = token.charAt(0);
        if (first < '0' || first > '9') {
            return null;
        }
        long seconds = seconds(token);
        if (seconds >= 0) {
            return new Stamp(seconds, Base.SECONDS);
        }
        long iso = isoMicros(token);
        return iso == Long.MIN_VALUE ? null : new Stamp(iso, Base.ISO_8601);
    }

    /**
     * Decimal seconds to microseconds (rounded half up at the seventh decimal), or -1 when the token is
     * not a plain non-negative decimal or is above {@link #MAX_SECONDS}. Digit by digit: logs call it per line.
     */
    private static long seconds(String token) {
        int dot = token.indexOf('.');
        int intEnd = dot < 0 ? token.length() : dot;
        if (intEnd == 0 || intEnd > 13 || dot == token.length() - 1) {
            return -1;
        }
        long whole = 0;
        for (int i = 0; i < intEnd; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            whole = whole * 10 + (c - '0');
        }
        long fraction = 0;
        int digits = 0;
        boolean roundUp = false;
        for (int i = dot + 1; dot >= 0 && i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (digits < 6) {
                fraction = fraction * 10 + (c - '0');
                digits++;
            } else if (digits == 6) {
                roundUp = c >= '5';
                digits++;
            }
        }
        for (; digits < 6; digits++) {
            fraction *= 10;
        }
        if (whole > MAX_SECONDS || whole == MAX_SECONDS && (fraction > 0 || roundUp)) {
            return -1;
        }
        return whole * MICROS_PER_SECOND + fraction + (roundUp ? 1 : 0);
    }

    private static long isoMicros(String token) {
        try {
            Instant at;
            if (token.endsWith("Z") || token.endsWith("z") || hasOffset(token)) {
                at = OffsetDateTime.parse(token.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } else {
                at = LocalDateTime.parse(token, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            }
            if (at.getEpochSecond() < 0 || at.getEpochSecond() > MAX_SECONDS) {
                return Long.MIN_VALUE;
            }
            return at.getEpochSecond() * MICROS_PER_SECOND + at.getNano() / 1000;
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static boolean hasOffset(String token) {
        int t = token.indexOf('T');
        if (t < 0) {
            t = token.indexOf('t');
        }
        return t > 0 && (token.indexOf('+', t) > 0 || token.indexOf('-', t) > 0);
    }

    /**
     * A polling interval: {@code 1s}, {@code 0.5s}, {@code 500ms}, {@code 2m}; a bare number is seconds,
     * as for {@code watch -n}. Between 10 ms and one hour.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static long parseInterval(String text) {
        return parseDuration(text, 10_000, 3600 * MICROS_PER_SECOND, "an interval from 10ms to 60m");
    }

    /**
     * A duration as {@link #parseInterval} reads it, also in hours ({@code 2h}), between the bounds.
     *
     * @param what the words for the message, e.g. "a margin from 1s to 7 days"
     */
    public static long parseDuration(String text, long minMicros, long maxMicros, String what) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long scale = MICROS_PER_SECOND;
        if (t.endsWith("h")) {
            scale = 3600 * MICROS_PER_SECOND;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("ms")) {
            scale = 1000;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            scale = 60 * MICROS_PER_SECOND;
            t = t.substring(0, t.length() - 1);
        }
        long micros;
        try {
            if (!t.strip().matches("[0-9]{1,9}(\\.[0-9]{1,6})?")) {
                throw new NumberFormatException(t);
            }
            micros = new BigDecimal(t.strip()).multiply(BigDecimal.valueOf(scale)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            micros = -1;
        }
        if (micros < minMicros || micros > maxMicros) {
            throw new IllegalArgumentException("expected " + what + " (1s, 500ms, 2m, 1h; a bare number is seconds), got '"
                    + text + "'");
        }
        return micros;
    }

    /** Microseconds as seconds, as short as exact: {@code 12.34}, {@code 1733400000}. */
    public static BigDecimal seconds(long micros) {
        BigDecimal s = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** Seconds for text: three decimals at most. */
    public static String text(long micros) {
        return seconds(Math.round(micros / 1000.0) * 1000).toPlainString();
    }
}
