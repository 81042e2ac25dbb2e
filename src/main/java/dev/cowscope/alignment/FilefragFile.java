package dev.cowscope.alignment;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The extents of one file as {@code filefrag -v}/{@code -e} printed them.
 *
 * @param name                 the file name from the {@code File size of} header, if there was one
 * @param fileSizeBytes        {@code st_size} from that header, if there was one
 * @param blockSizeBytes       the unit of the extent table ({@code 2^blk_shift})
 * @param extents              the rows, converted to bytes
 * @param reportedExtentCount  the {@code N extents found} footer (filefrag counts discontiguities)
 * @param firstLineNumber      1-based line of the paste where this file starts
 */
public record FilefragFile(Optional<String> name, OptionalLong fileSizeBytes, long blockSizeBytes,
                           List<Extent> extents, OptionalInt reportedExtentCount, int firstLineNumber) {
    public FilefragFile {
        extents = List.copyOf(extents);
    }
}
