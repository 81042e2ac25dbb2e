package dev.cowscope.android;

/**
 * An Android COW's size as its writer reports it ({@code GetCowSizeInfo()}), split into the file's areas. The parts
 * add up to {@link #cowSizeBytes()}.
 *
 * @param version        2 or 3 (1 is written by the v2 writer and reported as 2)
 * @param headerBytes    {@code sizeof(CowHeader)} 38 (v2) or {@code sizeof(CowHeaderV3)} 78 (v3)
 * @param scratchBytes   {@code buffer_size}: the read-ahead scratch area after the header
 * @param sequenceBytes  v3 sequence buffer ({@code sequence_data_count} × 4); 0 in v2, where merge sequence data are
 *                       ops with data
 * @param resumeBytes    v3 resume buffer ({@code resume_point_max} × 16); 0 in v2
 * @param opBytes        v2: the op slots the size counts (20 bytes each, whole clusters but the last); v3:
 *                       {@code op_count_max} × 16, used or not
 * @param dataBytes      stored data (compressed, or raw when that was not smaller)
 * @param footerBytes    v2 footer, 84; 0 in v3
 * @param cowSizeBytes   {@code GetCowSizeInfo().cow_size}
 * @param ops            ops written, v2 labels and sequence ops included, cluster ops not
 * @param clusterOps     v2 cluster ops in the file, the one {@code Finalize} adds included; 0 in v3
 * @param opCountMax     v3 {@code GetCowSizeInfo().op_count_max}; 0 in v2
 * @param fits           false when the v3 writer would refuse an op ("this will exceed max op count")
 */
public record AndroidCowSize(int version, long headerBytes, long scratchBytes, long sequenceBytes, long resumeBytes,
                             long opBytes, long dataBytes, long footerBytes, long cowSizeBytes, long ops, long clusterOps,
                             long opCountMax, boolean fits) {
}
