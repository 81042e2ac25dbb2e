package dev.cowscope.report;

/**
 * Aligned text columns for listings streamed a row at a time (a million ops or steps): cells padded by hand into
 * one reused builder, because a {@code Formatter} per row took ten seconds for a million rows.
 */
public final class FixedColumns {
    private FixedColumns() {
        throw new AssertionError("no instances");
    }

    /** Appends {@code cell} to {@code line} padded to {@code width}, right-aligned (numbers) or left-aligned (text). */
    public static StringBuilder pad(StringBuilder line, String cell, int width, boolean right) {
        if (!right) {
            line.append(cell);
        }
        for (int k = cell.length(); k < width; k++) {
            line.append(' ');
        }
        return right ? line.append(cell) : line;
    }
}
