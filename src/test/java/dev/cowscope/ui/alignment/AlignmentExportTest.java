package dev.cowscope.ui.alignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.alignment.KernelVersion;
import dev.cowscope.alignment.LimitsInput;
import dev.cowscope.cli.Cli;
import dev.cowscope.ui.common.CurrentThreadTaskRunner;
import dev.cowscope.ui.common.DialogService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tab's Export JSON writes the bytes {@code cowscope align --json} prints for the same input. */
class AlignmentExportTest {
    private static final LimitsInput LIMITS = new LimitsInput("512", "4096", "4096", "0", "0", "0", "1048576");
    private static final String CLI_LIMITS = "lbs=512,pbs=4096,io-min=4096,io-opt=0,alignment-offset=0";

    @TempDir
    Path tmp;
    private final List<String> errors = new ArrayList<>();
    private final AlignmentViewModel model = new AlignmentViewModel(new CurrentThreadTaskRunner(), new DialogService() {
        @Override
        public void showError(String title, String message, Throwable detail) {
            errors.add(title + ": " + message);
        }

        @Override
        public void showInformation(String title, String message) {
        }
    }, AlignmentSources.ENGINE, s -> { });

    @Test
    void aTableFileExportsWhatTheCliPrints() throws Exception {
        Path table = AlignmentFixture.p4().resolve("tables/man-2lines-2nd-phys-misaligned/table.txt");
        model.setLimits(LIMITS);
        model.loadTextFile(table);

        assertThat(exported()).isEqualTo(cli("--table", table.toString(), "--limits", CLI_LIMITS,
            "--device-size", "1048576"));
    }

    @Test
    void filefragOutputWithADeviceAndAKernelExportsWhatTheCliPrints() throws Exception {
        Path filefrag = AlignmentFixture.p4().resolve("files/fs1k/frag6M.filefrag-v.txt");
        model.deviceProperty().set("/dev/vdb");
        model.setLimits(LIMITS.withDeviceSize("64M"));
        model.kernelProperty().set(KernelVersion.V6_1);
        model.wantedSizeProperty().set("5M");
        model.loadTextFile(filefrag);

        // the same values typed in another form: 64M is 131072 sectors in both faces
        assertThat(exported()).isEqualTo(cli("--filefrag", filefrag.toString(), "--device", "/dev/vdb",
            "--limits", CLI_LIMITS, "--device-size", "131072", "--kernel", "v6.1", "--wanted-size", "5M"));
    }

    @Test
    void theSameBadValueGivesTheSameMessageInBothFaces() {
        model.textProperty().set("0 8 linear /dev/sda 0\n");
        model.setLimits(LIMITS.withPartStart("3x"));
        String cli = run("--table", "/dev/null", "--limits", CLI_LIMITS + ",part-start=3x").err();
        assertThat(model.messageProperty().get()).isEqualTo("partition start (part-start): unknown size unit in '3x'"
            + " (use s, K, M, G, T)");
        assertThat(cli).contains("--limits: " + model.messageProperty().get());
    }

    @Test
    void nothingCheckedIsNothingToExport() {
        assertThat(model.canExportProperty().get()).isFalse();
        model.exportJson(tmp.resolve("none.json"));
        assertThat(errors).singleElement().asString().startsWith("Nothing to export");
        assertThat(tmp.resolve("none.json")).doesNotExist();
    }

    private byte[] exported() throws Exception {
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.canExportProperty().get()).isTrue();
        Path target = tmp.resolve("alignment.json");
        model.exportJson(target);
        assertThat(errors).isEmpty();
        return Files.readAllBytes(target);
    }

    private byte[] cli(String... args) {
        Run r = run(args);
        assertThat(r.err()).isEmpty();
        return r.out().getBytes(StandardCharsets.UTF_8);
    }

    private record Run(String out, String err) {
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("align", "--json", "--sysfs-root", tmp.resolve("nosys").toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(out.toString(), err.toString());
    }
}
