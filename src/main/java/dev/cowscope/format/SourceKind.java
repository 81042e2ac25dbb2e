package dev.cowscope.format;

/** What a {@link BlockSource} reads from; reported in {@code source.kind} of the JSON report. */
public enum SourceKind {
    FILE("file"),
    BLOCK_DEVICE("block-device"),
    GZIP("gzip"),
    XZ("xz"),
    ZSTD("zstd"),
    MEMORY("memory");

    private final String label;

    SourceKind(String label) {
        this.label = label;
    }

    /** The lower-case name used in reports. */
    public String label() {
        return label;
    }
}
