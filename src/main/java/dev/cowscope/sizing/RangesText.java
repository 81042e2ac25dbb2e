package dev.cowscope.sizing;

import dev.cowscope.format.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads written ranges from text: one {@code offset length} per line, sizes in {@link Units} syntax
 * ({@code 4096}, {@code 8s}, {@code 4K}, {@code 1M}), blank lines and {@code #} comments ignored.
 * <pre>
 * # offset  length
 * 0         4K
 * 1M        64K     # a comment
 * </pre>
 */
public final class RangesText {
    private RangesText() {
        throw new AssertionError("no instances");
    }

    /**
     * @throws IllegalArgumentException naming the line number and what is wrong with it
     */
    public static List<ByteRange> parse(List<String> lines) {
        List<ByteRange> ranges = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("[\\s,]+");
            if (fields.length != 2) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'offset length', got '" + content + "'");
            }
            try {
                ranges.add(new ByteRange(Units.parseBytes(fields[0]), Units.parseBytes(fields[1])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return ranges;
    }
}
