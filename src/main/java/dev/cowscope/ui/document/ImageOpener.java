package dev.cowscope.ui.document;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowParser;
import dev.cowscope.android.AndroidMergeOrder;
import dev.cowscope.android.AndroidMergePlan;
import dev.cowscope.android.TargetBlocks;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.ui.map.CowChunkMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Opens and parses a COW through the engine (a seam: tests slow it down or fail it): the file's magic says
 * which format, so File ▸ Open and drag-and-drop take a dm-snapshot COW and an Android COW alike.
 */
@FunctionalInterface
public interface ImageOpener {
    ImageOpener ENGINE = ImageOpener::openWithEngine;

    OpenedDocument open(Path path, ParseOptions options, Progress progress) throws IOException;

    private static OpenedDocument openWithEngine(Path path, ParseOptions options, Progress progress) throws IOException {
        BlockSource source = BlockSources.open(path, progress);
        try {
            if (AndroidCowParser.isAndroidCow(source)) {
                try (source) {
                    AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty(), progress);
                    AndroidMergePlan merge = new AndroidMergeOrder().prepare(cow, source, false);
                    return new OpenedAndroidCow(path, cow, merge, TargetBlocks.of(cow.ops(), progress));
                }
            }
            CowImage image = new CowReader(options).read(source, progress);
            CowChunkMap map = CowChunkMap.of(image, progress);
            return new OpenedImage(path, options, image, source, map);
        } catch (IOException | RuntimeException | Error e) {
            source.close();
            throw e;
        }
    }
}
