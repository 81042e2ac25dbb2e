package dev.cowscope.ui.alignment;

import dev.cowscope.alignment.AlignmentReport;
import dev.cowscope.alignment.BlockDevice;
import dev.cowscope.alignment.BuildIssue;
import dev.cowscope.alignment.CheckedTable;
import dev.cowscope.alignment.Extent;
import dev.cowscope.alignment.KernelMessage;
import dev.cowscope.alignment.KernelVersion;
import dev.cowscope.alignment.LimitsInput;
import dev.cowscope.alignment.LineReport;
import dev.cowscope.alignment.LinearLine;
import dev.cowscope.alignment.Plural;
import dev.cowscope.alignment.Verdict;
import dev.cowscope.report.AlignReport;
import dev.cowscope.report.ReportJson;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.common.ErrorText;
import dev.cowscope.ui.common.FileExport;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Alignment tab's state: the input (pasted filefrag output or table lines, a dropped text file, or
 * a file's live extents), the limits editor, the kernel switch and the wanted size; every change
 * re-runs the engine's check in the background and publishes the selected table's verdicts, the
 * predicted kernel lines, the table text, the summary and the device strip. Needs no COW image.
 */
public final class AlignmentViewModel {
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final AlignmentSources sources;
    private final Consumer<String> status;
    private final FileExport files;

    // ---- inputs
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final StringProperty device = new SimpleStringProperty(this, "device", "");
    private final StringProperty lbs = new SimpleStringProperty(this, "lbs");
    private final StringProperty pbs = new SimpleStringProperty(this, "pbs");
    private final StringProperty ioMin = new SimpleStringProperty(this, "ioMin");
    private final StringProperty ioOpt = new SimpleStringProperty(this, "ioOpt");
    private final StringProperty alignmentOffset = new SimpleStringProperty(this, "alignmentOffset");
    private final StringProperty partStart = new SimpleStringProperty(this, "partStart");
    private final StringProperty deviceSize = new SimpleStringProperty(this, "deviceSize");
    private final ObjectProperty<KernelVersion> kernel = new SimpleObjectProperty<>(this, "kernel", KernelVersion.NEW);
    private final StringProperty wantedSize = new SimpleStringProperty(this, "wantedSize", "");
    /** The file the text was read from while it is unchanged, so reports name it as {@code align --table} does. */
    private final ReadOnlyStringWrapper textFile = new ReadOnlyStringWrapper(this, "textFile", "");
    private final IntegerProperty selectedSource = new SimpleIntegerProperty(this, "selectedSource", 0);

    // ---- outputs
    private final ReadOnlyObjectWrapper<AlignmentRequest.LiveExtents> live = new ReadOnlyObjectWrapper<>(this, "live");
    private final ReadOnlyStringWrapper liveSource = new ReadOnlyStringWrapper(this, "liveSource", "");
    private final ReadOnlyObjectWrapper<BlockDevice> readDevice = new ReadOnlyObjectWrapper<>(this, "readDevice");
    private final ReadOnlyStringWrapper deviceInfo = new ReadOnlyStringWrapper(this, "deviceInfo", "limits typed by hand");
    private final ReadOnlyObjectWrapper<AlignmentResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<AlignmentReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<DeviceStrip> strip = new ReadOnlyObjectWrapper<>(this, "strip", DeviceStrip.EMPTY);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<Verdict> worstVerdict = new ReadOnlyObjectWrapper<>(this, "worstVerdict");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private final ReadOnlyStringWrapper tableText = new ReadOnlyStringWrapper(this, "tableText", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<LineReport> lines = FXCollections.observableArrayList();
    private final ObservableList<String> kernelLines = FXCollections.observableArrayList();
    private final ObservableList<String> sourceNames = FXCollections.observableArrayList();
    private final ObservableList<LineReport> linesView = FXCollections.unmodifiableObservableList(lines);
    private final ObservableList<String> kernelLinesView = FXCollections.unmodifiableObservableList(kernelLines);
    private final ObservableList<String> sourceNamesView = FXCollections.unmodifiableObservableList(sourceNames);

    private final BooleanBinding canExport = Bindings.createBooleanBinding(
        () -> result.get() != null && !result.get().tables().isEmpty(), result);

    private TaskRunner.Cancellable check = TaskRunner.Cancellable.DONE;
    private long generation;
    private boolean updating;

    /**
     * @param status where one-line news goes (the window's status bar)
     */
    public AlignmentViewModel(TaskRunner tasks, DialogService dialogs, AlignmentSources sources, Consumer<String> status) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.sources = sources;
        this.status = status;
        this.files = new FileExport(tasks, dialogs, status);
        setLimits(LimitsInput.DEFAULT);
        Observable[] inputs = {text, device, lbs, pbs, ioMin, ioOpt, alignmentOffset, partStart, deviceSize, kernel,
            wantedSize, live, readDevice, textFile};
        for (Observable input : inputs) {
            input.addListener(o -> recompute());
        }
        text.addListener(o -> {
            if (!updating) {
                live.set(null); // typing or pasting goes back to the text
                textFile.set("");
            }
        });
        device.addListener((obs, was, now) -> {
            BlockDevice known = readDevice.get();
            if (known != null && !known.tableName().equals(now == null ? "" : now.strip())) {
                readDevice.set(null);
                deviceInfo.set("limits typed by hand");
            }
        });
        live.addListener((obs, was, now) -> liveSource.set(now == null ? "" : "Live extents of " + now.fileName()
            + " (" + Plural.of(now.extents().size(), "extent") + "); edit the text to use it instead"));
        selectedSource.addListener(o -> publishSelected());
        recompute();
    }

