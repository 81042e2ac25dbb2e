package dev.cowscope.ui.inspector;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.DiskException;
import dev.cowscope.format.DiskHeader;
import dev.cowscope.ui.common.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The bytes of one COW chunk (at most {@link #MAX_BYTES}) and how to read them: 16 bytes per
 * hexdump row, which in a metadata chunk is exactly one exception entry.
 */
public final class ChunkBytes {
    public static final int MAX_BYTES = 1 << 20;
    public static final int ROW_BYTES = 16;

    /** How a row is highlighted. */
    public enum RowKind { PLAIN, HEADER, ENTRY, TERMINATOR, STALE, SELECTED_ENTRY }

    private final CowImage image;
    private final long chunk;
    private final byte[] data;
    private final long chunkBytes;

    public ChunkBytes(CowImage image, long chunk, byte[] data) {
        this.image = image;
        this.chunk = chunk;
        this.data = data;
        this.chunkBytes = image.requireLayout().chunkSizeBytes();
    }

    public long chunk() {
        return chunk;
    }

    public int rowCount() {
        return (data.length + ROW_BYTES - 1) / ROW_BYTES;
    }

    /** True when the chunk is longer than what was read. */
    public boolean clipped() {
        return data.length < chunkBytes;
    }

    public String offsetText(int row) {
        long offset = image.requireLayout().chunkOffsetBytes(chunk) + (long) row * ROW_BYTES;
        return String.format(Locale.ROOT, "%010x", offset);
    }

    public String hexText(int row) {
        StringBuilder b = new StringBuilder(ROW_BYTES * 3 + 1);
        int from = row * ROW_BYTES;
        for (int i = 0; i < ROW_BYTES; i++) {
            if (i == 8) {
                b.append(' ');
            }
            if (from + i < data.length) {
                b.append(String.format(Locale.ROOT, "%02x ", data[from + i] & 0xFF));
            } else {
                b.append("   ");
            }
        }
        return b.toString();
    }

    public String asciiText(int row) {
        StringBuilder b = new StringBuilder(ROW_BYTES);
        int from = row * ROW_BYTES;
        for (int i = from; i < Math.min(data.length, from + ROW_BYTES); i++) {
            int c = data[i] & 0xFF;
            b.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return b.toString();
    }

    /** The global entry index a metadata row holds, or -1 when the row is not a committed entry. */
    public int entryOfRow(int row) {
        AreaLayout layout = image.requireLayout();
        if (!layout.isMetadataChunk(chunk)) {
            return -1;
        }
        return image.exceptions().entryAt(layout.areaOfChunk(chunk), row);
    }

    public RowKind kindOf(int row, int selectedEntry) {
        AreaLayout layout = image.requireLayout();
        if (chunk == 0) {
            return row == 0 ? RowKind.HEADER : RowKind.PLAIN;
        }
        if (!layout.isMetadataChunk(chunk)) {
            return RowKind.PLAIN;
        }
        int entry = entryOfRow(row);
        if (entry >= 0) {
            return entry == selectedEntry ? RowKind.SELECTED_ENTRY : RowKind.ENTRY;
        }
        long area = layout.areaOfChunk(chunk);
        if (area == image.currentArea() && row == image.currentCommitted() && area < image.areasRead()) {
            return RowKind.TERMINATOR;
        }
        return isZero(row) ? RowKind.PLAIN : RowKind.STALE;
    }

    /** The decoded meaning of a row, shown beside the hex. */
    public String noteOf(int row) {
        AreaLayout layout = image.requireLayout();
        int at = row * ROW_BYTES;
        if (chunk == 0 && row == 0 && data.length >= DiskHeader.SIZE_BYTES) {
            DiskHeader h = DiskHeader.decode(ByteBuffer.wrap(data, 0, DiskHeader.SIZE_BYTES));
            return "magic " + h.magicHex() + (h.hasSnapMagic() ? " (SnAp)" : "") + " · valid " + h.valid()
                    + " · version " + h.version() + " · chunk " + h.chunkSizeSectors() + " s";
        }
        if (!layout.isMetadataChunk(chunk) || at + DiskException.SIZE_BYTES > data.length) {
            return "";
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long oldChunk = b.getLong(at + DiskException.OLD_CHUNK_OFFSET);
        long newChunk = b.getLong(at + DiskException.NEW_CHUNK_OFFSET);
        int entry = entryOfRow(row);
        String pair = "old " + Formats.unsigned(oldChunk) + " → new " + Formats.unsigned(newChunk);
        if (entry >= 0) {
            return "entry " + row + ": " + pair;
        }
        switch (kindOf(row, -1)) {
            case TERMINATOR:
                return "entry " + row + ": terminator (new_chunk 0 ends the table)";
            case STALE:
                return "entry " + row + ": stale, never read: " + pair;
            default:
                return "";
        }
    }

    /** The row showing {@code entry} in this metadata chunk, or -1. */
    public int rowOfEntry(int entry) {
        AreaLayout layout = image.requireLayout();
        if (entry < 0 || !layout.isMetadataChunk(chunk) || image.exceptions().areaOf(entry) != layout.areaOfChunk(chunk)) {
            return -1;
        }
        return (int) image.exceptions().slotOf(entry);
    }

    private boolean isZero(int row) {
        int from = row * ROW_BYTES;
        for (int i = from; i < Math.min(data.length, from + ROW_BYTES); i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
