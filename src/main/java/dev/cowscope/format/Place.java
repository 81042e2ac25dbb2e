package dev.cowscope.format;

import java.util.Locale;

/**
 * What a {@link Location} (the form findings print) points at in one image: the one answer behind
 * the CLI's {@code exceptions --at} and the window's Go to.
 *
 * @param kind what is there
 * @param entry the table index of the entry the location names or whose data chunk it is, or -1
 * @param chunk the COW chunk the location lies in (an entry's is its area's metadata chunk), or -1
 * @param description one line, starting with the location: {@code chunk 2 @0x2000: data of origin chunk 1 (…)}
 */
public record Place(Kind kind, int entry, long chunk, String description) {
    /** The kinds of place, so a face can choose where to show one. */
    public enum Kind {
        HEADER, METADATA, ENTRY, DATA, FREE,
        /** An entry slot nothing was committed to, or a chunk past the device's last whole chunk. */
        NOTHING,
        /** The whole device, or a location that names no part of a COW ({@code line 3}). */
        DEVICE
    }

    /** Where {@code at} lies in {@code image}; never throws for any parsed location. */
    public static Place locate(CowImage image, Location at) {
        if (image.layout().isEmpty()) {
            return new Place(Kind.DEVICE, -1, -1, at + ": no usable chunk size, so no chunk or entry can be found");
        }
        ExceptionTable table = image.exceptions();
        if (at.isEntry()) {
            return entry(table, at);
        }
        if (at.area() >= 0) {
            long metadata = metadataChunk(table.layout(), at.area());
            if (metadata < 0) {
                return new Place(Kind.NOTHING, -1, -1, "area " + at.area() + ": its metadata chunk lies past the end of any device");
            }
            Place chunk = chunk(image, metadata);
            return new Place(chunk.kind(), chunk.entry(), chunk.chunk(), "area " + at.area() + ": " + chunk.description());
        }
        if (at.chunk() >= 0) {
            return chunk(image, at.chunk());
        }
        return new Place(Kind.DEVICE, -1, -1, String.format(Locale.ROOT, "%s: the whole COW device (%s chunks of %s)",
                at, Long.toUnsignedString(image.deviceChunks()), Units.human(table.layout().chunkSizeBytes())));
    }

    private static Place entry(ExceptionTable table, Location at) {
        int i = table.entryAt(at.area(), at.index());
        if (i < 0) {
            long perArea = table.layout().exceptionsPerArea();
            String why = at.index() >= perArea ? "an area holds entries 0 to " + (perArea - 1) : "the table has " + table.size() + " entries";
            return new Place(Kind.NOTHING, -1, -1,
                    String.format(Locale.ROOT, "area %d entry %d: no committed entry there (%s)", at.area(), at.index(), why));
        }
        return new Place(Kind.ENTRY, i, table.layout().areaLocation(table.areaOf(i)), String.format(Locale.ROOT,
                "%s: old_chunk %s -> new_chunk %s", table.locationOf(i), Long.toUnsignedString(table.oldChunk(i)),
                Long.toUnsignedString(table.newChunk(i))));
    }

    /** The metadata chunk of {@code area}, or -1 (read as unsigned: past any device) when no device has it. */
    private static long metadataChunk(AreaLayout layout, long area) {
        try {
            return layout.areaLocation(area);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    private static Place chunk(CowImage image, long chunk) {
        ExceptionTable table = image.exceptions();
        AreaLayout layout = table.layout();
        Kind kind;
        int entry = -1;
        String what;
        if (chunk == 0) {
            kind = Kind.HEADER;
            what = "the header";
        } else if (Long.compareUnsigned(chunk, image.deviceChunks()) >= 0) {
            kind = Kind.NOTHING;
            what = "past the last whole chunk of the device (" + (image.deviceChunks() - 1) + ")";
        } else if (layout.isMetadataChunk(chunk)) {
            kind = Kind.METADATA;
            what = "the metadata chunk of area " + layout.areaOfChunk(chunk);
        } else {
            entry = table.entryUsing(chunk);
            kind = entry < 0 ? Kind.FREE : Kind.DATA;
            what = entry < 0 ? "free (no entry uses it)"
                    : "data of origin chunk " + Long.toUnsignedString(table.oldChunk(entry)) + " (" + table.locationOf(entry) + ")";
        }
        return new Place(kind, entry, kind == Kind.NOTHING ? -1 : chunk, Location.chunk(layout, chunk) + ": " + what);
    }
}
