package dev.cowscope.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The bundled kernel-made sample (fixture {@code b4-scatter1000}: a P 8 snapshot, 1000 chunks
 * written): extracted once per run into the temporary directory so it opens like any file.
 */
public final class Sample {
    private static final String DIR = "/dev/cowscope/sample/";
    private static Path cow;
    private static Path origin;

    private Sample() {
        throw new AssertionError("no instances");
    }

    /** The sample COW image (gzip). */
    public static synchronized Path cow() {
        if (cow == null) {
            cow = extract("cow.img.gz");
        }
        return cow;
    }

    /** The sample's origin image (gzip). */
    public static synchronized Path origin() {
        if (origin == null) {
            origin = extract("origin.img.gz");
        }
        return origin;
    }

    /** The snapshot table's chunk size the sample was made with. */
    public static long chunkSizeSectors() {
        return 8;
    }

    private static Path extract(String name) {
        try (InputStream in = Sample.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled sample " + name + " is missing from the application");
            }
            Path dir = Files.createTempDirectory("cowscope-sample-");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("sample-b4-scatter1000-" + name);
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().setReadOnly();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled sample " + name, e);
        }
    }
}
