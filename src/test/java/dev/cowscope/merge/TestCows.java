package dev.cowscope.merge;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.DiskHeader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds valid persistent COW images in memory: header, areas with the given entries, a zeroed area after a full one. */
final class TestCows {
    private TestCows() {
    }

    /** @param entries (old, new) pairs in disk order; new chunks non-zero */
    static byte[] bytes(long chunkSizeSectors, long[][] entries, long extraChunks) {
        AreaLayout layout = new AreaLayout(chunkSizeSectors);
        long perArea = layout.exceptionsPerArea();
        long areas = entries.length / perArea + 1;
        long maxNew = 0;
        for (long[] e : entries) {
            maxNew = Math.max(maxNew, e[1]);
        }
        long chunks = Math.max(layout.areaLocation(areas - 1) + 1, maxNew + 1) + extraChunks;
        ByteBuffer cow = ByteBuffer.allocate(Math.toIntExact(layout.chunkOffsetBytes(chunks))).order(ByteOrder.LITTLE_ENDIAN);
        cow.put(new DiskHeader(DiskHeader.SNAP_MAGIC, 1, 1, chunkSizeSectors).encode());
        for (int i = 0; i < entries.length; i++) {
            int at = Math.toIntExact(layout.entryOffsetBytes(i / perArea, i % perArea));
            cow.putLong(at, entries[i][0]).putLong(at + 8, entries[i][1]);
        }
        return cow.array();
    }

    static CowImage image(long chunkSizeSectors, long[][] entries) throws Exception {
        return new CowReader(ParseOptions.DEFAULT).read(new ByteArrayBlockSource("test-cow", bytes(chunkSizeSectors, entries, 0)), Progress.NONE);
    }
}
