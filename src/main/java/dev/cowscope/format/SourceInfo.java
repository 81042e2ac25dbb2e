package dev.cowscope.format;

/** Where an image came from: {@code source} in the JSON report. */
public record SourceInfo(String path, long sizeBytes, SourceKind kind) {
    public static SourceInfo of(BlockSource source) {
        return new SourceInfo(source.name(), source.sizeBytes(), source.kind());
    }
}
