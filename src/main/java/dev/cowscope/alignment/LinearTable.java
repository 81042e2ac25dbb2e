package dev.cowscope.alignment;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A dm-linear table: parsed from {@code dmsetup table} output or a table file, or built from FIEMAP
 * extents like Android's libfiemap ({@code FiemapToExtents}, {@code FillPartitionExtents}).
 */
public record LinearTable(List<LinearLine> lines) {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NAME_PREFIX = Pattern.compile("^[^\\s:]+:\\s+(?=\\d)");
    private static final long SECTOR = 512;

    public LinearTable {
        lines = List.copyOf(lines);
    }

    /** Total length in sectors (end of the last line). */
    public long lengthSectors() {
        return lines.isEmpty() ? 0 : lines.get(lines.size() - 1).endSector();
    }

    /** The table text, one {@code <start> <len> linear <dev> <offset>} line each, newline-terminated. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (LinearLine line : lines) {
            sb.append(line.render()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Parses table lines: {@code <start> <len> linear <dev> <offset>}, optionally prefixed with
     * {@code <name>: } as {@code dmsetup table} prints for several devices; blank lines and {@code #}
     * comments are skipped. Devices may be paths or {@code major:minor}.
     */
    public static LinearTable parse(String text) throws InputFormatException {
        List<LinearLine> lines = new ArrayList<>();
        String[] raw = text.split("\\R", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.indexOf(':') >= 0) {
                line = NAME_PREFIX.matcher(line).replaceFirst("");
            }
            String[] f = WHITESPACE.split(line);
            if (f.length < 3) {
                throw new InputFormatException(i + 1, "expected '<start> <len> linear <dev> <offset>': '" + raw[i].strip() + "'");
            }
            if (!f[2].equals("linear")) {
                throw new InputFormatException(i + 1, "only 'linear' targets can be checked, not '" + f[2] + "'");
            }
            if (f.length != 5) {
                // linear_ctr: argc != 2 -> "Invalid argument count"
                throw new InputFormatException(i + 1, "linear takes 2 arguments <dev> <offset>, got " + (f.length - 3));
            }
            try {
                lines.add(new LinearLine(sectors(f[0], "start", i + 1), sectors(f[1], "length", i + 1), f[3],
                    sectors(f[4], "offset", i + 1)));
            } catch (IllegalArgumentException e) {
                throw new InputFormatException(i + 1, e.getMessage());
            }
        }
        if (lines.isEmpty()) {
            throw new InputFormatException(0, "no table lines found");
        }
        return new LinearTable(lines);
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static long sectors(String text, String what, int lineNumber) throws InputFormatException {
        if (text.isEmpty() || !allDigits(text)) {
            throw new InputFormatException(lineNumber, what + " is not a sector number: '" + text + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InputFormatException(lineNumber, what + " too large: '" + text + "'");
        }
    }

    /**
     * Builds the table for one file: one line per extent in sectors, neighbours merged when
     * {@code prev.physical + prev.length == next.physical} and the physical and logical steps are
     * equal (libfiemap's rule); extents whose flags cannot be mapped (spec §4.3) stop the table,
     * {@code UNWRITTEN} and {@code SHARED} are kept with a warning; the last line is clipped to
     * {@code wantedSizeBytes} when given.
     */
    public static TableBuild fromExtents(List<Extent> extents, String device, OptionalLong wantedSizeBytes) {
        List<BuildIssue> issues = new ArrayList<>();
        List<Extent> merged = new ArrayList<>();
        List<Integer> firstIndex = new ArrayList<>();
        for (int i = 0; i < extents.size(); i++) {
            Extent next = extents.get(i);
            if (!merged.isEmpty()) {
                Extent prev = merged.get(merged.size() - 1);
                if (prev.physicalEndBytes() == next.physicalBytes()
                    && next.physicalBytes() - prev.physicalBytes() == next.logicalBytes() - prev.logicalBytes()) {
                    merged.set(merged.size() - 1, new Extent(prev.logicalBytes(), prev.physicalBytes(),
                        Math.addExact(prev.lengthBytes(), next.lengthBytes()), prev.flags() | next.flags()));
                    continue;
                }
            }
            merged.add(next);
            firstIndex.add(i);
        }

        long wantedSectors = 0;
        if (wantedSizeBytes.isPresent()) {
            long wanted = wantedSizeBytes.getAsLong();
            if (wanted <= 0) {
                throw new IllegalArgumentException("wanted size must be positive: " + wanted);
            }
            wantedSectors = wanted / SECTOR + (wanted % SECTOR == 0 ? 0 : 1);
            if (wanted % SECTOR != 0) {
                issues.add(new BuildIssue(-1, false, "wanted size " + wanted
                    + " bytes is not a whole number of sectors; rounded up to " + wantedSectors + " sectors"));
            }
        }

        List<LinearLine> lines = new ArrayList<>();
        long nextLogical = 0;
        for (int k = 0; k < merged.size(); k++) {
            Extent e = merged.get(k);
            int index = firstIndex.get(k);
            // nextLogical is whole sectors here; compare in sectors, wantedSectors * 512 may not fit a long
            if (wantedSizeBytes.isPresent() && nextLogical / SECTOR >= wantedSectors) {
                break;
            }
            String unusable = unusableReason(e);
            if (!unusable.isEmpty()) {
                issues.add(new BuildIssue(index, true, "extent " + index + " at file byte " + e.logicalBytes()
                    + " (" + FiemapFlags.describe(e.flags()) + "): " + unusable + "; the table stops before it"));
                break;
            }
            if (e.logicalBytes() != nextLogical) {
                issues.add(new BuildIssue(index, true, "hole in the file at bytes " + nextLogical + ".."
                    + (e.logicalBytes() - 1) + ": dm-linear lines must be contiguous; the table stops there"
                    + " (fill the hole, e.g. with fallocate or by writing zeros)"));
                break;
            }
            if (e.logicalBytes() % SECTOR != 0 || e.physicalBytes() % SECTOR != 0 || e.lengthBytes() % SECTOR != 0) {
                issues.add(new BuildIssue(index, true, "extent " + index + " is not sector-aligned (logical "
                    + e.logicalBytes() + ", physical " + e.physicalBytes() + ", length " + e.lengthBytes()
                    + " bytes); the table stops before it"));
                break;
            }
            if (e.has(FiemapFlags.UNWRITTEN)) {
                issues.add(new BuildIssue(index, false, "extent " + index + " is unwritten (fallocated): usable as"
                    + " raw space such as a COW store, but reads return stale disk contents, not the file's zeros;"
                    + " zero the COW header (first 4 bytes) through the dm device before creating the snapshot"));
            }
            if (e.has(FiemapFlags.SHARED)) {
                issues.add(new BuildIssue(index, false, "extent " + index + " is shared with another file"
                    + " (reflink/snapshot): map it read-only, writes through dm would change the other file too"));
            }
            long startSector = e.logicalBytes() / SECTOR;
            long lengthSectors = e.lengthBytes() / SECTOR;
            if (wantedSizeBytes.isPresent()) {
                lengthSectors = Math.min(lengthSectors, Math.subtractExact(wantedSectors, startSector));
            }
            lines.add(new LinearLine(startSector, lengthSectors, device, e.physicalBytes() / SECTOR));
            nextLogical = e.logicalBytes() + lengthSectors * SECTOR; // at most the extent's end, which fits
        }
        if (wantedSizeBytes.isPresent() && nextLogical / SECTOR < wantedSectors && !hasError(issues)) {
            issues.add(new BuildIssue(-1, false, "the extents cover " + nextLogical / SECTOR
                + " sectors, less than the wanted " + wantedSectors));
        }
        if (extents.isEmpty()) {
            issues.add(new BuildIssue(-1, true, "the file has no extents (empty or all holes)"));
        }
        return new TableBuild(new LinearTable(lines), extents.size(), merged.size(), issues);
    }

    private static boolean hasError(List<BuildIssue> issues) {
        return issues.stream().anyMatch(BuildIssue::error);
    }

    /** Why an extent cannot be mapped with dm-linear (spec §4.3), or "" when it can. */
    static String unusableReason(Extent e) {
        if (e.has(FiemapFlags.UNKNOWN) || e.has(FiemapFlags.DELALLOC)) {
            return "no physical location yet (delayed allocation); sync the file (filefrag -s) and retry";
        }
        if (e.has(FiemapFlags.EXT4_HOLE)) {
            return "a hole";
        }
        if (e.has(FiemapFlags.ENCODED)) {
            return "encoded (compressed): the bytes on disk are not the file's bytes";
        }
        if (e.has(FiemapFlags.DATA_ENCRYPTED)) {
            return "encrypted: the blocks hold ciphertext and writes through dm would bypass the encryption";
        }
        if (e.has(FiemapFlags.NOT_ALIGNED) || e.has(FiemapFlags.DATA_INLINE) || e.has(FiemapFlags.DATA_TAIL)) {
            return "not block-aligned (inline or tail-packed data shares its block with metadata or other files)";
        }
        return "";
    }
}
