package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.snapshot.SnapshotView;
import dev.cowscope.testkit.Fixtures;
import dev.cowscope.testkit.ScenarioWrites;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every kernel-made scenario: our reading of the COW the kernel wrote must say what the kernel
 * said (header, state, {@code dmsetup status}), hold the chunks the scenario wrote, and rebuild
 * the exact bytes {@code /dev/mapper/snap} returned.
 */
class KernelFixturesTest {

    @TestFactory
    Stream<DynamicNode> everyScenario() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path scenario : Fixtures.scenarios()) {
            JsonNode manifest = Fixtures.manifest(scenario);
            if (!manifest.has("snapshot")) {
                continue; // p4-alignment: no COW (covered by the alignment tests)
            }
            nodes.add(DynamicContainer.dynamicContainer(scenario.getFileName().toString(), testsFor(scenario, manifest)));
        }
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(19);
        return nodes.stream();
    }

    private static Stream<DynamicNode> testsFor(Path scenario, JsonNode manifest) {
        long cs = ScenarioWrites.chunkSizeSectors(manifest);
        ParseOptions table = ParseOptions.DEFAULT.withTableChunkSize(cs);
        List<DynamicNode> tests = new ArrayList<>();
        if (ScenarioWrites.store(manifest).equals("N")) {
            tests.add(dynamicTest("transient store has no header: not a COW", () ->
                    assertThatThrownBy(() -> CowReader.read(scenario.resolve("cow-after.img.gz"), table, Progress.NONE))
                            .isInstanceOf(CowFormatException.class)
                            .satisfies(e -> assertThat(((CowFormatException) e).kind()).isEqualTo(CowFormatException.Kind.NOT_A_COW))));
            return tests.stream();
        }
        boolean merge = Files.exists(scenario.resolve("cow-premerge.img.gz"));
        Path cowFile = scenario.resolve(merge ? "cow-premerge.img.gz" : "cow-after.img.gz");
        JsonNode checks = manifest.path("checks");
        JsonNode headerCheck = merge ? checks.path("premerge_header") : checks.path("header");

        tests.add(dynamicTest("fresh COW before the run reads as the kernel's status at creation", () -> {
            CowImage fresh = CowReader.read(scenario.resolve("cow-before.img.gz"), table, Progress.NONE);
            assertThat(fresh.state()).isEqualTo(StoreState.FRESH);
            assertThat(fresh.usage().orElseThrow().params())
                    .isEqualTo(Fixtures.statusParams(scenario.resolve("status-created.txt"), "snap"));
        }));

        tests.add(dynamicTest("header and state", () -> {
            CowImage image = CowReader.read(cowFile, table, Progress.NONE);
            assertThat(image.header().magicHex()).isEqualTo(headerCheck.path("magic").asText());
            assertThat(image.header().valid()).isEqualTo(headerCheck.path("valid").asLong());
            assertThat(image.header().version()).isEqualTo(headerCheck.path("version").asLong());
            assertThat(image.header().chunkSizeSectors()).isEqualTo(headerCheck.path("chunk_size").asLong());
            assertThat(image.state()).isEqualTo(headerCheck.path("valid").asLong() == 0 ? StoreState.INVALID : StoreState.VALID);
        }));

        tests.add(dynamicTest("dmsetup status equals the kernel's line", () -> {
            CowImage image = CowReader.read(cowFile, table, Progress.NONE);
            Path statusFile = scenario.resolve(merge ? "status-premerge.txt" : "status-before-remove.txt");
            if (!Files.exists(statusFile)) {
                statusFile = scenario.resolve("status-before-remove.txt");
            }
            String kernel = merge && !Files.exists(scenario.resolve("status-premerge.txt"))
                    ? checks.path("premerge_status").asText(null) : Fixtures.statusParams(statusFile, "snap");
            if (kernel == null) {
                // f2 recorded no status between its writes and the merge: the first boot's last status is it
                kernel = Fixtures.statusParams(scenario.resolve("status-before-remove.txt"), "snap");
            }
            if (kernel.equals("Overflow")) {
                // Overflow lives only in the kernel's memory: offline the store reads valid and full,
                // as the kernel itself said when the snapshot was created again.
                assertThat(image.findings()).extracting(Finding::kind).contains(FindingKind.STORE_FULL);
                assertThat(image.headroomChunks()).isZero();
                kernel = Fixtures.statusParams(scenario.resolve("reactivation/status-react.txt"), "snap");
            }
            assertThat(image.usage().orElseThrow().params()).isEqualTo(kernel);
        }));

        if (Files.exists(scenario.resolve("reactivation/status-react.txt"))) {
            Path reactivated = scenario.resolve(merge ? "cow-after-merge.img.gz" : "cow-after.img.gz");
            tests.add(dynamicTest("status at reactivation", () -> {
                CowImage image = CowReader.read(reactivated, table, Progress.NONE);
                assertThat(image.usage().orElseThrow().params())
                        .isEqualTo(Fixtures.statusParams(scenario.resolve("reactivation/status-react.txt"), "snap"));
            }));
        }

        tests.add(dynamicTest("remapped origin chunks are the chunks the scenario wrote", () -> {
            CowImage image = CowReader.read(cowFile, table, Progress.NONE);
            LinkedHashSet<Long> touched = ScenarioWrites.touchedChunks(manifest, cs);
            Set<Long> remapped = new TreeSet<>();
            for (int i = 0; i < image.exceptions().size(); i++) {
                remapped.add(image.exceptions().oldChunk(i));
            }
            assertThat(remapped).hasSize(image.exceptions().size()); // no duplicates in kernel-made tables
            Set<Long> expected = new TreeSet<>(touched);
            if (image.state() == StoreState.INVALID && manifest.path("failed_write_indices").isEmpty()) {
                // overflow through origin writes: the kernel committed the first chunks that fit, then invalidated
                expected = new TreeSet<>(touched.stream().limit(image.exceptions().size()).toList());
                long fit = Headroom.chunksThatFit(image.requireLayout(), image.deviceChunks(), 2, 0, 0);
                assertThat((long) image.exceptions().size()).isEqualTo(fit);
            }
            assertThat(remapped).isEqualTo(expected);
        }));

        String viewSha = manifest.path("artifacts").path("snapshot-view").path("sha256").asText(null);
        if (viewSha != null) {
            Path originFile = merge
                    ? scenario.resolve(Files.exists(scenario.resolve("origin-premerge.img.gz")) ? "origin-premerge.img.gz" : "origin-before.img.gz")
                    : scenario.resolve("origin-after.img.gz");
            tests.add(dynamicTest("snapshot view sha256 equals the kernel's", () ->
                    assertThat(viewSha(originFile, cowFile, table, false)).isEqualTo(viewSha)));
            if (merge) {
                tests.add(dynamicTest("after the merge the origin alone is the view", () ->
                        assertThat(viewSha(scenario.resolve("origin-after-merge.img.gz"), scenario.resolve("cow-after-merge.img.gz"), table, false))
                                .isEqualTo(viewSha)));
            }
            if (Files.exists(scenario.resolve("cow-crash.img.gz"))) {
                tests.add(dynamicTest("the crashed mid-merge state still shows the same view", () ->
                        assertThat(viewSha(scenario.resolve("origin-crash.img.gz"), scenario.resolve("cow-crash.img.gz"), table, false))
                                .isEqualTo(viewSha)));
            }
        } else {
            tests.add(dynamicTest("invalidated: the kernel serves no view; salvage rebuilds the committed chunks", () -> {
                CowImage image = CowReader.read(cowFile, table, Progress.NONE);
                try (BlockSource origin = BlockSources.open(scenario.resolve("origin-before.img.gz"));
                     BlockSource cow = BlockSources.open(cowFile)) {
                    assertThatThrownBy(() -> new SnapshotView(origin, image, cow, false))
                            .hasMessageContaining("invalidated").hasMessageContaining("--salvage");
                    SnapshotView salvaged = new SnapshotView(origin, image, cow, true);
                    assertThat(salvaged.warnings()).anyMatch(w -> w.startsWith("salvage:"));
                    // every committed chunk holds what the snapshot showed for that chunk when it was copied
                    for (int i = 0; i < image.exceptions().size(); i++) {
                        long old = image.exceptions().oldChunk(i);
                        byte[] chunk = salvaged.readChunk(old);
                        String text = new String(chunk, 0, 22, java.nio.charset.StandardCharsets.US_ASCII);
                        assertThat(text).as("origin chunk %d", old).matches("<(ORIGIN|O|" + manifest.path("scenario").asText().substring(0, 6).replace("|", "") + ")\\|.*");
                    }
                }
            }));
        }
        return tests.stream();
    }

    static String viewSha(Path originFile, Path cowFile, ParseOptions options, boolean salvage) throws Exception {
        CowImage image = CowReader.read(cowFile, options, Progress.NONE);
        try (BlockSource origin = BlockSources.open(originFile); BlockSource cow = BlockSources.open(cowFile)) {
            SnapshotView view = new SnapshotView(origin, image, cow, salvage);
            return view.stream(Channels.newChannel(java.io.OutputStream.nullOutputStream()), Progress.NONE).sha256();
        }
    }

}
