package dev.cowscope.ui.document;

import dev.cowscope.format.BlockSource;
import java.io.IOException;
import java.nio.file.Path;

/** The origin device of the snapshot, opened read-only through the engine. */
public record AttachedOrigin(Path path, BlockSource source) implements AutoCloseable {
    public long sizeBytes() {
        return source.sizeBytes();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
