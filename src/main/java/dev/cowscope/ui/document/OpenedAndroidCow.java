package dev.cowscope.ui.document;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.TargetBlocks;
import java.nio.file.Path;

/** An open Android COW file: the parse and which op each target block reads. Holds no file open. */
public record OpenedAndroidCow(Path path, AndroidCow cow, TargetBlocks blocks) implements OpenedDocument {
    @Override
    public void close() {
        // parsed whole into memory: nothing stays open
    }
}
