package dev.cowscope.ui.document;

import java.nio.file.Path;

/** What File ▸ Open opened: a dm-snapshot COW ({@link OpenedImage}) or an Android COW file ({@link OpenedAndroidCow}). */
public sealed interface OpenedDocument extends AutoCloseable permits OpenedImage, OpenedAndroidCow {
    Path path();

    /** The file name for titles. */
    default String displayName() {
        Path name = path().getFileName();
        return name == null ? path().toString() : name.toString();
    }
}
