package dev.cowscope.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** AOSP's own COW fixtures as fuzz seeds, read in place (an empty array for one that is not there). */
final class AndroidSeeds {
    private AndroidSeeds() {
    }

    static byte[][] load(String... names) {
        Path dir = Path.of(System.getProperty("cowscope.android.fixtures", "../shared/fixtures/android"));
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            try {
                out[i] = Files.readAllBytes(dir.resolve(names[i]).resolve(names[i] + ".cow"));
            } catch (IOException e) {
                out[i] = new byte[0];
            }
        }
        return out;
    }
}
