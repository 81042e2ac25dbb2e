package dev.cowscope.android;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fixtures README's deterministic content: {@code TextBlock(tag, n)} and the source image made of it. */
final class FixtureImages {
    static final int BLOCK = 4096;

    private FixtureImages() {
    }

    /** The line {@code "COW oracle <tag> block <n>\n"} repeated and cut to 4096 bytes. */
    static byte[] textBlock(String tag, long n) {
        byte[] line = ("COW oracle " + tag + " block " + n + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[BLOCK];
        for (int k = 0; k < BLOCK; k++) {
            out[k] = line[k % line.length];
        }
        return out;
    }

    /** Writes the source ("old") image of {@code blocks} blocks, block b = {@code TextBlock("src", b)}, to {@code file}. */
    static Path sourceImage(Path file, long blocks) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long b = 0; b < blocks; b++) {
                out.write(textBlock("src", b));
            }
        }
        return file;
    }
}
