package dev.cowscope.format;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a finding points, with one printable form that the CLI and the GUI's "Go to" both accept:
 * {@code area 3 entry 17 @0x301110}, {@code chunk 771}, {@code header @0xc}, {@code device}, or for
 * findings on text inputs {@code line 12}. Absent parts are -1.
 *
 * @param line 1-based line of a text input (a dm table, given or built from extents); -1 for a place in a store
 */
public record Location(long area, long index, long offsetBytes, long chunk, long line, long op) {
    public static final Location DEVICE = new Location(-1, -1, -1, -1);

    private static final Pattern ENTRY = Pattern.compile("area (\\d+) entry (\\d+)(?: @0x([0-9a-fA-F]+))?");
    private static final Pattern CHUNK = Pattern.compile("chunk (\\d+)(?: @0x([0-9a-fA-F]+))?");
    private static final Pattern AREA = Pattern.compile("area (\\d+)");
    private static final Pattern HEADER = Pattern.compile("header(?: @0x([0-9a-fA-F]+))?");
    private static final Pattern LINE = Pattern.compile("line (\\d+)");
    private static final Pattern OFFSET = Pattern.compile("offset @0x([0-9a-fA-F]+)");
    private static final Pattern OP = Pattern.compile("op (\\d+)(?: @0x([0-9a-fA-F]+))?");

    /** A place in a store or a text input (no op). */
    public Location(long area, long index, long offsetBytes, long chunk, long line) {
        this(area, index, offsetBytes, chunk, line, -1);
    }

    /** A place in a store. */
    public Location(long area, long index, long offsetBytes, long chunk) {
        this(area, index, offsetBytes, chunk, -1);
    }

    /** Op {@code index} (0-based, file order) of an Android COW, at {@code offsetBytes} (-1 when unknown). */
    public static Location op(long index, long offsetBytes) {
        return new Location(-1, -1, offsetBytes, -1, -1, index);
    }

    /** Byte {@code offsetBytes} of a file that has no chunks (an Android COW's header, footer, areas). */
    public static Location offset(long offsetBytes) {
        return new Location(-1, -1, offsetBytes, -1, -1, -1);
    }

    /** Line {@code number} (1-based) of a text input. */
    public static Location line(long number) {
        return new Location(-1, -1, -1, -1, number);
    }

    /** Entry {@code index} of area {@code area}; its offset and metadata chunk come from the layout. */
    public static Location entry(AreaLayout layout, long area, long index) {
        return new Location(area, index, layout.entryOffsetBytes(area, index), layout.areaLocation(area));
    }

    /** A whole area (its metadata chunk). */
    public static Location area(AreaLayout layout, long area) {
        long chunk = layout.areaLocation(area);
        return new Location(area, -1, layout.chunkOffsetBytes(chunk), chunk);
    }

    public static Location chunk(AreaLayout layout, long chunk) {
        long offset;
        try {
            offset = layout.chunkOffsetBytes(chunk);
        } catch (ArithmeticException e) {
            offset = -1;
        }
        return new Location(-1, -1, offset, chunk);
    }

    /** A header field at {@code offsetBytes} into chunk 0. */
    public static Location header(long offsetBytes) {
        return new Location(-1, -1, offsetBytes, 0);
    }

    public boolean isEntry() {
        return area >= 0 && index >= 0;
    }

    @Override
    public String toString() {
        if (line >= 0) {
            return "line " + line;
        }
        if (op >= 0) {
            return "op " + op + at();
        }
        if (isEntry()) {
            return "area " + area + " entry " + index + at();
        }
        if (area >= 0) {
            return "area " + area + at();
        }
        if (chunk == 0 && offsetBytes >= 0 && offsetBytes < DiskHeader.SIZE_BYTES) {
            return "header" + at();
        }
        if (chunk >= 0) {
            return "chunk " + Long.toUnsignedString(chunk) + at();
        }
        if (offsetBytes >= 0) {
            return "offset" + at();
        }
        return "device";
    }

    private String at() {
        return offsetBytes >= 0 ? " @0x" + Long.toHexString(offsetBytes) : "";
    }

    /**
     * Parses the printable form back (the inverse of {@link #toString()}); offsets given in the
     * text are kept as written.
     */
    public static Optional<Location> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Matcher m = ENTRY.matcher(t);
            if (m.matches()) {
                return Optional.of(new Location(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), hex(m.group(3)), -1));
            }
            m = CHUNK.matcher(t);
            if (m.matches()) {
                return Optional.of(new Location(-1, -1, hex(m.group(2)), Long.parseLong(m.group(1)))); // -1 means "no chunk"
            }
            m = AREA.matcher(t);
            if (m.matches()) {
                return Optional.of(new Location(Long.parseLong(m.group(1)), -1, -1, -1));
            }
            m = HEADER.matcher(t);
            if (m.matches()) {
                return Optional.of(header(m.group(1) == null ? 0 : hex(m.group(1))));
            }
            m = OP.matcher(t);
            if (m.matches()) {
                return Optional.of(op(Long.parseLong(m.group(1)), hex(m.group(2))));
            }
            m = OFFSET.matcher(t);
            if (m.matches()) {
                return Optional.of(offset(hex(m.group(1))));
            }
            m = LINE.matcher(t);
            if (m.matches()) {
                return Optional.of(line(Long.parseLong(m.group(1))));
            }
            if (t.equals("device")) {
                return Optional.of(DEVICE);
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static long hex(String digits) {
        return digits == null ? -1 : Long.parseUnsignedLong(digits, 16);
    }
}
