package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one status model reads back every status line a real kernel printed, byte for byte. */
class SnapshotStatusTest {
    /** A dmsetup status line of any target, as the fixtures' scripts logged them. */
    private static final Pattern STATUS = Pattern.compile("^\\S+: \\d+ \\d+ \\S+.*$");

    @Test
    void everyKernelPrintedSnapshotStatusLineRoundTrips() throws IOException {
        List<String> snapshotLines = new ArrayList<>();
        List<String> otherTargets = new ArrayList<>();
        for (String line : kernelStatusLines()) {
            if (line.contains(" snapshot ") || line.contains(" snapshot-merge ")) {
                snapshotLines.add(line);
            } else {
                otherTargets.add(line);
            }
        }
        assertThat(snapshotLines).hasSizeGreaterThan(40);
        for (String line : snapshotLines) {
            if (line.matches(".* snapshot(-merge)? \\d+:\\d+ .*")) {
                assertThat(StatusLine.parse(line)).as("a table line, not a status: %s", line).isEmpty();
                continue;
            }
            StatusLine parsed = StatusLine.parse(line).orElseThrow(() -> new AssertionError("not read: " + line));
            assertThat(parsed.toString()).isEqualTo(line);
            assertThat(parsed.name()).isNotEmpty();
        }
        assertThat(otherTargets).isNotEmpty().allSatisfy(line -> assertThat(StatusLine.parse(line)).as(line).isEmpty());
        assertThat(snapshotLines).anyMatch(l -> l.endsWith(" Invalid")).anyMatch(l -> l.endsWith(" Overflow"))
                .anyMatch(l -> l.contains("snapshot-merge "));
    }

    private static List<String> kernelStatusLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path scenario : Fixtures.scenarios()) {
            try (Stream<Path> files = Files.list(scenario)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().matches("(status|dm)-.*\\.txt"))::iterator) {
                    Files.readAllLines(f).stream().filter(l -> STATUS.matcher(l).matches()).forEach(lines::add);
                }
            }
        }
        return lines;
    }

    @Test
    void readsEveryFormTheKernelPrints() {
        assertThat(SnapshotStatus.parseParams("2080/4096 24")).contains(SnapshotStatus.active(2080, 4096, 24));
        assertThat(SnapshotStatus.parseParams("Invalid").orElseThrow().state()).isEqualTo(SnapshotStatus.State.INVALID);
        assertThat(SnapshotStatus.parseParams("Overflow").orElseThrow().state()).isEqualTo(SnapshotStatus.State.OVERFLOW);
        assertThat(SnapshotStatus.parseParams("Merge failed").orElseThrow().state()).isEqualTo(SnapshotStatus.State.MERGE_FAILED);
        assertThat(SnapshotStatus.parseParams("Unknown").orElseThrow().state()).isEqualTo(SnapshotStatus.State.UNKNOWN);
        assertThat(SnapshotStatus.parseParams("18446744073709551614/18446744073709551614 8").orElseThrow().params())
                .isEqualTo("18446744073709551614/18446744073709551614 8");
        StatusLine merge = StatusLine.parse("0 65536 snapshot-merge 16/16384 16").orElseThrow();
        assertThat(merge.name()).isEmpty();
        assertThat(merge.target()).isEqualTo(StatusLine.SNAPSHOT_MERGE);
        assertThat(merge.status().mergeFinished()).isTrue();
        assertThat(StatusLine.parse("my snap: v2: 0 8 snapshot Merge failed").orElseThrow().name()).isEqualTo("my snap: v2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "16/4096", "16/4096 16 16", "16//4096 16", "-16/4096 16", "16/4096 1x",
            "18446744073709551616/1 1", "99999999999999999999/1 1", "16 /4096 16", "invalid", "Merge  failed", "(no device)"})
    void refusesWhatTheKernelNeverPrints(String params) {
        assertThat(SnapshotStatus.parseParams(params)).isEmpty();
        assertThat(StatusLine.parse("snap: 0 65536 snapshot " + params)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 65536 snapshot-origin", "snap: 0 65536 linear 254:0 0", "0 65536 snapshot",
            "snap 0 65536 snapshot 16/16 16", "9999999999999999999 1 snapshot 16/16 16", ": 0 8 snapshot 16/16 16"})
    void refusesLinesThatAreNotASnapshotStatus(String line) {
        assertThat(StatusLine.parse(line)).isEmpty();
    }

    @Property
    void anyPrintedStatusReadsBack(@ForAll long allocated, @ForAll long total, @ForAll long metadata) {
        SnapshotStatus status = SnapshotStatus.active(allocated, total, metadata);
        if (allocated == -1 || total == -1 || metadata == -1) {
            return; // 2^64-1 sectors is more than any device, and the parser's "no number"
        }
        assertThat(SnapshotStatus.parseParams(status.params())).contains(status);
        StatusLine line = new StatusLine("vg-lv", 0, 65536, StatusLine.SNAPSHOT, status);
        assertThat(StatusLine.parse(line.toString())).contains(line);
    }

    @Property
    void arbitraryTextNeverThrows(@ForAll String text) {
        StatusLine.parse(text);
        SnapshotStatus.parseParams(text);
    }
}
