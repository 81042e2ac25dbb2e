package dev.cowscope.ui.document;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.ui.map.CowChunkMap;
import java.io.IOException;
import java.nio.file.Path;

/** Opens and parses a COW image through the engine (a seam: tests slow it down or fail it). */
@FunctionalInterface
public interface ImageOpener {
    ImageOpener ENGINE = ImageOpener::openWithEngine;

    OpenedImage open(Path path, ParseOptions options, Progress progress) throws IOException;

    private static OpenedImage openWithEngine(Path path, ParseOptions options, Progress progress) throws IOException {
        BlockSource source = BlockSources.open(path, progress);
        try {
            CowImage image = new CowReader(options).read(source, progress);
            CowChunkMap map = CowChunkMap.of(image, progress);
            return new OpenedImage(path, options, image, source, map);
        } catch (IOException | RuntimeException | Error e) {
            source.close();
            throw e;
        }
    }
}
