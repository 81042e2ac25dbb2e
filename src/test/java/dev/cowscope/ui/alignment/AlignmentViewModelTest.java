package dev.cowscope.ui.alignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.alignment.BlockDevice;
import dev.cowscope.alignment.Extent;
import dev.cowscope.alignment.FiemapException;
import dev.cowscope.alignment.KernelVersion;
import dev.cowscope.alignment.LimitsInput;
import dev.cowscope.alignment.LineReport;
import dev.cowscope.alignment.QueueLimits;
import dev.cowscope.alignment.Verdict;
import dev.cowscope.cli.Cli;
import dev.cowscope.ui.common.CurrentThreadTaskRunner;
import dev.cowscope.ui.common.ErrorRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tab's state without a stage: jobs run on the test thread. */
class AlignmentViewModelTest {
    private final List<String> errors = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final FakeSources sources = new FakeSources();
    private final AlignmentViewModel model = new AlignmentViewModel(new CurrentThreadTaskRunner(), new ErrorRecorder(errors), sources, statuses::add);

    @Test
    void startsWithAHintAndNothingChecked() {
        assertThat(model.messageProperty().get()).startsWith("Paste filefrag -v output");
        assertThat(model.messageIsErrorProperty().get()).isFalse();
        assertThat(model.lines()).isEmpty();
        assertThat(model.summaryProperty().get()).isEmpty();
    }

    @Test
    void theFixturesFilefragOutputPredictsWhatTheKernelPrinted() throws Exception {
        model.deviceProperty().set("/dev/vdb");
        model.setLimits(AlignmentFixture.limits());
        model.kernelProperty().set(KernelVersion.V6_1);
        model.textProperty().set(AlignmentFixture.frag6mFilefrag());

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("0 lines rejected, 7 warnings");
        assertThat(model.worstVerdictProperty().get()).isEqualTo(Verdict.WARN);
        assertThat(model.lines()).hasSize(23);
        assertThat(model.lines()).filteredOn(l -> l.verdict() == Verdict.WARN).extracting(l -> l.line().startSector())
            .containsExactly(1024L, 1970L, 2482L, 2994L, 3506L, 4018L, 12210L);
        assertThat(model.kernelLines()).containsExactlyElementsOf(AlignmentFixture.dmesg());
        assertThat(model.tableTextProperty().get()).isEqualTo(AlignmentFixture.tableText());
        assertThat(model.sourceNames()).containsExactly("/mnt/fs1k/frag6M");
        assertThat(model.detailsProperty().get()).contains("accepts the table").contains("23 extents");
        DeviceStrip strip = model.stripProperty().get();
        assertThat(strip.device()).isEqualTo("/dev/vdb");
        assertThat(strip.deviceSectors()).isEqualTo(131072);
        assertThat(strip.areaCount()).isEqualTo(23);
        assertThat(model.describeLine(1)).startsWith("line 1: sectors 1024+946 → /dev/vdb sectors 15440..16385")
            .contains("WARN: W2").contains("fix: ");
    }

    @Test
    void inputsRecomputeAsTheyChange() throws Exception {
        model.deviceProperty().set("/dev/vdb");
        model.setLimits(AlignmentFixture.limits());
        model.textProperty().set(AlignmentFixture.frag6mFilefrag());
        model.wantedSizeProperty().set("512K");
        assertThat(model.lines()).hasSize(1);
        assertThat(model.tableTextProperty().get()).isEqualTo("0 1024 linear /dev/vdb 129538\n");
        assertThat(model.summaryProperty().get()).isEqualTo("0 lines rejected, 0 warnings");

        model.wantedSizeProperty().set("");
        model.pbsProperty().set("512");
        model.ioMinProperty().set("512");
        assertThat(model.summaryProperty().get()).isEqualTo("0 lines rejected, 0 warnings");
        assertThat(model.kernelLines()).isEmpty();
    }

