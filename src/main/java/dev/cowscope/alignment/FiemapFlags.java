package dev.cowscope.alignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code fe_flags} bits of {@code struct fiemap_extent} (uapi {@code linux/fiemap.h}) and the words
 * {@code filefrag} prints for them ({@code print_flags} in e2fsprogs {@code misc/filefrag.c}), in
 * filefrag's order.
 */
public final class FiemapFlags {
    public static final int LAST = 0x1;
    public static final int UNKNOWN = 0x2;
    public static final int DELALLOC = 0x4;
    public static final int ENCODED = 0x8;
    public static final int DATA_ENCRYPTED = 0x80;
    public static final int NOT_ALIGNED = 0x100;
    public static final int DATA_INLINE = 0x200;
    public static final int DATA_TAIL = 0x400;
    public static final int UNWRITTEN = 0x800;
    public static final int MERGED = 0x1000;
    public static final int SHARED = 0x2000;
    /** {@code EXT4_FIEMAP_EXTENT_HOLE}: only from {@code EXT4_IOC_GET_ES_CACHE} ({@code filefrag -E}). */
    public static final int EXT4_HOLE = 0x08000000;

    private static final int[] BITS = {
        LAST, UNKNOWN, DELALLOC, ENCODED, DATA_ENCRYPTED, NOT_ALIGNED, DATA_INLINE, DATA_TAIL,
        UNWRITTEN, MERGED, SHARED, EXT4_HOLE,
    };
    private static final String[] WORDS = {
        "last", "unknown_loc", "delalloc", "encoded", "encrypted", "not_aligned", "inline",
        "tail_packed", "unwritten", "merged", "shared", "hole",
    };

    private FiemapFlags() {
        throw new AssertionError("no instances");
    }

    /** The words filefrag prints for {@code flags}, in its order; unknown bits as {@code 0x…}. */
    public static List<String> names(int flags) {
        List<String> names = new ArrayList<>();
        int rest = flags;
        for (int i = 0; i < BITS.length; i++) {
            if ((flags & BITS[i]) != 0) {
                names.add(WORDS[i]);
                rest &= ~BITS[i];
            }
        }
        if (rest != 0) {
            names.add("0x" + Integer.toHexString(rest));
        }
        return names;
    }

    /** The comma-separated form, e.g. {@code last,unwritten}; empty for no flags. */
    public static String describe(int flags) {
        return String.join(",", names(flags));
    }

    /** The bit for one filefrag word or {@code 0x…} number; empty when the word is not a flag. */
    public static Optional<Integer> parseWord(String word) {
        String w = word.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < WORDS.length; i++) {
            if (WORDS[i].equals(w)) {
                return Optional.of(BITS[i]);
            }
        }
        if (w.startsWith("0x") && w.length() > 2) {
            try {
                return Optional.of((int) Long.parseLong(w.substring(2), 16));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
