package dev.cowscope.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Progress;
import dev.cowscope.format.SnapshotStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusLogTest {
    static StatusLog read(String text, String name) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return StatusLog.read(new ByteArrayInputStream(b), b.length, name, Progress.NONE);
    }

    @Test
    void linesWithAndWithoutANameAreTwoSnapshots() {
        assertThatThrownBy(() -> read("""
                10.5 0 65536 snapshot 16/2048 16
                10.6 snap: 0 65536 snapshot 24/2048 16
                10.7 24/2048 16
                10.8 Overflow
                10.9 0 65536 snapshot-merge 24/2048 16
                """, null)).hasMessageContaining("2 snapshots ((no name), 'snap')");
    }

    @Test
    void oneSnapshotsLinesWithAndWithoutPrefixAreOneSeries() throws IOException {
        StatusLog log = read("""
                # uptime status
                10.5 0 65536 snapshot 16/2048 16

                10.6 0 65536 snapshot 24/2048 16
                10.7 32/2048 16
                10.8 Invalid
                10.9 0 65536 snapshot-merge 24/2048 16
                """, null);
        FillSeries s = log.series();
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.micros(0)).isEqualTo(10_500_000);
        assertThat(s.allocated(2)).isEqualTo(32);
        assertThat(s.state(3)).isEqualTo(SnapshotStatus.State.INVALID);
        assertThat(s.merging(4)).isTrue();
        assertThat(log.ignoredTotal()).isZero();
        assertThat(log.base()).isEqualTo(LogTime.Base.SECONDS);
    }

    @Test
    void otherLinesAreCountedByReasonNeverFatal() throws IOException {
        StatusLog log = read("""
                10.0 vg-snap: 0 65536 snapshot 16/2048 16
                10.1 vg-origin: 0 65536 snapshot-origin
                hello world
                9.0 vg-snap: 0 65536 snapshot 16/2048 16
                10.2 vg-snap: 0 65536 snapshot 16/2048
                2026-12-05T10:00:00Z vg-snap: 0 65536 snapshot 24/2048 16
                10.3 vg-snap: 0 65536 snapshot 24/2048 16
                """ + "10.4 " + "x".repeat(5000) + "\n", null);
        assertThat(log.series().size()).isEqualTo(2);
        assertThat(log.series().name()).isEqualTo("vg-snap");
        assertThat(log.ignored()).containsEntry(StatusLog.Ignored.NOT_A_SNAPSHOT_STATUS, 2L)
                .containsEntry(StatusLog.Ignored.UNREADABLE_TIME, 1L)
                .containsEntry(StatusLog.Ignored.TIME_WENT_BACKWARDS, 1L)
                .containsEntry(StatusLog.Ignored.OTHER_TIME_FORM, 1L)
                .containsEntry(StatusLog.Ignored.TOO_LONG, 1L);
        assertThat(log.findings()).extracting(f -> f.kind())
                .contains(FindingKind.LOG_LINES_IGNORED, FindingKind.LOG_TIME_BACKWARDS);
        assertThat(log.findings()).anySatisfy(f -> assertThat(f.message()).contains("first: line 3"));
    }

    @Test
    void severalSnapshotsNeedAName() throws IOException {
        String text = """
                1 a: 0 8 snapshot 16/2048 16
                1 b: 0 8 snapshot 16/4096 16
                2 a: 0 8 snapshot 24/2048 16
                """;
        assertThatThrownBy(() -> read(text, null)).isInstanceOf(StatusLog.LogException.class)
                .hasMessageContaining("'a', 'b'").hasMessageContaining("--name");
        StatusLog a = read(text, "a");
        assertThat(a.series().size()).isEqualTo(2);
        assertThat(a.ignored()).containsEntry(StatusLog.Ignored.OTHER_SNAPSHOT, 1L);
        assertThat(a.findings()).isEmpty();
        assertThatThrownBy(() -> read(text, "c")).hasMessageContaining("no status lines of snapshot 'c'");
    }

    @Test
    void isoTimesCountAsEpochSeconds() throws IOException {
        StatusLog log = read("""
                2026-12-05T10:00:00Z 16/2048 16
                2026-12-05T11:00:00.250+01:00 24/2048 16
                2026-12-05 10:00:01 32/2048 16
                2026-12-05T10:00:02 40/2048 16
                """, null);
        assertThat(log.base()).isEqualTo(LogTime.Base.ISO_8601);
        FillSeries s = log.series();
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.micros(1) - s.micros(0)).isEqualTo(250_000);
        assertThat(s.micros(2) - s.micros(0)).isEqualTo(1_000_000);
        assertThat(LogTime.seconds(s.micros(0)).toPlainString()).isEqualTo("1796464800");
    }

    @Test
    void timeStampsAreExactAndHostileOnesRefused() {
        assertThat(LogTime.parse("12.34").micros()).isEqualTo(12_340_000);
        assertThat(LogTime.parse("1733400000.123456789").micros()).isEqualTo(1_733_400_000_123_457L);
        assertThat(LogTime.parse("99999999999999999999")).isNull();
        assertThat(LogTime.parse("-1")).isNull();
        assertThat(LogTime.parse("1.")).isNull();
        assertThat(LogTime.parse("1e9")).isNull();
        assertThat(LogTime.parse("2026-13-45T00:00:00Z")).isNull();
        assertThat(LogTime.seconds(12_340_000).toPlainString()).isEqualTo("12.34");
        assertThat(LogTime.seconds(5_000_000).toPlainString()).isEqualTo("5");
    }
}
