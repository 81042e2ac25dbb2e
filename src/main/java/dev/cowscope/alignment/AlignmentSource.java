package dev.cowscope.alignment;

import java.util.List;

/**
 * What an alignment check reads: table lines, filefrag output, text that is one of the two (told apart
 * by its first line), or a file's live extents.
 *
 * @param name where it came from (a path), or "" for pasted text; reports name their source after it
 */
public record AlignmentSource(Kind kind, String name, String text, List<Extent> extents) {
    public enum Kind { TABLE, FILEFRAG, TABLE_OR_FILEFRAG, EXTENTS }

    public AlignmentSource {
        extents = List.copyOf(extents);
    }

    public static AlignmentSource table(String name, String text) {
        return new AlignmentSource(Kind.TABLE, name, text, List.of());
    }

    public static AlignmentSource filefrag(String name, String text) {
        return new AlignmentSource(Kind.FILEFRAG, name, text, List.of());
    }

    /** Text that is a table or filefrag output, as {@link AlignmentInputs#looksLikeTable} tells. */
    public static AlignmentSource tableOrFilefrag(String name, String text) {
        return new AlignmentSource(Kind.TABLE_OR_FILEFRAG, name, text, List.of());
    }

    /** Extents read from file {@code name} with FIEMAP. */
    public static AlignmentSource extents(String name, List<Extent> extents) {
        return new AlignmentSource(Kind.EXTENTS, name, "", extents);
    }
}
