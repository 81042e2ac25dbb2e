package dev.cowscope.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.Progress;
import dev.cowscope.format.SnapshotStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The calculator and the image-pair pass against every kernel-made scenario: the distinct chunks
 * of the writes that succeeded (through the snapshot or the origin: both allocate an exception
 * for a chunk not yet remapped) give the kernel's own {@code dmsetup status}.
 */
class KernelFixtureSizingTest {
    private static final Pattern SNAPSHOT_STATUS = Pattern.compile("\\d+ \\d+ (?:snapshot|snapshot-merge) (.+)$");

    record Write(String target, long startSector, long sectors) {
        ByteRange bytes() {
            return new ByteRange(startSector * 512, sectors * 512);
        }
    }

    record Scenario(Path dir, String name, long chunkSizeSectors, String store, long cowSizeBytes,
                    List<Write> writes, Set<Integer> failedWrites, JsonNode checks) {
        List<Write> succeeded(String target) {
            List<Write> ok = new ArrayList<>();
            for (int i = 0; i < writes.size(); i++) {
                if (!failedWrites.contains(i) && (target.isEmpty() || writes.get(i).target().equals(target))) {
                    ok.add(writes.get(i));
                }
            }
            return ok;
        }

        Path file(String name) {
            return dir.resolve(name);
        }
    }

    static Path fixturesRoot() {
        Path root = Path.of(System.getProperty("cowscope.fixtures", "../shared/fixtures/kernel"));
        if (!Files.isDirectory(root)) {
            fail("kernel fixtures not found at " + root.toAbsolutePath() + " (set -Dcowscope.fixtures=...)");
        }
        return root;
    }