    @Test
    void tableLinesAreCheckedAsTheyAre() {
        model.setLimits(new LimitsInput("4096", "4096", "", "0", "0", "0", "32768"));
        model.textProperty().set("0 8 linear /dev/vdd 0\n8 7 linear /dev/vdd 9\n");
        assertThat(model.sourceNames()).containsExactly("table, 2 lines");
        assertThat(model.lines()).extracting(LineReport::verdict).containsExactly(Verdict.OK, Verdict.REJECT);
        assertThat(model.summaryProperty().get()).isEqualTo("1 line rejected, 0 warnings");
        assertThat(model.kernelLines()).contains("device-mapper: table: start=9 not aligned to h/w logical block size 4096 of vdd")
            .last().asString().isEqualTo("device-mapper: ioctl: unable to set up device queue for new table.");
        assertThat(model.detailsProperty().get()).startsWith("The kernel rejects the table");
    }

    @Test
    void badInputIsShownInPlaceNotAsADialog() {
        model.textProperty().set("this is not filefrag output");
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).contains("line 1").contains("not filefrag");
        assertThat(model.lines()).isEmpty();

        model.textProperty().set("0 8 linear /dev/sda 0");
        model.lbsProperty().set("lots");
        assertThat(model.messageProperty().get()).startsWith("logical block size (lbs): not a size");
        model.lbsProperty().set("512");
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void severalFilesInOnePasteCanBePicked() throws Exception {
        String one = AlignmentFixture.frag6mFilefrag();
        String small = java.nio.file.Files.readString(AlignmentFixture.p4().resolve("files/fs1k/small.filefrag-v.txt"));
        model.textProperty().set(one + small);
        assertThat(model.sourceNames()).containsExactly("/mnt/fs1k/frag6M", "/mnt/fs1k/small");
        assertThat(model.lines()).hasSize(23);
        model.selectedSourceProperty().set(1);
        assertThat(model.lines()).hasSize(1);
    }

    @Test
    void liveExtentsOfAFileOnAnotherDeviceDropTheLimitsTypedForTheLastOne() {
        // typed for an earlier file on a small device
        model.deviceProperty().set("/dev/vdb");
        model.deviceSizeProperty().set("16");
        model.lbsProperty().set("4096");
        QueueLimits big = new QueueLimits(512, 4096, 4096, 0, 0, 0, 1L << 24, false);
        sources.devices.put("8:16", BlockDevice.whole("8:16", "sdb", big));
        sources.extents = List.of(new Extent(0, 8 * 4096, 8192, 0), new Extent(8192, 1024 * 1024 + 1024, 4096, 1));
        model.readLiveExtents(Path.of("/data/cow.img"));
        assertThat(model.deviceProperty().get()).isEqualTo("8:16");
        assertThat(model.deviceSizeProperty().get()).isEqualTo(Long.toString(1L << 24));
        assertThat(model.lbsProperty().get()).isEqualTo("512");
        assertThat(model.deviceInfoProperty().get()).contains("sdb");
        assertThat(model.summaryProperty().get()).startsWith("0 lines rejected");
        assertThat(model.lines()).extracting(l -> l.verdict()).doesNotContain(Verdict.REJECT);
        assertThat(errors).isEmpty();

        // a device this machine does not know: the window's defaults, quietly
        sources.devices.clear();
        model.deviceProperty().set("/dev/vdb");
        model.deviceSizeProperty().set("16");
        model.readLiveExtents(Path.of("/data/cow.img"));
        assertThat(model.deviceSizeProperty().get()).isEqualTo(LimitsInput.DEFAULT.deviceSize());
        assertThat(model.deviceInfoProperty().get()).contains("defaults").contains("8:16");
        assertThat(errors).isEmpty();
    }

