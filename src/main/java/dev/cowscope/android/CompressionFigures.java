package dev.cowscope.android;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stored against decoded bytes of the block data (REPLACE and XOR ops), per compression algorithm as AOSP's
 * reader decodes it (v2: each op's own; v3: the header's). {@code rawOps} are ops stored uncompressed under a
 * compressing algorithm (lz4 and zstd writers keep an incompressible block as it is: data_length = op_buf_size).
 */
public record CompressionFigures(String algorithm, long ops, long rawOps, long storedBytes, long decodedBytes) {

    /** Stored bytes as a share of decoded ones (1 = no gain), 0 when nothing is decoded. */
    public double ratio() {
        return decodedBytes == 0 ? 0 : (double) storedBytes / decodedBytes;
    }

    /** One entry per algorithm in use, by name. */
    public static List<CompressionFigures> of(AndroidCow cow) {
        AndroidCowOps ops = cow.ops();
        long blockSize = cow.header().blockSize();
        Map<String, long[]> tally = new TreeMap<>();
        for (int i = 0; i < ops.size(); i++) {
            int type = ops.type(i);
            if (type != AndroidOpType.REPLACE && type != AndroidOpType.XOR) {
                continue;
            }
            long decoded = ops.opBufSize(i, blockSize);
            long[] t = tally.computeIfAbsent(cow.compressionOf(i), k -> new long[4]);
            t[0]++;
            t[1] += cow.keptRaw(i) ? 1 : 0;
            t[2] += ops.dataLength(i);
            t[3] += decoded;
        }
        List<CompressionFigures> figures = new ArrayList<>();
        tally.forEach((name, t) -> figures.add(new CompressionFigures(name, t[0], t[1], t[2], t[3])));
        return figures;
    }
}
