package dev.cowscope.alignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code filefrag -v} / {@code -e} output of e2fsprogs 1.45–1.47 ({@code frag_report} and
 * {@code print_extent_info} in {@code misc/filefrag.c}); several files in one paste give one
 * {@link FilefragFile} each.
 *
 * <p>Format differences handled: 1.46.3+ appends {@code ,eof} even without other flags (1.45 printed
 * {@code eof}); 1.46+ prints {@code unknown_loc}/{@code hole} rows with physical {@code 0..0} and
 * length 0, so their length is taken from the logical range. {@code -X} (hexadecimal rows) is
 * supported when asked for.
 */
public final class FilefragParser {
    private static final Pattern FILE_SIZE = Pattern.compile(
        "^File size of (.+) is (\\d+) \\((\\d+) blocks? of (\\d+) bytes\\).*$");
    private static final Pattern FOOTER = Pattern.compile("^(.+): (\\d+) extents? found.*$");
    private static final Pattern ROW = Pattern.compile(
        "^\\s*(\\d+):\\s*([0-9a-fA-F]+)\\.\\.\\s*([0-9a-fA-F]+):\\s*([0-9a-fA-F]+)\\.\\.\\s*([0-9a-fA-F]+):"
            + "\\s*([0-9a-fA-F]+):(?:\\s*([0-9a-fA-F]+):)?(.*)$");

    private final OptionalLong givenBlockSizeBytes;
    private final boolean hex;

    /**
     * @param givenBlockSizeBytes unit of the rows when the paste has no {@code File size of} header
     *                            (the {@code -b} value); the header wins when present
     * @param hex                 rows are hexadecimal ({@code filefrag -X})
     */
    public FilefragParser(OptionalLong givenBlockSizeBytes, boolean hex) {
        givenBlockSizeBytes.ifPresent(b -> {
            if (b <= 0) {
                throw new IllegalArgumentException("block size must be positive: " + b);
            }
        });
        this.givenBlockSizeBytes = givenBlockSizeBytes;
        this.hex = hex;
    }

    /** Decimal rows, block size from the header. */
    public FilefragParser() {
        this(OptionalLong.empty(), false);
    }

    /** Parses the whole paste. */
    public List<FilefragFile> parse(String text) throws InputFormatException {
        List<FilefragFile> files = new ArrayList<>();
        Builder current = null;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("Filesystem type is:")
                || trimmed.startsWith("ext:") || trimmed.startsWith("ext ")) {
                continue;
            }
            Matcher m = FILE_SIZE.matcher(trimmed);
            if (m.matches()) {
                if (current != null) {
                    files.add(current.build(givenBlockSizeBytes));
                }
                current = new Builder(lineNumber);
                current.name = Optional.of(m.group(1));
                current.fileSizeBytes = OptionalLong.of(number(m.group(2), 10, lineNumber));
                current.blockSizeBytes = OptionalLong.of(number(m.group(4), 10, lineNumber));
                continue;
            }
            m = ROW.matcher(line);
            if (m.matches()) {
                if (current == null || current.closed) {
                    if (current != null) {
                        files.add(current.build(givenBlockSizeBytes));
                    }
                    current = new Builder(lineNumber);
                }
                current.extents.add(row(m, current, lineNumber));
                continue;
            }
            m = FOOTER.matcher(trimmed);
            if (m.matches() && current != null && !current.closed) {
                current.reportedExtentCount = OptionalInt.of((int) number(m.group(2), 10, lineNumber));
                current.closed = true;
                continue;
            }
            if (trimmed.startsWith("Discontinuity:")) {
                throw new InputFormatException(lineNumber,
                    "this is FIBMAP output without an extent table; run 'filefrag -e' instead of '-v'");
            }
            if (trimmed.contains("FIEMAP") || trimmed.contains("FIBMAP")) {
                throw new InputFormatException(lineNumber, "filefrag could not map the file: " + trimmed);
            }
            throw new InputFormatException(lineNumber, "not filefrag -v/-e output: '" + trimmed + "'");
        }
        if (current != null) {
            files.add(current.build(givenBlockSizeBytes));
        }
        if (files.isEmpty()) {
            throw new InputFormatException(0, "no filefrag extent table found (expected 'filefrag -v' output)");
        }
        return files;
    }

    private Extent row(Matcher m, Builder file, int lineNumber) throws InputFormatException {
        int radix = hex ? 16 : 10;
        int flags = 0;
        for (String word : m.group(8).split(",")) {
            String w = word.strip();
            if (w.isEmpty() || w.equals("eof")) {
                continue;
            }
            Optional<Integer> bit = FiemapFlags.parseWord(w);
            if (bit.isEmpty()) {
                throw new InputFormatException(lineNumber, "unknown extent flag '" + w + "'");
            }
            flags |= bit.get();
        }
        OptionalLong unit = file.blockSizeBytes.isPresent() ? file.blockSizeBytes : givenBlockSizeBytes;
        if (unit.isEmpty()) {
            throw new InputFormatException(lineNumber,
                "block size unknown: paste the 'File size of … (N blocks of B bytes)' line or give the block size");
        }
        // filefrag prints inline extents in bytes (blk_shift 0)
        long blockBytes = (flags & FiemapFlags.DATA_INLINE) != 0 ? 1 : unit.getAsLong();
        long logicalStart = number(m.group(2), radix, lineNumber);
        long logicalEnd = number(m.group(3), radix, lineNumber);
        long physicalStart = number(m.group(4), radix, lineNumber);
        long length = number(m.group(6), radix, lineNumber);
        if (logicalEnd < logicalStart) {
            throw new InputFormatException(lineNumber, "logical end " + logicalEnd + " before start " + logicalStart);
        }
        try {
            if (length == 0 && (flags & (FiemapFlags.UNKNOWN | FiemapFlags.EXT4_HOLE)) != 0) {
                // 1.46+ prints 0..0 and length 0 for rows without a location
                length = Math.addExact(logicalEnd - logicalStart, 1);
            }
            return new Extent(Math.multiplyExact(logicalStart, blockBytes),
                Math.multiplyExact(physicalStart, blockBytes), Math.multiplyExact(length, blockBytes), flags);
        } catch (ArithmeticException | IllegalArgumentException e) {
            // bytes past 2^63: no file or device is that large
            throw new InputFormatException(lineNumber, "numbers too large: the extent ends past byte " + Long.MAX_VALUE);
        }
    }

    private static long number(String digits, int radix, int lineNumber) throws InputFormatException {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new InputFormatException(lineNumber, "not a " + (radix == 16 ? "hexadecimal" : "decimal")
                + " number: '" + digits + "'" + (radix == 10 ? " (hexadecimal output of 'filefrag -X'? say so)" : ""));
        }
    }

    private static final class Builder {
        final int firstLine;
        Optional<String> name = Optional.empty();
        OptionalLong fileSizeBytes = OptionalLong.empty();
        OptionalLong blockSizeBytes = OptionalLong.empty();
        final List<Extent> extents = new ArrayList<>();
        OptionalInt reportedExtentCount = OptionalInt.empty();
        boolean closed;

        Builder(int firstLine) {
            this.firstLine = firstLine;
        }

        FilefragFile build(OptionalLong given) {
            return new FilefragFile(name, fileSizeBytes, blockSizeBytes.orElse(given.orElse(0L)),
                extents, reportedExtentCount, firstLine);
        }
    }
}
