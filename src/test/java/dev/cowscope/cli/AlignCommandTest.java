package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AlignCommandTest {
    private static final String LIMITS = "lbs=512,pbs=4096,io-min=4096,io-opt=0,alignment-offset=0";

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AlignCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path fixtures() {
        Path p4 = Path.of(System.getProperty("cowscope.fixtures", "../shared/fixtures/kernel")).resolve("p4-alignment");
        assertThat(p4).as("fixtures at %s", p4.toAbsolutePath()).isDirectory();
        return p4;
    }

    @Test
    void helpExitsZero() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--filefrag", "--limits", "device-mapper: table:");
    }

    @Test
    void badOptionIsUsage() {
        assertThat(run("--bogus").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run("--table", "x", "--kernel", "v2.6").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run("--table", "x", "--part-start", "2048").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run("--filefrag", "x", "--limits", LIMITS).code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void missingFileIsUnreadable() {
        Run r = run("--table", tmp.resolve("nope.txt").toString(), "--limits", LIMITS);
        assertThat(r.code()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).contains("nope.txt").doesNotContain("Exception");
    }

    @Test
    void garbageFilefragNamesTheLine() throws Exception {
        Path f = Files.writeString(tmp.resolve("ff.txt"), "Filesystem type is: ef53\nhello world\n");
        Run r = run("--filefrag", f.toString(), "--device", "/dev/sdb", "--limits", LIMITS);
        assertThat(r.code()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).contains("line 2").doesNotContain("\tat ");
    }

    @Test
    void misalignedFilefragWarnsAndPrintsKernelLines() {
        Path f = fixtures().resolve("files/fs1k/falloc8M.filefrag-v.txt");
        Run r = run("--filefrag", f.toString(), "--device", "/dev/vdb", "--limits", LIMITS,
            "--device-size", "131072", "--kernel", "v6.1");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out())
            .contains("device-mapper: table: adding target device (start sect 4090 len 12294) caused an alignment inconsistency")
            .contains("0 lines rejected, 1 warning")
            .contains("alignment_offset -1")
            .contains("0 4090 linear /dev/vdb 65544\n4090 12294 linear /dev/vdb 82438\n")
            .contains("fix: starts 3 KiB into a 4 KiB physical block");
    }

    @Test
    void rejectedTableExitsWithFindingsAndJsonParsesBack() throws Exception {
        Path t = Files.writeString(tmp.resolve("t.txt"), "lbs4k: 0 2047 linear 254:48 2048\n");
        Run r = run("--table", t.toString(), "--limits", "lbs=4096", "--device-size", "32768", "--json");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("kernel").asText()).isEqualTo("new");
        JsonNode report = root.get("reports").get(0);
        assertThat(report.get("accepted").asBoolean()).isFalse();
        assertThat(report.get("alignmentOffset").isNull()).isTrue();
        assertThat(report.get("rejectedLines").asInt()).isEqualTo(1);
        assertThat(report.get("lines").get(0).get("verdict").asText()).isEqualTo("REJECT");
        assertThat(report.get("lines").get(0).get("lengthSectors").asLong()).isEqualTo(2047);
        assertThat(report.get("kernelMessages").get(0).get("message").asText())
            .isEqualTo("device-mapper: table: len=2047 not aligned to h/w logical block size 4096 of 254:48");
        assertThat(report.get("kernelMessages").get(0).get("level").asText()).isEqualTo("ERR");
        assertThat(report.get("table").asText()).isEqualTo("0 2047 linear 254:48 2048\n");
    }

    @Test
    void wantedSizeClipsTheGeneratedTable() {
        Path f = fixtures().resolve("files/fs4k/dd4M.filefrag-v.txt");
        Run r = run("--filefrag", f.toString(), "--device", "/dev/vda", "--limits", LIMITS, "--wanted-size", "1M");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Table:\n0 2048 linear /dev/vda 32904\n");
    }

    @Test
    void deviceLimitsComeFromSysfs() throws Exception {
        Path sys = tmp.resolve("sys");
        SysfsTrees.disk(sys, "sdx", 512, 4096, 4096, 0, 0, 1 << 20);
        Path t = Files.writeString(tmp.resolve("t.txt"), "0 8 linear /dev/sdx 1\n8 8 linear /dev/sdx 8\n");
        Run r = run("--table", t.toString(), "--device", "/dev/sdx", "--sysfs-root", sys.toString(),
            "--dev-root", tmp.resolve("nodev").toString(), "--kernel", "v5.3", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out()).get("reports").get(0);
        assertThat(report.get("alignmentOffset").asLong()).isEqualTo(-1);
        assertThat(report.get("warnings").asInt()).isEqualTo(1);
    }
}
