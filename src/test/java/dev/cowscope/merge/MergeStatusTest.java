package dev.cowscope.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every status line the kernel printed while merging appears in our simulated sequence, in order. */
class MergeStatusTest {
    private static final long ORIGIN_SECTORS = 65536;

    static CowImage read(Path file) throws Exception {
        return CowReader.read(file, ParseOptions.DEFAULT, Progress.NONE);
    }

    /** The poll log's lines without the uptime column. */
    static List<String> polls(Path log) {
        return Fixtures.lines(log).stream().filter(l -> !l.isBlank()).map(l -> l.strip().split(" ", 2)[1]).toList();
    }

    static List<String> simulated(Path cow) throws Exception {
        MergeSimulator simulator = new MergeSimulator(MergePlan.of(read(cow)));
        return simulator.statusSequence().stream().map(s -> MergeSimulator.statusLine(s, ORIGIN_SECTORS)).toList();
    }

    static void assertSubsequence(List<String> observed, List<String> simulated) {
        int at = 0;
        for (String line : observed) {
            int found = simulated.subList(at, simulated.size()).indexOf(line);
            assertThat(found).as("kernel status '%s' (after simulated position %d)", line, at).isGreaterThanOrEqualTo(0);
            at += found;
        }
    }

    @Test
    void f1EveryPolledStatusIsSimulatedInOrder() throws Exception {
        Path f1 = Fixtures.scenario("f1-merge");
        List<String> sim = simulated(f1.resolve("cow-premerge.img.gz"));
        List<String> polls = polls(f1.resolve("merge-status-f1.log"));
        assertThat(polls).hasSize(5).contains("0 65536 snapshot-merge 1768/8192 16");
        assertSubsequence(polls, sim);
        assertThat(sim.get(0)).isEqualTo("0 65536 snapshot-merge 4832/8192 32");
        assertThat(sim.get(sim.size() - 1)).isEqualTo("0 65536 snapshot-merge 16/8192 16");
        assertThat(sim).contains(Fixtures.lines(f1.resolve("status-merge-finished.txt")).get(0).replace("origin: ", "").strip());
    }

    @Test
    void f2Boot2FromPremergeAndBoot3FromCrash() throws Exception {
        Path f2 = Fixtures.scenario("f2-merge-crash");
        List<String> boot2 = simulated(f2.resolve("cow-premerge.img.gz"));
        List<String> crashPolls = polls(f2.resolve("boot2-crash/merge-status-crash.log"));
        assertThat(crashPolls).hasSize(337);
        assertSubsequence(crashPolls, boot2);
        String last = Fixtures.lines(f2.resolve("boot2-crash/last-status.txt")).get(0).replace("LAST-STATUS-BEFORE-TAR: ", "").strip();
        assertThat(boot2).contains(last);
        assertThat(boot2).contains(Fixtures.lines(f2.resolve("boot2-crash/status-merge-started.txt")).get(0).replace("origin: ", "").strip());

        List<String> boot3 = simulated(f2.resolve("cow-crash.img.gz"));
        assertSubsequence(polls(f2.resolve("boot3-resume/merge-status-resume.log")), boot3);
        assertThat(boot3).contains(Fixtures.lines(f2.resolve("boot3-resume/status-resume-started.txt")).get(0).replace("origin: ", "").strip());
        assertThat(boot3.get(boot3.size() - 1)).isEqualTo("0 65536 snapshot-merge 16/16384 16");
    }

    @Test
    void areaEmptiesThenCurrentAreaDropsOnlyAtTheNextPrepare() throws Exception {
        MergeSimulator simulator = new MergeSimulator(MergePlan.of(read(Fixtures.scenario("f1-merge").resolve("cow-premerge.img.gz"))));
        Set<String> params = simulator.statusSequence().stream().map(MergeState::statusParams).collect(Collectors.toSet());
        // area 2 (88 entries) empties: next_free = area_location(2) + 1 = 516, metadata still (2 + 2) chunks
        assertThat(params).contains("4128/8192 32", "4128/8192 24", "2072/8192 24", "2072/8192 16");
        assertThat(simulator.prepared(88)).isPresent();
        assertThat(simulator.prepared(87)).isEmpty();
    }
}
