package dev.cowscope.android;

/** Op columns built by hand for tests outside this package (the columns' writers are package-private). */
public final class TestOps {
    private TestOps() {
    }

    /** One op per entry: {@code types[i]} at new block {@code blocks[i]}, one block each, no data. */
    public static AndroidCowOps of(int[] types, long[] blocks) {
        AndroidCowOps ops = new AndroidCowOps(types.length);
        for (int i = 0; i < types.length; i++) {
            ops.add(types[i], 0, 0, 0, blocks[i], 0, -1);
        }
        return ops;
    }
}