    // ---- properties ------------------------------------------------------------------------------

    public StringProperty textProperty() {
        return text;
    }

    /** The device the extents point into, as the generated table names it; also what "Read limits" reads. */
    public StringProperty deviceProperty() {
        return device;
    }

    public StringProperty lbsProperty() {
        return lbs;
    }

    public StringProperty pbsProperty() {
        return pbs;
    }

    public StringProperty ioMinProperty() {
        return ioMin;
    }

    public StringProperty ioOptProperty() {
        return ioOpt;
    }

    /** The whole disk's (queue's) alignment offset in bytes. */
    public StringProperty alignmentOffsetProperty() {
        return alignmentOffset;
    }

    /** Partition start on its disk, sectors. */
    public StringProperty partStartProperty() {
        return partStart;
    }

    /** Device size in sectors; empty = unknown. */
    public StringProperty deviceSizeProperty() {
        return deviceSize;
    }

    public ObjectProperty<KernelVersion> kernelProperty() {
        return kernel;
    }

    /** Clip the built table to this size ({@code 100M}); empty for the whole file. */
    public StringProperty wantedSizeProperty() {
        return wantedSize;
    }

    /** Which file of a multi-file paste is shown. */
    public IntegerProperty selectedSourceProperty() {
        return selectedSource;
    }

    /** Non-empty while live extents (not the text) are the input. */
    public ReadOnlyStringProperty liveSourceProperty() {
        return liveSource.getReadOnlyProperty();
    }

