package dev.cowscope.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The kernel-made fixtures in {@code ../shared/fixtures/kernel} (overridable with
 * {@code -Dcowscope.fixtures=}). A missing folder fails the test with the path it looked for.
 */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("cowscope.fixtures", "../shared/fixtures/kernel")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            fail("kernel fixtures not found at " + root + " (set -Dcowscope.fixtures=...)");
        }
        return root;
    }

    /** Every scenario folder that has a manifest, sorted by name. */
    public static List<Path> scenarios() {
        try (Stream<Path> dirs = Files.list(root())) {
            List<Path> found = new ArrayList<>(dirs.filter(d -> Files.isRegularFile(d.resolve("manifest.json"))).sorted().toList());
            if (found.isEmpty()) {
                fail("no scenario folders with manifest.json under " + root());
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path scenario(String name) {
        Path dir = root().resolve(name);
        if (!Files.isDirectory(dir)) {
            fail("fixture scenario not found: " + dir);
        }
        return dir;
    }

    public static JsonNode manifest(Path scenario) {
        try {
            return JSON.readTree(scenario.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a text file in the scenario (e.g. {@code status-before-remove.txt}). */
    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The params of the {@code snap:} (or only) line of a dmsetup status file, after the target type. */
    public static String statusParams(Path statusFile, String device) {
        for (String line : lines(statusFile)) {
            String l = line.strip();
            if (l.startsWith(device + ": ")) {
                l = l.substring(device.length() + 2);
            } else if (l.contains(": ")) {
                continue;
            }
            String[] parts = l.split(" ", 4);
            if (parts.length == 4) {
                return parts[3].strip();
            }
        }
        throw new AssertionError("no status line for " + device + " in " + statusFile);
    }

    public static byte[] gunzip(Path gz) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
