package dev.cowscope.ui.document;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.ui.map.CowChunkMap;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An open COW image: the parsed result, the read-only source kept open for chunk reads (the
 * hexdump, exports), and the chunk roles. Immutable; closed when another image replaces it.
 */
public final class OpenedImage implements OpenedDocument {
    private final Path path;
    private final ParseOptions options;
    private final CowImage image;
    private final BlockSource source;
    private final CowChunkMap chunkMap;

    public OpenedImage(Path path, ParseOptions options, CowImage image, BlockSource source, CowChunkMap chunkMap) {
        this.path = path;
        this.options = options;
        this.image = image;
        this.source = source;
        this.chunkMap = chunkMap;
    }

    @Override
    public Path path() {
        return path;
    }

    public ParseOptions options() {
        return options;
    }

    public CowImage image() {
        return image;
    }

    /** Read-only; positional reads, safe from any thread. */
    public BlockSource source() {
        return source;
    }

    public CowChunkMap chunkMap() {
        return chunkMap;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
