package dev.cowscope.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Aligned columns for text output: numbers right-aligned, text left-aligned. */
final class TextTable {
    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = headers;
        this.rightAligned = new boolean[headers.length];
    }

    /** Marks columns whose values are numbers (right-aligned). */
    TextTable numeric(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    TextTable row(Object... values) {
        String[] cells = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            cells[i] = i < values.length && values[i] != null ? values[i].toString() : "";
        }
        rows.add(cells);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out, String indent) {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        line(out, indent, headers, width);
        for (String[] row : rows) {
            line(out, indent, row, width);
        }
    }

    private void line(PrintWriter out, String indent, String[] cells, int[] width) {
        StringBuilder b = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String cell = cells[i];
            if (rightAligned[i]) {
                b.append(" ".repeat(width[i] - cell.length())).append(cell);
            } else {
                b.append(cell);
                if (!last) {
                    b.append(" ".repeat(width[i] - cell.length()));
                }
            }
            if (!last) {
                b.append("  ");
            }
        }
        out.println(b.toString().stripTrailing());
    }
}