    static List<Scenario> snapshotScenarios() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(fixturesRoot())) {
            for (Path dir : dirs.sorted().toList()) {
                Path manifestFile = dir.resolve("manifest.json");
                if (!Files.isRegularFile(manifestFile)) {
                    continue;
                }
                JsonNode manifest = json.readTree(manifestFile.toFile());
                if (!manifest.has("snapshot")) {
                    continue; // p4-alignment: dm-linear tables, no snapshot
                }
                List<Write> writes = new ArrayList<>();
                for (JsonNode w : manifest.path("writes")) {
                    writes.add(new Write(w.get("target").asText(), w.get("start_sector").asLong(), w.get("nsectors").asLong()));
                }
                Set<Integer> failed = new HashSet<>();
                manifest.path("failed_write_indices").forEach(i -> failed.add(i.asInt()));
                scenarios.add(new Scenario(dir, dir.getFileName().toString(),
                        manifest.at("/snapshot/chunk_size_sectors").asLong(), manifest.at("/snapshot/persistent").asText(),
                        manifest.at("/cow/size_bytes").asLong(), writes, failed, manifest.path("checks")));
            }
        }
        assertThat(scenarios).as("snapshot scenarios under %s", fixturesRoot().toAbsolutePath()).isNotEmpty();
        return scenarios;
    }

    @TestFactory
    Stream<DynamicNode> everyKernelScenario() throws IOException {
        return snapshotScenarios().stream().map(s -> DynamicContainer.dynamicContainer(s.name(), Stream.concat(
                Stream.of(calculatorTest(s)), imagePairTests(s).stream())));
    }

    private static DynamicTest calculatorTest(Scenario s) {
        if (s.store().equals("N")) {
            // Transient store: no header, no metadata; data from COW chunk 0, so no persistent sizing applies.
            return DynamicTest.dynamicTest("transient store (manifest persistent=N): allocated = n·cs, metadata 0", () -> {
                long n = distinctChunks(s.succeeded(""), s.chunkSizeSectors());
                assertThat(kernelStatus(s, "status-before-remove.txt"))
                        .isEqualTo(n * s.chunkSizeSectors() + "/" + s.cowSizeBytes() / 512 + " 0");
            });
        }
        return DynamicTest.dynamicTest("calculator gives the kernel's status", () -> {
            CowSizeCalculator calculator = new CowSizeCalculator(s.chunkSizeSectors());
            CowCapacity capacity = calculator.capacity(s.cowSizeBytes());
            long attempted = distinctChunks(s.writes(), s.chunkSizeSectors());
            long succeeded = distinctChunks(s.succeeded(""), s.chunkSizeSectors());
            boolean merged = Files.exists(s.file("status-premerge.txt"));
            String kernel = kernelStatus(s, merged ? "status-premerge.txt" : "status-before-remove.txt");
            SnapshotStatus predicted = calculator.statusAfter(attempted, s.cowSizeBytes(), whenFull(s, capacity));
            assertThat(predicted.params()).as("%s: n = %d attempted, %d succeeded", s.name(), attempted, succeeded)
                    .isEqualTo(kernel);
            if (attempted <= capacity.maxChangedChunks()) {
                assertThat(succeeded).isEqualTo(attempted);
                assertThat(calculator.forChangedChunks(succeeded).totalSectors())
                        .isEqualTo(Long.parseLong(kernel.substring(0, kernel.indexOf('/'))));
            } else {
                // Overflow: the kernel committed exactly what fits, and the calculator says n does not fit.
                assertThat(calculator.forChangedChunks(attempted).totalBytes()).isGreaterThan(s.cowSizeBytes());
                assertThat(s.checks().path("n_exceptions_decoded").asLong()).isEqualTo(capacity.maxChangedChunks());
                assertThat(s.succeeded("snapshot").isEmpty() || succeeded <= capacity.maxChangedChunks()).isTrue();
            }
            if (merged) {
                // After a completed merge the kernel reports a store with no exceptions (snapshot.rst).
                assertThat(kernelStatus(s, "status-before-remove.txt"))
                        .isEqualTo(calculator.statusAfter(0, s.cowSizeBytes(), WhenFull.INVALIDATE).params());
            }
        });
    }

    /** The write whose chunk is the first that does not fit decides what -ENOSPC does. */
    private static WhenFull whenFull(Scenario s, CowCapacity capacity) {
        Set<Long> chunks = new HashSet<>();
        for (Write w : s.writes()) {
            addChunks(chunks, w, s.chunkSizeSectors());
            if (chunks.size() > capacity.maxChangedChunks()) {
                return w.target().equals("snapshot") && s.store().equals("PO") ? WhenFull.OVERFLOW : WhenFull.INVALIDATE;
            }
        }
        return WhenFull.INVALIDATE;
    }

    private static List<DynamicTest> imagePairTests(Scenario s) {
        List<DynamicTest> tests = new ArrayList<>();
        boolean snapshotWrites = s.writes().stream().anyMatch(w -> w.target().equals("snapshot")) || s.writes().isEmpty();
        boolean originWrites = s.writes().stream().anyMatch(w -> w.target().equals("origin"));
        if (snapshotWrites) {
            tests.add(pairTest(s, "snapshot-view.img.gz", "snapshot"));
        }
        if (originWrites) {
            tests.add(pairTest(s, "origin-after.img.gz", "origin"));
        }
        return tests;
    }

    private static DynamicTest pairTest(Scenario s, String newImage, String target) {
        return DynamicTest.dynamicTest("origin-before vs " + newImage + " finds the " + target + " writes", () -> {
            if (!Files.exists(s.file(newImage))) {
                // e1: an invalidated snapshot cannot be read, so the harness has no view of it.
                assertThat(kernelStatus(s, "status-before-remove.txt")).as("%s has no %s", s.name(), newImage).isEqualTo("Invalid");
                return;
            }
            List<ByteRange> written = s.succeeded(target).stream().map(Write::bytes).toList();
            ChangedChunks expected = ChangedChunks.fromRanges(written, 0);
            ChangedChunks found;
            try (BlockSource before = BlockSources.open(s.file("origin-before.img.gz"));
                 BlockSource after = BlockSources.open(s.file(newImage))) {
                found = ChangedChunks.fromImagePair(before, after, Progress.NONE);
            }
            assertThat(found.counts()).as("%s, every chunk size", s.name()).isEqualTo(expected.counts());
            assertThat(found.changedChunks(s.chunkSizeSectors()))
                    .isEqualTo(distinctChunks(s.succeeded(target), s.chunkSizeSectors()));
            assertThat(found.shrunkBytes()).isZero();
        });
    }

    private static long distinctChunks(List<Write> writes, long chunkSizeSectors) {
        Set<Long> chunks = new HashSet<>();
        writes.forEach(w -> addChunks(chunks, w, chunkSizeSectors));
        return chunks.size();
    }

    private static void addChunks(Set<Long> chunks, Write w, long chunkSizeSectors) {
        for (long sector = w.startSector(); sector < w.startSector() + w.sectors(); sector++) {
            chunks.add(sector / chunkSizeSectors);
        }
    }

    private static String kernelStatus(Scenario s, String file) throws IOException {
        for (String line : Files.readAllLines(s.file(file))) {
            Matcher m = SNAPSHOT_STATUS.matcher(line.trim());
            if (m.find()) {
                return m.group(1).trim();
            }
        }
        throw new AssertionError(s.name() + "/" + file + " has no snapshot status line");
    }
}
