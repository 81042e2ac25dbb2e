package dev.cowscope.alignment;

/** Counted nouns in messages: {@code 1 line}, {@code 3 extents}. */
public final class Plural {
    private Plural() {
        throw new AssertionError("no instances");
    }

    public static String of(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
