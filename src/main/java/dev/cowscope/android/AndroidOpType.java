package dev.cowscope.android;

/** {@code CowOperationType}: the op types, their codes and the names AOSP prints. */
public final class AndroidOpType {
    public static final int COPY = 1;
    public static final int REPLACE = 2;
    public static final int ZERO = 3;
    public static final int LABEL = 4;
    public static final int CLUSTER = 5;
    public static final int XOR = 6;
    public static final int SEQUENCE = 7;
    public static final int FOOTER = 255;

    /** The names used in our reports, in the order they are listed ({@code opCounts}). */
    static final String[] REPORT_NAMES = {"COPY", "REPLACE", "ZERO", "XOR", "LABEL", "CLUSTER", "SEQUENCE", "FOOTER"};

    private AndroidOpType() {
    }

    /** True for the codes AOSP defines (1..7 and 255). */
    public static boolean isKnown(int type) {
        return type >= COPY && type <= SEQUENCE || type == FOOTER;
    }

    /** Our name: {@code COPY}, {@code REPLACE} …, or {@code UNKNOWN(n)}. */
    public static String name(int type) {
        switch (type) {
            case COPY: return "COPY";
            case REPLACE: return "REPLACE";
            case ZERO: return "ZERO";
            case LABEL: return "LABEL";
            case CLUSTER: return "CLUSTER";
            case XOR: return "XOR";
            case SEQUENCE: return "SEQUENCE";
            case FOOTER: return "FOOTER";
            default: return "UNKNOWN(" + type + ")";
        }
    }

    /** The code of one of our names ({@code COPY} …), -1 for a name that is none of them. */
    public static int code(String name) {
        for (int type = COPY; type <= SEQUENCE; type++) {
            if (name(type).equals(name)) {
                return type;
            }
        }
        return "FOOTER".equals(name) ? FOOTER : -1;
    }

    /** The name AOSP prints ({@code EmitCowTypeString}): {@code kCowCopyOp}, {@code kZeroOp} … */
    public static String aospName(int type) {
        switch (type) {
            case COPY: return "kCowCopyOp";
            case REPLACE: return "kCowReplaceOp";
            case ZERO: return "kZeroOp";
            case LABEL: return "kCowLabelOp";
            case CLUSTER: return "kCowClusterOp";
            case XOR: return "kCowXorOp";
            case SEQUENCE: return "kCowSequenceOp";
            case FOOTER: return "kCowFooterOp";
            default: return type + "unknown";
        }
    }

    /** {@code IsMetadataOp}: LABEL, CLUSTER, SEQUENCE and FOOTER claim no block of the target; every other type does. */
    public static boolean isMetadata(int type) {
        return type == LABEL || type == CLUSTER || type == SEQUENCE || type == FOOTER;
    }

    /** True for the ops that carry data in the COW ({@code GetRawBytes} accepts them). */
    public static boolean hasData(int type) {
        return type == REPLACE || type == XOR || type == SEQUENCE;
    }

    /** {@code CowCompressionAlgorithm}: none, gz, brotli, lz4, zstd. */
    public static String compressionName(long algorithm) {
        if (algorithm == 0) {
            return "none";
        } else if (algorithm == 1) {
            return "gz";
        } else if (algorithm == 2) {
            return "brotli";
        } else if (algorithm == 3) {
            return "lz4";
        } else if (algorithm == 4) {
            return "zstd";
        }
        return "unknown(" + algorithm + ")";
    }
}
