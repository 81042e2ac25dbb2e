package dev.cowscope.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every status-log and fill finding kind, each from a log that makes it. */
class FillFindingsTest {
    static List<Finding> findings(String log, long chunk, int maxSamples) throws IOException {
        byte[] b = log.getBytes(StandardCharsets.UTF_8);
        StatusLog read = StatusLog.read(new ByteArrayInputStream(b), b.length, null, Progress.NONE, maxSamples);
        return FillReport.of(read, chunk, FillThresholds.DMEVENTD).findings();
    }

    static Finding only(List<Finding> all, FindingKind kind) {
        List<Finding> of = all.stream().filter(f -> f.kind() == kind).toList();
        assertThat(of).as(kind + " in " + all).hasSize(1);
        return of.get(0);
    }

    @Test
    void lossesAndThresholds() throws IOException {
        List<Finding> f = findings("1 16/2048 16\n2 1040/2048 16\n3 1700/2048 16\n4 Overflow\n5 Invalid\n6 Merge failed\n", 8, 100);
        assertThat(only(f, FindingKind.SNAPSHOT_OVERFLOW).message()).contains("overflowed at 4");
        assertThat(only(f, FindingKind.SNAPSHOT_INVALID).severity()).isEqualTo(Severity.ERROR);
        assertThat(only(f, FindingKind.MERGE_FAILED).message()).contains("at 6");
        assertThat(f.stream().filter(x -> x.kind() == FindingKind.FILL_THRESHOLD)).extracting(Finding::message)
                .containsExactly("50 % full at 2", "80 % full at 3");
        assertThat(f.stream().filter(x -> x.kind() == FindingKind.FILL_THRESHOLD)).extracting(Finding::severity)
                .containsExactly(Severity.INFO, Severity.WARNING);
    }

    @Test
    void aNewSnapshotAndNumbersThatDoNotFitTheChunkSize() throws IOException {
        List<Finding> f = findings("1 16/2048 16\n2 800/2048 16\n3 16/2048 16\n4 24/2048 16\n", 8, 100);
        assertThat(only(f, FindingKind.SNAPSHOT_REPLACED).message()).contains("at 3");
        List<Finding> g = findings("1 16/2048 16\n2 24/2048 16\n", 16, 100);
        assertThat(only(g, FindingKind.STATUS_INCONSISTENT).hint()).contains("--chunk-size");
    }

    @Test
    void logProblems() throws IOException {
        List<Finding> f = findings("1 16/2048 16\nnot a line\n0.5 16/2048 16\n2 24/2048 16\n3 32/2048 16\n", 8, 2);
        assertThat(only(f, FindingKind.LOG_LINES_IGNORED).message()).contains("line 2");
        assertThat(only(f, FindingKind.LOG_TIME_BACKWARDS).message()).contains("line 3");
        assertThat(only(f, FindingKind.LOG_CUT_OFF).message()).contains("1 line ignored");
    }
}
