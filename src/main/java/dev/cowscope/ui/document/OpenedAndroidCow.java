package dev.cowscope.ui.document;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidMergePlan;
import dev.cowscope.android.TargetBlocks;
import java.nio.file.Path;

/**
 * An open Android COW file: the parse, the merge preparation AOSP's {@code CowReader::Parse} includes (DEFAULT
 * reader: its verdict is whether AOSP reads the file at all), and which op each target block reads. Holds no file open.
 */
public record OpenedAndroidCow(Path path, AndroidCow cow, AndroidMergePlan merge, TargetBlocks blocks) implements OpenedDocument {

    /** Whether AOSP's reader reads the file (parse and merge preparation). */
    public boolean aospReadsIt() {
        return merge.readerParseOk();
    }

    /** AOSP's reason when it does not, else null. */
    public String aospError() {
        return merge.error();
    }
    @Override
    public void close() {
        // parsed whole into memory: nothing stays open
    }
}