    /** Where the limits came from. */
    public ReadOnlyStringProperty deviceInfoProperty() {
        return deviceInfo.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AlignmentResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The shown table's report, or null. */
    public ReadOnlyObjectProperty<AlignmentReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DeviceStrip> stripProperty() {
        return strip.getReadOnlyProperty();
    }

    /** {@code 2 lines rejected, 3 warnings}, or "" when there is nothing to check. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The worst line verdict (null when nothing is checked). */
    public ReadOnlyObjectProperty<Verdict> worstVerdictProperty() {
        return worstVerdict.getReadOnlyProperty();
    }

    /** The outcome and how the table was built. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** What to do, or what is wrong with the input. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tableTextProperty() {
        return tableText.getReadOnlyProperty();
    }

    /** A file or device is being read. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<LineReport> lines() {
        return linesView;
    }

    /** The lines {@code dmsetup create} would make the kernel print, without timestamp and dm device. */
    public ObservableList<String> kernelLines() {
        return kernelLinesView;
    }

    /** The checked tables' sources (several for a multi-file filefrag paste). */
    public ObservableList<String> sourceNames() {
        return sourceNamesView;
    }

    /** There is a checked table to export. */
    public BooleanBinding canExportProperty() {
        return canExport;
    }

    // ---- commands --------------------------------------------------------------------------------

    /** Sets all limit fields at once (one recomputation). */
    public void setLimits(LimitsInput limits) {
        updating = true;
        try {
            lbs.set(limits.lbs());
            pbs.set(limits.pbs());
            ioMin.set(limits.ioMin());
            ioOpt.set(limits.ioOpt());
            alignmentOffset.set(limits.alignmentOffset());
            partStart.set(limits.partStart());
            deviceSize.set(limits.deviceSize());
        } finally {
            updating = false;
        }
        recompute();
    }

    /** Reads a dropped or chosen text file (filefrag output or a table) into the input. */
    public void loadTextFile(Path file) {
        busy.set(true);
        tasks.run(Job.of("Reading " + file.getFileName(), progress -> sources.readText(file))
            .onSuccess(content -> {
                busy.set(false);
                updating = true;
                try {
                    live.set(null);
                    text.set(content);
                    textFile.set(file.toString());
                } finally {
                    updating = false;
                }
                recompute();
                status.accept("Read " + file);
            })
            .onFailure(error -> {
                busy.set(false);
                dialogs.showError("Cannot read " + file.getFileName(), error);
            })
            .onCancelled(() -> busy.set(false)));
    }

    /** Reads the file's extents now through FIEMAP; the device field is filled from the file when empty. */
    public void readLiveExtents(Path file) {
        busy.set(true);
        tasks.run(Job.of("Reading the extents of " + file.getFileName(), progress -> {
            List<Extent> extents = sources.liveExtents(file);
            return new LiveRead(new AlignmentRequest.LiveExtents(file.toString(), extents), sources.deviceOf(file));
        }).onSuccess(read -> {
            busy.set(false);
            String typed = device.get() == null ? "" : device.get().strip();
            String fileDevice = read.device().orElse(typed);
            boolean otherDevice = !fileDevice.equals(typed);
            if (otherDevice) {
                // the limits on screen were typed or read for another file's device: checked against
                // them this file got false REJECTs (its device "too small"); start again from its own
                updating = true;
                try {
                    device.set(fileDevice);
                } finally {
                    updating = false;
                }
                readDevice.set(null);
                setLimits(LimitsInput.DEFAULT);
                deviceInfo.set("the defaults: " + fileDevice + " is the device of " + file.getFileName());
            }
            live.set(read.extents());
            if (otherDevice) {
                readLimits(fileDevice, false);
            }
            status.accept("Read " + Plural.of(read.extents().extents().size(), "extent") + " of " + file
                + read.device().map(d -> " on device " + d).orElse(""));
        }).onFailure(error -> {
            busy.set(false);
            dialogs.showError("Cannot read the extents of " + file.getFileName(), error);
        }).onCancelled(() -> busy.set(false)));
    }

    /** Goes back from live extents to the text. */
    public void useText() {
        live.set(null);
    }

    /** Reads the limits of the device named in the device field from sysfs. */
    public void readDeviceLimits() {
        String name = device.get() == null ? "" : device.get().strip();
        if (name.isEmpty()) {
            dialogs.showError("No device given", "Type the device the extents live on (/dev/sdb, vdc1 or 8:16) first.", null);
            return;
        }
        readLimits(name, true);
    }

    /** Reads {@code name}'s limits from sysfs; a device this machine does not have is an error only when {@code asked}. */
    private void readLimits(String name, boolean asked) {
        String path = name.contains("/") || name.contains(":") ? name : "/dev/" + name;
        busy.set(true);
        tasks.run(Job.of("Reading the limits of " + name, progress -> sources.device(path))
            .onSuccess(found -> {
                busy.set(false);
                if (found.isEmpty() && !asked) {
                    return;
                }
                if (found.isEmpty()) {
                    dialogs.showError("Cannot read the limits of " + name, "There is no block device '" + name
                        + "' on this machine (looked in /sys/class/block). Type its limits by hand:"
                        + " on the machine that has it, read /sys/class/block/<dev>/queue/*_size,"
                        + " alignment_offset and, for a partition, start.", null);
                    return;
                }
                BlockDevice d = found.get();
                setLimits(LimitsInput.of(d.limits()));
                readDevice.set(new BlockDevice(name, d.kernelName(), d.wholeDiskKernelName(), d.limits()));
                deviceInfo.set("read from /sys/class/block/" + d.kernelName()
                    + d.wholeDiskKernelName().map(w -> " (a partition of " + w + ")").orElse("")
                    + (d.limits().misaligned() ? "; the device is already misaligned" : ""));
                status.accept("Limits of " + name + " read from sysfs");
            })
            .onFailure(error -> {
                busy.set(false);
                dialogs.showError("Cannot read the limits of " + name, error);
            })
            .onCancelled(() -> busy.set(false)));
    }

    /** The Copy button put the table on the clipboard. */
    public void tableCopied() {
        AlignmentReport r = report.get();
        status.accept("Table copied (" + Plural.of(r == null ? 0 : r.table().lines().size(), "line")
            + "); create it with: dmsetup create NAME < table.txt");
    }

    /** Writes every checked table as {@code cowscope align --json} prints it for the same input. */
    public void exportJson(Path target) {
        AlignmentResult r = result.get();
        if (r == null || r.tables().isEmpty()) {
            dialogs.showError("Nothing to export", r == null ? "Nothing is checked yet." : r.message().orElse(""), null);
            return;
        }
        // every table of one check is predicted for the same kernel
        AlignReport report = AlignReport.of(r.tables().get(0).report().kernel(), r.tables());
        files.write("the alignment report", target, (out, progress) -> ReportJson.write(report, out));
    }

    /** The tooltip text for table line {@code index} of the shown report. */
    public String describeLine(int index) {
        AlignmentReport r = report.get();
        if (r == null || index < 0 || index >= r.lines().size()) {
            return "";
        }
        LineReport l = r.lines().get(index);
        LinearLine line = l.line();
        StringBuilder sb = new StringBuilder();
        sb.append("line ").append(index).append(": sectors ").append(line.startSector()).append('+')
            .append(line.lengthSectors()).append(" → ").append(line.device()).append(" sectors ")
            .append(line.offsetSector()).append("..").append(line.offsetSector() + line.lengthSectors() - 1)
            .append('\n').append(l.verdict());
        if (!l.reason().isEmpty()) {
            sb.append(": ").append(l.reason());
        }
        if (!l.hint().isEmpty()) {
            sb.append("\nfix: ").append(l.hint());
        }
        return sb.toString();
    }

    // ---- recomputation ---------------------------------------------------------------------------

    private AlignmentRequest request() {
        return new AlignmentRequest(text.get() == null ? "" : text.get(), textFile.get(), Optional.ofNullable(live.get()),
            device.get() == null ? "" : device.get(), Optional.ofNullable(readDevice.get()),
            new LimitsInput(lbs.get(), pbs.get(), ioMin.get(), ioOpt.get(), alignmentOffset.get(), partStart.get(),
                deviceSize.get()), kernel.get() == null ? KernelVersion.NEW : kernel.get(),
            wantedSize.get() == null ? "" : wantedSize.get());
    }

    private void recompute() {
        if (updating) {
            return;
        }
        AlignmentRequest request = request();
        long gen = ++generation;
        check.cancel();
        check = tasks.run(Job.of("Checking alignment", progress -> request.evaluate())
            .onSuccess(r -> {
                if (gen == generation) {
                    publish(r);
                }
            })
            .onFailure(error -> {
                if (gen == generation) {
                    publish(AlignmentResult.problem("cannot check: " + ErrorText.of(error)));
                }
            }));
    }

    private void publish(AlignmentResult r) {
        result.set(r);
        List<String> names = r.tables().stream().map(CheckedTable::source).toList();
        boolean sameFiles = names.equals(sourceNames);
        if (!sameFiles) {
            sourceNames.setAll(names);
        }
        message.set(r.message().orElse(""));
        messageIsError.set(r.error());
        if (!sameFiles && selectedSource.get() != 0) {
            selectedSource.set(0); // publishes
        } else {
            publishSelected();
        }
    }

    private void publishSelected() {
        AlignmentResult r = result.get();
        int index = selectedSource.get();
        if (r == null || index < 0 || index >= r.tables().size()) {
            report.set(null);
            lines.clear();
            kernelLines.clear();
            tableText.set("");
            summary.set("");
            details.set("");
            worstVerdict.set(null);
            strip.set(DeviceStrip.EMPTY);
            return;
        }
        CheckedTable checked = r.tables().get(index);
        AlignmentReport rep = checked.report();
        report.set(rep);
        lines.setAll(rep.lines());
        kernelLines.setAll(rep.kernelMessages().stream().map(KernelMessage::render).toList());
        tableText.set(rep.tableText());
        summary.set(rep.summary());
        worstVerdict.set(rep.lines().stream().map(LineReport::verdict).reduce(Verdict.OK, Verdict::worst));
        details.set(details(checked));
        strip.set(checked.limits().map(q -> DeviceStrip.of(rep.lines(), q)).orElse(DeviceStrip.EMPTY));
    }

    private static String details(CheckedTable checked) {
        AlignmentReport rep = checked.report();
        StringBuilder sb = new StringBuilder();
        sb.append(capitalise(rep.outcome())).append(" (kernel ").append(rep.kernel().label()).append(").");
        rep.build().ifPresent(b -> {
            sb.append(' ').append(Plural.of(b.extentsBefore(), "extent"));
            if (b.extentsAfter() != b.extentsBefore()) {
                sb.append(", ").append(b.extentsAfter()).append(" after merging neighbours");
            }
            sb.append(" → ").append(Plural.of(rep.table().lines().size(), "line")).append('.');
            for (BuildIssue issue : b.issues()) {
                sb.append('\n').append(issue.error() ? "Error: " : "Note: ").append(issue.message());
            }
        });
        if (rep.rejected() && !rep.notChecked().isEmpty()) {
            sb.append("\nNot checked (the first kernel message may differ): ").append(String.join("; ", rep.notChecked()))
                .append('.');
        } else if (!rep.notChecked().isEmpty()) {
            sb.append("\nEnter the device size (sectors) to get a verdict.");
        }
        return sb.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }


    /** Live extents and the device they came from. */
    private record LiveRead(AlignmentRequest.LiveExtents extents, Optional<String> device) {
    }
}
