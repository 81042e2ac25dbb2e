package dev.cowscope.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.Progress;
import dev.cowscope.format.SnapshotStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code cowscope watch} against a real kernel, once (the oracle VM: QEMU TCG, Debian 6.1; the script and
 * how to run it again are in {@code .ci/live-watch/}). In the guest, {@code watch snap --interval 200ms
 * --json --record watch.log} ran next to the oracle's poller ({@code dmsetup status} on a 100 ms grid,
 * {@code fill-status.log}) while one new chunk was written at a time, until a P snapshot became Invalid
 * and a PO snapshot overflowed ({@code po/}). Here fill-log's engine reads watch's record back: every
 * line, the loss at the record's first lost sample, and the same story as dmsetup's.
 */
class LiveWatchEvidenceTest {
    static final Path DIR = Path.of("src/test/resources/live-watch");
    /** watch's --interval. */
    static final long INTERVAL_MICROS = 200_000;
    /** How long before its time stamp watch may have read the status (a JVM under TCG on a loaded host). */
    static final long LAG_MICROS = 250_000;

    @ParameterizedTest
    @CsvSource({"., cowp, INVALID", "po, cowpo, OVERFLOW"})
    void theRecordReadsBackAndAgreesWithDmsetup(String sub, String clockLabel, SnapshotStatus.State lost) throws IOException {
        Path dir = DIR.resolve(sub);
        assertThat(Files.readString(dir.resolve("watch.rc")).strip()).as("watch's exit code").isEqualTo("5");
        Path record = dir.resolve("watch.log");
        List<String> recordLines = Files.readAllLines(record);
        StatusLog log = StatusLog.read(record, null, Progress.NONE);
        FillSeries watch = log.series();
        assertThat(log.ignoredTotal()).as("ignored lines").isZero();
        assertThat(log.lines()).isEqualTo(recordLines.size());
        assertThat(watch.size()).isEqualTo(recordLines.size());
        assertThat(log.names()).containsExactly("snap");
        assertThat(watch.state(watch.size() - 1)).as("the last sample").isEqualTo(lost);

        FillReport report = FillReport.of(log, 8, FillThresholds.DMEVENTD);
        int firstLost = firstLost(watch);
        assertThat(firstLost).as("only the last sample is lost").isEqualTo(watch.size() - 1);
        long lostAt = lost == SnapshotStatus.State.INVALID ? report.summary().becameInvalidAt() : report.summary().becameOverflowAt();
        assertThat(lostAt).isEqualTo(watch.micros(firstLost))
                .isEqualTo(Math.round(Double.parseDouble(recordLines.get(firstLost).split(" ", 2)[0]) * 1e6));

        FillSeries poller = StatusLog.read(dir.resolve("fill-status.log"), null, Progress.NONE).series();
        List<String> pollTimes = Files.readAllLines(dir.resolve("fill-poll-times.log"));
        assertThat(pollTimes).hasSize(poller.size());
        long[] readFrom = new long[pollTimes.size()];   // before the poll's dmsetup exec
        long[] readBy = new long[pollTimes.size()];     // after it (the log's time)
        for (int k = 0; k < readFrom.length; k++) {
            String[] t = pollTimes.get(k).split(" ");
            readFrom[k] = micros(t[0]);
            readBy[k] = micros(t[1]);
        }
        long[] clock = clock(clockLabel + "-start");   // the record is in epoch seconds, the poller's log in guest uptime
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < poller.size(); i++) {
            seen.add(poller.params(i));
        }
        // A poll read the kernel between its two times in fill-poll-times.log; watch read it at most LAG
        // before its time stamp. The allocated count only grows and a lost snapshot stays lost, so watch's
        // value lies between the last poll surely before and the first surely after. A value dmsetup's log
        // lacks is one the poller skipped (its gaps reached 2 s under TCG on a loaded host, the writes
        // came every 600 ms): it lies strictly between the poller's neighbours there.
        Set<String> skipped = new HashSet<>();
        for (int i = 0; i < watch.size(); i++) {
            long at = watch.micros(i) - clock[0];
            int before = -1;
            int after = -1;
            for (int k = 0; k < readFrom.length; k++) {
                if (readBy[k] < at - LAG_MICROS - clock[1]) {
                    before = k;
                }
                if (after < 0 && readFrom[k] > at + clock[1]) {
                    after = k;
                }
            }
            long rank = rank(watch, i);
            assertThat(before < 0 ? 0 : rank(poller, before)).as("dmsetup before watch's sample at %d", at).isLessThanOrEqualTo(rank);
            assertThat(after < 0 ? Long.MAX_VALUE : rank(poller, after)).as("dmsetup after watch's sample at %d", at)
                    .isGreaterThanOrEqualTo(rank);
            if (!seen.contains(watch.params(i))) {
                skipped.add(watch.params(i));
            }
        }
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < watch.size(); i++) {
            distinct.add(watch.params(i));
        }
        assertThat(skipped.size()).as("watch's statuses dmsetup's poller skipped: %s", skipped).isLessThanOrEqualTo(distinct.size() / 20);

        int pollerLost = firstLost(poller);
        assertThat(poller.state(pollerLost)).isEqualTo(lost);
        long watchUptime = lostAt - clock[0];
        long pollerGap = poller.micros(pollerLost) - poller.micros(pollerLost - 1);
        // the poller's own first lost sample is late by up to its gap before it
        assertThat(watchUptime - poller.micros(pollerLost)).as("watch's first %s minus dmsetup's, µs", lost)
                .isBetween(-(INTERVAL_MICROS + pollerGap + clock[1]), INTERVAL_MICROS + clock[1]);
    }

    /** The allocated sectors, or more than any when lost: it only grows. */
    private static long rank(FillSeries s, int i) {
        return s.state(i) == SnapshotStatus.State.ACTIVE ? s.allocated(i) : Long.MAX_VALUE;
    }

    private static long micros(String seconds) {
        return Math.round(Double.parseDouble(seconds) * 1e6);
    }

    private static int firstLost(FillSeries s) {
        for (int i = 0; i < s.size(); i++) {
            if (s.state(i) == SnapshotStatus.State.INVALID || s.state(i) == SnapshotStatus.State.OVERFLOW) {
                return i;
            }
        }
        throw new AssertionError("never lost");
    }

    /**
     * The tightest {@code <label> <uptime before> <uptime after> <epoch>} line of clock.txt: epoch minus
     * uptime, and the error of that (half the pair's spread plus the uptime's 10 ms), in µs.
     */
    private static long[] clock(String label) throws IOException {
        long[] best = null;
        for (String l : Files.readAllLines(DIR.resolve("clock.txt"))) {
            String[] t = l.split(" ");
            if (t.length == 4 && t[0].equals(label)) {
                long u1 = Math.round(Double.parseDouble(t[1]) * 1e6);
                long u2 = Math.round(Double.parseDouble(t[2]) * 1e6);
                long epoch = Math.round(Double.parseDouble(t[3]) * 1e6);
                long[] c = {epoch - (u1 + u2) / 2, (u2 - u1) / 2 + 10_000};
                if (best == null || c[1] < best[1]) {
                    best = c;
                }
            }
        }
        assertThat(best).as("clock pair %s", label).isNotNull();
        return best;
    }
}
