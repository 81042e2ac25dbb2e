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

    /** The field names of {@code align --json}, in order: a contract (add at the end, never rename). */
    @Test
    void jsonFieldNamesAreAContract() throws Exception {
        Path f = fixtures().resolve("files/fs1k/falloc8M.filefrag-v.txt");
        Run r = run("--filefrag", f.toString(), "--device", "/dev/vdb", "--limits", LIMITS, "--device-size", "131072",
            "--kernel", "v6.1", "--wanted-size", "8388607T", "--json");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode report = root.get("reports").get(0);
        JsonNode line = report.get("lines").get(1);
        assertThat(names(root)).containsExactly("kernel", "reports");
        assertThat(names(report)).containsExactly("source", "verdict", "accepted", "notChecked", "alignmentOffset",
            "rejectedLines", "warnings", "summary", "outcome", "build", "lines", "kernelMessages", "resultingLimits",
            "table");
        assertThat(names(report.get("build"))).containsExactly("extentsBefore", "extentsAfter", "issues");
        assertThat(names(report.get("build").get("issues").get(0))).containsExactly("extentIndex", "error", "message");
        assertThat(names(line)).containsExactly("index", "startSector", "lengthSectors", "device", "offsetSector",
            "deviceKernelName", "alignmentOffsetBytes", "verdict", "reason", "hint", "findings");
        assertThat(names(line.get("findings").get(0))).containsExactly("severity", "rule", "reason", "hint",
            "kind", "location", "findingSeverity");
        assertThat(names(report.get("kernelMessages").get(0))).containsExactly("level", "phase", "lineIndex", "message");
        assertThat(names(report.get("resultingLimits"))).containsExactly("lbsBytes", "pbsBytes", "ioMinBytes",
            "ioOptBytes", "alignmentOffsetBytes", "misaligned");
        // the old keys keep their old values; the common finding model comes beside them
        JsonNode finding = line.get("findings").get(0);
        assertThat(finding.get("severity").asText()).isEqualTo("WARN");
        assertThat(finding.get("rule").asText()).isEqualTo("dm_calculate_queue_limits");
        assertThat(finding.get("kind").asText()).isEqualTo("ALIGNMENT_INCONSISTENCY");
        assertThat(finding.get("location").asText()).isEqualTo("line 2");
        assertThat(finding.get("findingSeverity").asText()).isEqualTo("WARNING");
    }

    @Test
    void sectorOptionsTakeTheTabsSizesToo() throws Exception {
        String t = table("0 8 linear /dev/vdc1 0\n").toString();
        Run sectors = run("--table", t, "--limits", LIMITS + ",part-start=2048", "--device-size", "131072");
        Run sizes = run("--table", t, "--limits", LIMITS + ",part-start=1M", "--device-size", "64M");
        assertThat(sizes.code()).as(sizes.err()).isEqualTo(ExitCode.OK);
        assertThat(sizes.out()).isEqualTo(sectors.out());
    }

    private static java.util.List<String> names(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void wantedSizeClipsTheGeneratedTable() {
        Path f = fixtures().resolve("files/fs4k/dd4M.filefrag-v.txt");
        Run r = run("--filefrag", f.toString(), "--device", "/dev/vda", "--limits", LIMITS, "--wanted-size", "1M",
            "--device-size", "1048576", "--sysfs-root", tmp.resolve("nosys").toString());
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

    // ---- issue #12: damaged or hostile input (exact command lines, in process) -----------------------

    private Path table(String text) throws Exception {
        return Files.writeString(tmp.resolve("t" + System.nanoTime() + ".txt"), text);
    }

    private String noSys() {
        return tmp.resolve("nosys").toString();
    }

    @Test
    void item1OffsetPastTheDeviceIsRejectedAsTheKernelDoes() throws Exception {
        CliRun r = CliRun.of("align", "--table", table("0 8 linear /dev/vdc1 9223372036854775807\n").toString(),
            "--limits", "lbs=512,size=100000");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains(
            "device-mapper: table: vdc1 too small for target: start=9223372036854775807, len=8, dev_size=100000")
            .contains("ends at sector 9223372036854775815 of vdc1");
    }

    @Test
    void item1LimitsNoKernelCanHoldAreUsageErrors() throws Exception {
        String t = table("0 8 linear /dev/vdc1 0\n").toString();
        CliRun ioOpt = CliRun.of("align", "--table", t, "--limits", "lbs=512,io-opt=8388607T");
        assertThat(ioOpt.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(ioOpt.err()).contains("--limits").contains("32-bit");
        CliRun part = CliRun.of("align", "--table", t, "--limits", "lbs=512", "--part-start", "9223372036854775807");
        assertThat(part.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(part.err()).contains("--part-start").contains("18014398509481983");
        CliRun size = CliRun.of("align", "--table", t, "--limits", "lbs=512,size=9223372036854775807");
        assertThat(size.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(size.err()).contains("--limits").contains("size");
    }

    @Test
    void item1HugeWantedSizeIsNoCrash() {
        Path f = fixtures().resolve("files/fs4k/dd4M.filefrag-v.txt");
        CliRun r = CliRun.of("align", "--filefrag", f.toString(), "--device", "/dev/vda", "--limits", LIMITS,
            "--device-size", "1048576", "--sysfs-root", noSys(), "--wanted-size", "8388607T");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("less than the wanted 18014396361998336");
    }

    @Test
    void item1TableEndingPastTheLargestDeviceIsTooLargeForNewKernels() throws Exception {
        String t = table("0 9223372036854775807 linear /dev/vdc1 0\n").toString();
        CliRun r = CliRun.of("align", "--table", t, "--limits", "lbs=512,size=1000");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("device-mapper: table: too large device");
        CliRun past = CliRun.of("align", "--table", table("0 8 linear /dev/vdc1 0\n8 9223372036854775807 linear "
            + "/dev/vdc1 0\n").toString(), "--limits", "lbs=512,size=1000");
        assertThat(past.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(past.err()).contains("line 2").contains("ends past sector");
    }

    @Test
    void item2OptionValuesAreCheckedWithTheirName() throws Exception {
        String t = table("0 8 linear /dev/vdc1 0\n").toString();
        CliRun device = CliRun.of("align", "--table", t, "--limits", LIMITS, "--device", "/dev/vdc1 x");
        assertThat(device.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(device.err()).contains("--device");
        Path ff = fixtures().resolve("files/fs4k/dd4M.filefrag-v.txt");
        CliRun block = CliRun.of("align", "--filefrag", ff.toString(), "--device", "/dev/vda", "--limits", LIMITS,
            "--block-size", "0");
        assertThat(block.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(block.err()).contains("--block-size");
        CliRun size = CliRun.of("align", "--table", t, "--limits", LIMITS, "--device-size", "-1");
        assertThat(size.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(size.err()).contains("--device-size");
        CliRun wanted = CliRun.of("align", "--filefrag", ff.toString(), "--device", "/dev/vda", "--limits", LIMITS,
            "--wanted-size", "0");
        assertThat(wanted.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(wanted.err()).contains("--wanted-size");
        CliRun limits = CliRun.of("align", "--table", t, "--limits", "lbs=512,part-start=x");
        assertThat(limits.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(limits.err()).contains("--limits").contains("part-start");
    }

    @Test
    void item11AHundredThousandLinesAnswerQuickly() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            // alternate a partition and another disk: every line is looked up against the claims so far
            sb.append(i * 8L).append(" 8 linear ").append(i % 2 == 0 ? "/dev/sda1" : "/dev/sdb").append(' ')
                .append(i * 8L).append('\n');
        }
        String t = table(sb.toString()).toString();
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("align", "--table", t, "--limits", LIMITS, "--device-size", "1000000", "--json");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        // 41 s when claims were quadratic; the bound leaves room for a loaded build machine
        assertThat(ms).isLessThan(30_000);
    }

    @Test
    void item15DevZeroIsRefusedNotReadToTheEnd() {
        CliRun r = CliRun.of("align", "--table", "/dev/zero", "--limits", LIMITS);
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).contains("--table").contains("longer than");
    }

    @Test
    void item15PipesStillWork() throws Exception {
        Path fifo = tmp.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "0 8 linear /dev/vdc1 2048\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        CliRun r = CliRun.of("align", "--table", fifo.toString(), "--limits", LIMITS, "--device-size", "4096");
        writer.join(5000);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("the kernel accepts the table");
    }

    @Test
    void item19MisalignedStartIsRejectedEvenWithoutTheSize() throws Exception {
        CliRun r = CliRun.of("align", "--table", table("0 2048 linear /dev/vdd 2049\n").toString(),
            "--limits", "lbs=4096,pbs=4096,io-min=4096", "--kernel", "v6.1");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("device-mapper: table: start=2049 not aligned to h/w logical block size 4096 of vdd")
            .contains("the kernel rejects the table").contains("Not checked");
    }

    @Test
    void item19UnknownSizeIsNeitherAcceptedNorRejected() throws Exception {
        String t = table("0 2048 linear /dev/vdd 2048\n").toString();
        CliRun r = CliRun.of("align", "--table", t, "--limits", "lbs=4096", "--json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        JsonNode report = new ObjectMapper().readTree(r.out()).get("reports").get(0);
        assertThat(report.get("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(report.get("accepted").isNull()).isTrue();
        assertThat(report.get("notChecked").get(0).asText()).contains("device size unknown");
        assertThat(report.get("lines").get(0).get("verdict").asText()).isEqualTo("UNKNOWN");
        CliRun text = CliRun.of("align", "--table", t, "--limits", "lbs=4096");
        assertThat(text.out()).contains("UNKNOWN: cannot tell").doesNotContain("accepts");
        assertThat(CliRun.of("align", "--table", t, "--limits", "lbs=4096", "--device-size", "4096").exitCode())
            .isEqualTo(ExitCode.OK);
        assertThat(CliRun.of("align", "--table", t, "--limits", "lbs=4096", "--device-size", "4088").exitCode())
            .isEqualTo(ExitCode.FINDINGS);
        assertThat(CliRun.of("align", "--help").out()).contains("cannot decide");
    }

    @Test
    void item19SizeIsReadFromSysfsWhenTheDeviceExists() throws Exception {
        Path sys = tmp.resolve("sys");
        SysfsTrees.disk(sys, "vdd", 4096, 4096, 4096, 0, 0, 4000);
        CliRun r = CliRun.of("align", "--table", table("0 2048 linear /dev/vdd 2048\n").toString(),
            "--limits", "lbs=4096", "--device", "/dev/vdd", "--sysfs-root", sys.toString(),
            "--dev-root", tmp.resolve("nodev").toString());
        assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("vdd too small for target: start=2048, len=2048, dev_size=4000");
    }
}