    @Test
    void aHandWrittenTableIsNotToldToMakeAFileSystem() {
        model.setLimits(new LimitsInput("4096", "4096", "4096", "0", "0", "0", ""));
        model.deviceProperty().set("/dev/vdb");
        model.textProperty().set("0 8 linear /dev/vdb 0\n8 8 linear /dev/vdb 3\n");
        assertThat(model.detailsProperty().get()).doesNotContain("file system");
        LineReport second = model.lines().get(1);
        assertThat(second.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(second.hint()).contains("start the line at a multiple of 8 sectors").doesNotContain("file system");
    }

    @Test
    void limitsAreReadFromTheDeviceThroughTheEngine() {
        QueueLimits part = new QueueLimits(512, 4096, 4096, 0, 0, 2049, 120000, false);
        sources.devices.put("/dev/vdc1", new BlockDevice("/dev/vdc1", "vdc1", Optional.of("vdc"), part));
        model.deviceProperty().set("vdc1");
        model.readDeviceLimits();
        assertThat(model.partStartProperty().get()).isEqualTo("2049");
        assertThat(model.deviceSizeProperty().get()).isEqualTo("120000");
        assertThat(model.deviceInfoProperty().get()).contains("vdc1").contains("partition of vdc");
        model.textProperty().set("0 8 linear vdc1 0\n8 8 linear vdc1 7\n");
        assertThat(model.lines()).extracting(LineReport::deviceKernelName).containsOnly("vdc1");
        assertThat(errors).isEmpty();

        model.deviceProperty().set("sdz");
        assertThat(model.deviceInfoProperty().get()).isEqualTo("limits typed by hand");
        model.readDeviceLimits();
        assertThat(errors).singleElement().asString().startsWith("Cannot read the limits of sdz: There is no block device");
    }

    @Test
    void liveExtentsReplaceTheTextUntilItIsEdited() {
        sources.extents = List.of(new Extent(0, 8 * 4096, 8192, 0), new Extent(8192, 1024 * 1024 + 1024, 4096, 1));
        model.readLiveExtents(Path.of("/data/cow.img"));
        assertThat(model.deviceProperty().get()).isEqualTo("8:16");
        assertThat(model.liveSourceProperty().get()).startsWith("Live extents of /data/cow.img (2 extents)");
        assertThat(model.tableTextProperty().get()).isEqualTo("0 16 linear 8:16 64\n16 8 linear 8:16 2050\n");
        // the window's default has no device size: the line without a warning is not checked, not OK
        assertThat(model.summaryProperty().get()).isEqualTo("0 lines rejected, 1 warning, 1 line not checked");
        assertThat(model.detailsProperty().get()).startsWith("UNKNOWN: cannot tell").doesNotContain("accepts");
        assertThat(statuses).last().asString().contains("2 extents").contains("8:16");

        model.textProperty().set("0 8 linear /dev/sda 0");
        assertThat(model.liveSourceProperty().get()).isEmpty();
        assertThat(model.lines()).hasSize(1);
    }

    @Test
    void fiemapFailuresGoToTheDialogService() {
        sources.fiemapError = new FiemapException("reading live extents needs Linux (the FIEMAP ioctl)", 0);
        model.readLiveExtents(Path.of("x"));
        assertThat(errors).singleElement().asString()
            .isEqualTo("Cannot read the extents of x: reading live extents needs Linux (the FIEMAP ioctl)");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void droppedTextFilesAreReadThroughTheEngine() throws Exception {
        sources.files.put(Path.of("t.txt"), "0 8 linear /dev/sda 0\n");
        model.loadTextFile(Path.of("t.txt"));
        assertThat(model.textProperty().get()).isEqualTo("0 8 linear /dev/sda 0\n");
        assertThat(model.lines()).hasSize(1);
        model.loadTextFile(Path.of("missing.txt"));
        assertThat(errors).singleElement().asString().startsWith("Cannot read missing.txt: ");
    }

    /** The machine, made up. */
    // ---- Export JSON: the bytes cowscope align --json prints for the same input ---------------------

    private static final LimitsInput EXPORT_LIMITS = new LimitsInput("512", "4096", "4096", "0", "0", "0", "1048576");
    private static final String CLI_LIMITS = "lbs=512,pbs=4096,io-min=4096,io-opt=0,alignment-offset=0";

    @TempDir
    Path tmp;

    @Test
    void aTableFileExportsWhatTheCliPrints() throws Exception {
        Path table = AlignmentFixture.p4().resolve("tables/man-2lines-2nd-phys-misaligned/table.txt");
        model.setLimits(EXPORT_LIMITS);
        load(table);

        assertThat(exported()).isEqualTo(cli("--table", table.toString(), "--limits", CLI_LIMITS,
            "--device-size", "1048576"));
    }

    @Test
    void filefragOutputWithADeviceAndAKernelExportsWhatTheCliPrints() throws Exception {
        Path filefrag = AlignmentFixture.p4().resolve("files/fs1k/frag6M.filefrag-v.txt");
        model.deviceProperty().set("/dev/vdb");
        model.setLimits(EXPORT_LIMITS.withDeviceSize("64M"));
        model.kernelProperty().set(KernelVersion.V6_1);
        model.wantedSizeProperty().set("5M");
        load(filefrag);

        // the same values typed in another form: 64M is 131072 sectors in both faces
        assertThat(exported()).isEqualTo(cli("--filefrag", filefrag.toString(), "--device", "/dev/vdb",
            "--limits", CLI_LIMITS, "--device-size", "131072", "--kernel", "v6.1", "--wanted-size", "5M"));
    }

    @Test
    void theSameBadValueGivesTheSameMessageInBothFaces() {
        model.textProperty().set("0 8 linear /dev/sda 0\n");
        model.setLimits(EXPORT_LIMITS.withPartStart("3x"));
        assertThat(model.messageProperty().get()).isEqualTo("partition start (part-start): unknown size unit in '3x'"
            + " (use s, K, M, G, T)");
        assertThat(runCli("--table", "/dev/null", "--limits", CLI_LIMITS + ",part-start=3x").err())
            .contains("--limits: " + model.messageProperty().get());
    }

    @Test
    void nothingCheckedIsNothingToExport() {
        assertThat(model.canExportProperty().get()).isFalse();
        model.exportJson(tmp.resolve("none.json"));
        assertThat(errors).singleElement().asString().startsWith("Nothing to export");
        assertThat(tmp.resolve("none.json")).doesNotExist();
    }

    private void load(Path file) throws IOException {
        sources.files.put(file, Files.readString(file));
        model.loadTextFile(file);
    }

    private byte[] exported() throws IOException {
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.canExportProperty().get()).isTrue();
        Path target = tmp.resolve("alignment.json");
        model.exportJson(target);
        assertThat(errors).isEmpty();
        return Files.readAllBytes(target);
    }

    private byte[] cli(String... args) {
        CliOutput r = runCli(args);
        assertThat(r.err()).isEmpty();
        return r.out().getBytes(StandardCharsets.UTF_8);
    }

    private record CliOutput(String out, String err) {
    }

    private CliOutput runCli(String... args) {
        List<String> all = new ArrayList<>(List.of("align", "--json", "--sysfs-root", tmp.resolve("nosys").toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new CliOutput(out.toString(), err.toString());
    }

    private static final class FakeSources implements AlignmentSources {
        final Map<String, BlockDevice> devices = new HashMap<>();
        final Map<Path, String> files = new HashMap<>();
        List<Extent> extents = List.of();
        FiemapException fiemapError;

        @Override
        public String readText(Path file) throws IOException {
            String text = files.get(file);
            if (text == null) {
                throw new java.nio.file.NoSuchFileException(file.toString());
            }
            return text;
        }

        @Override
        public List<Extent> liveExtents(Path file) throws IOException {
            if (fiemapError != null) {
                throw fiemapError;
            }
            return extents;
        }

        @Override
        public Optional<String> deviceOf(Path file) {
            return Optional.of("8:16");
        }

        @Override
        public Optional<BlockDevice> device(String name) {
            return Optional.ofNullable(devices.get(name));
        }
    }
}
