package dev.cowscope.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs go to a new regular file: never renamed over a device node, a FIFO or a directory. */
class AtomicOutputTest {
    @TempDir
    Path dir;

    @Test
    void refusesACharacterDevice() {
        Path node = Path.of("/dev/null");
        IOException e = assertThrows(AtomicOutput.NotARegularFileException.class, () -> AtomicOutput.create(node));
        assertTrue(e.getMessage().contains("/dev/null is a device node or pipe"), e.getMessage());
        assertTrue(Files.isRegularFile(node) == false && Files.exists(node), "/dev/null is still a device");
    }

    @Test
    void refusesAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        assertThrows(AtomicOutput.NotARegularFileException.class, () -> AtomicOutput.create(fifo));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the FIFO is still there");
        assertEquals(1, listed(), "no temp file left behind");
    }

    @Test
    void refusesADirectoryAndALinkToADevice() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("out"));
        IOException e = assertThrows(AtomicOutput.NotARegularFileException.class, () -> AtomicOutput.create(sub));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        Path link = Files.createSymbolicLink(dir.resolve("null-link"), Path.of("/dev/null"));
        assertThrows(AtomicOutput.NotARegularFileException.class, () -> AtomicOutput.create(link));
        assertTrue(Files.isSymbolicLink(link), "the link is untouched");
    }

    @Test
    void replacesARegularFile() throws IOException {
        Path target = Files.writeString(dir.resolve("old.img"), "old");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.channel().write(ByteBuffer.wrap("new".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            out.commit();
        }
        assertEquals("new", Files.readString(target));
        assertEquals(1, listed());
    }

    /** The file gets 0666 less the umask, as any application's file would, not a temp file's 0600. */
    @Test
    void modeFollowsTheUmask() throws Exception {
        Path reference = dir.resolve("reference");
        Process touch = new ProcessBuilder("touch", reference.toString()).inheritIO().start();
        assertTrue(touch.waitFor(10, TimeUnit.SECONDS) && touch.exitValue() == 0, "touch failed");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        Path target = dir.resolve("view.img");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.commit();
        }
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertTrue(expected.contains(PosixFilePermission.OWNER_READ) && expected.contains(PosixFilePermission.OWNER_WRITE));
    }

    private long listed() throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
