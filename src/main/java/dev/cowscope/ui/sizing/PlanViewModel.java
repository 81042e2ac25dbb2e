package dev.cowscope.ui.sizing;

import dev.cowscope.format.AtomicOutput;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.Units;
import dev.cowscope.report.RangesFile;
import dev.cowscope.report.ReportJson;
import dev.cowscope.report.SizeJson;
import dev.cowscope.report.SizingCsv;
import dev.cowscope.sizing.ChangedChunks;
import dev.cowscope.sizing.ChunkSizeRule;
import dev.cowscope.sizing.Margin;
import dev.cowscope.sizing.RoundingUnit;
import dev.cowscope.sizing.SizingPlan;
import dev.cowscope.sizing.SizingRow;
import dev.cowscope.ui.common.BackgroundJob;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.common.ErrorText;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import dev.cowscope.ui.document.MainViewModel;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Plan tab: what COW to allocate for a change, at every candidate chunk size. Works with no
 * COW open. The plan is cheap arithmetic and is rebuilt on the FX thread whenever an input
 * changes; comparing two images and reading a ranges file run through the {@link TaskRunner}
 * (progress and Cancel in the status bar) and restart when their files change.
 *
 * <p>Inputs are plain writable properties the view binds to; everything derived is read-only.
 */
public final class PlanViewModel {
    /** Where the change comes from. */
    public enum Mode {
        CHANGED_CHUNKS("Changed chunks"), IMAGE_PAIR("Old and new images"), RANGES("Written ranges file");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The units an allocation can be rounded up to. */
    public enum Rounding {
        SECTOR("512 B sector", 512), BLOCK_4K("4 KiB block", 4096), LVM_EXTENT("4 MiB LVM extent", 4L << 20), CUSTOM("Custom", 0);

        private final String label;
        private final long bytes;

        Rounding(String label, long bytes) {
            this.label = label;
            this.bytes = bytes;
        }

        public long bytes() {
            return bytes;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Chunk sizes offered: 512 B … 1 MiB. */
    public static final List<Long> CANDIDATE_CHUNK_SIZES_SECTORS = SizingPlan.defaultChunkSizesSectors();
    /** Selected at start: 4 KiB … 1 MiB (the sizes lvcreate and Android use). */
    public static final long FIRST_DEFAULT_CHUNK_SECTORS = 8;
    /** Logical block sizes a device reports. */
    public static final List<Long> LOGICAL_BLOCK_SIZES_BYTES = List.of(512L, 1024L, 2048L, 4096L);

    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Consumer<String> status;

    // inputs
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.CHANGED_CHUNKS);
    private final Map<Long, BooleanProperty> chunkSizes = new LinkedHashMap<>();
    private final StringProperty changedChunks = new SimpleStringProperty(this, "changedChunks", "1000");
    private final StringProperty originSize = new SimpleStringProperty(this, "originSize", "");
    private final StringProperty margin = new SimpleStringProperty(this, "margin", "");
    private final ObjectProperty<Rounding> rounding = new SimpleObjectProperty<>(this, "rounding", Rounding.SECTOR);
    private final StringProperty customRounding = new SimpleStringProperty(this, "customRounding", "1M");
    private final ObjectProperty<Long> cowBlockBytes = new SimpleObjectProperty<>(this, "cowBlockBytes", 512L);
    private final ObjectProperty<Long> originBlockBytes = new SimpleObjectProperty<>(this, "originBlockBytes", 512L);
    private final ReadOnlyObjectWrapper<Path> oldImage = new ReadOnlyObjectWrapper<>(this, "oldImage");
    private final ReadOnlyObjectWrapper<Path> newImage = new ReadOnlyObjectWrapper<>(this, "newImage");
    private final ReadOnlyObjectWrapper<Path> rangesFile = new ReadOnlyObjectWrapper<>(this, "rangesFile");

    // derived
    private final ReadOnlyObjectWrapper<SizingPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ObservableList<SizingRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SizingRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper recommendation = new ReadOnlyStringWrapper(this, "recommendation", "");
    private final ReadOnlyStringWrapper changeNote = new ReadOnlyStringWrapper(this, "changeNote", "");
    private final ReadOnlyBooleanWrapper measuring = new ReadOnlyBooleanWrapper(this, "measuring");
    private final BooleanBinding canExport;
    private final BooleanBinding canCompare;

    private ChangedChunks imagePair;
    private ChangedChunks ranges;
    private int generation;
    private TaskRunner.Cancellable running = TaskRunner.Cancellable.DONE;

    public PlanViewModel(TaskRunner tasks, DialogService dialogs, Consumer<String> status) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.status = status;
        List<Observable> inputs = new ArrayList<>(List.of(mode, changedChunks, originSize, margin, rounding, customRounding,
                cowBlockBytes, originBlockBytes));
        for (long sectors : CANDIDATE_CHUNK_SIZES_SECTORS) {
            BooleanProperty selected = new SimpleBooleanProperty(this, "chunk" + sectors, sectors >= FIRST_DEFAULT_CHUNK_SECTORS);
            chunkSizes.put(sectors, selected);
            inputs.add(selected);
        }
        for (Observable input : inputs) {
            input.addListener(o -> recompute());
        }
        canExport = plan.isNotNull().and(measuring.not());
        canCompare = oldImage.isNotNull().and(newImage.isNotNull()).and(measuring.not());
        recompute();
    }

    /** With the window's task runner, dialogs and status line. */
    public static PlanViewModel of(MainViewModel main) {
        return new PlanViewModel(main.tasks(), main.dialogs(), main::reportStatus);
    }

    // ---- inputs

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** Whether chunk size {@code sectors} (one of {@link #CANDIDATE_CHUNK_SIZES_SECTORS}) is planned. */
    public BooleanProperty chunkSizeSelectedProperty(long sectors) {
        BooleanProperty selected = chunkSizes.get(sectors);
        if (selected == null) {
            throw new IllegalArgumentException("not a candidate chunk size: " + sectors + " sectors");
        }
        return selected;
    }

    /** N for {@link Mode#CHANGED_CHUNKS}: distinct changed chunks, the same at every chunk size. */
    public StringProperty changedChunksProperty() {
        return changedChunks;
    }

    /** Origin size for changed chunks and ranges (a margin in %, the cap); empty when unknown. */
    public StringProperty originSizeProperty() {
        return originSize;
    }

    /** Headroom: empty, bytes ({@code 64M}) or % of the origin ({@code 5%}). */
    public StringProperty marginProperty() {
        return margin;
    }

    public ObjectProperty<Rounding> roundingProperty() {
        return rounding;
    }

    /** The unit for {@link Rounding#CUSTOM}. */
    public StringProperty customRoundingProperty() {
        return customRounding;
    }

    public ObjectProperty<Long> cowBlockBytesProperty() {
        return cowBlockBytes;
    }

    public ObjectProperty<Long> originBlockBytesProperty() {
        return originBlockBytes;
    }

    public ReadOnlyObjectProperty<Path> oldImageProperty() {
        return oldImage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> newImageProperty() {
        return newImage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> rangesFileProperty() {
        return rangesFile.getReadOnlyProperty();
    }

    // ---- derived

    /** The plan for the current inputs; null while they are incomplete or wrong ({@link #problemProperty()}). */
    public ReadOnlyObjectProperty<SizingPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** The plan's rows, smallest chunk first; empty without a plan. */
    public ObservableList<SizingRow> rows() {
        return rowsView;
    }

    /** Why there is no plan, or a warning about the plan; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** One line: the recommended chunk size and what to allocate. */
    public ReadOnlyStringProperty recommendationProperty() {
        return recommendation.getReadOnlyProperty();
    }

    /** What the change is: measured bytes, growth, shrinking, refused chunk sizes. */
    public ReadOnlyStringProperty changeNoteProperty() {
        return changeNote.getReadOnlyProperty();
    }

    /** True while images are compared or a ranges file is read. */
    public ReadOnlyBooleanProperty measuringProperty() {
        return measuring.getReadOnlyProperty();
    }

    public BooleanBinding canExportProperty() {
        return canExport;
    }

    public BooleanBinding canCompareProperty() {
        return canCompare;
    }

    // ---- commands

    /** Sets the old image (the origin as it is) and compares again when both are set. */
    public void setOldImage(Path path) {
        oldImage.set(path);
        mode.set(Mode.IMAGE_PAIR);
        compareImages();
    }

    /** Sets the new image (what will be written) and compares again when both are set. */
    public void setNewImage(Path path) {
        newImage.set(path);
        mode.set(Mode.IMAGE_PAIR);
        compareImages();
    }

    /** Compares the two images in the background (cancelling a comparison still running). */
    public void compareImages() {
        Path before = oldImage.get();
        Path after = newImage.get();
        imagePair = null;
        if (before == null || after == null) {
            recompute();
            return;
        }
        measure("Comparing " + before.getFileName() + " with " + after.getFileName(), progress -> {
            try (BlockSource a = BlockSources.open(before, progress); BlockSource b = BlockSources.open(after, progress)) {
                return ChangedChunks.fromSnapshotPair(a, b, progress);
            }
        }, result -> {
            imagePair = result;
            status.accept("Compared " + before.getFileName() + " with " + after.getFileName() + ": "
                    + Formats.grouped(result.changedChunks(1)) + " changed sectors");
        });
    }

    /** Reads a written-ranges file ({@code offset length} lines, or JSON) in the background. */
    public void setRangesFile(Path path) {
        rangesFile.set(path);
        mode.set(Mode.RANGES);
        ranges = null;
        measure("Reading ranges " + path.getFileName(), progress -> ChangedChunks.fromRanges(RangesFile.read(path), 0), result -> {
            ranges = result;
            status.accept("Read " + path.getFileName() + ": " + Formats.grouped(result.changedBytes()) + " bytes written");
        });
    }

    /** Stops a comparison or read in progress. */
    public void cancelMeasuring() {
        running.cancel();
    }

    /** Writes the plan as the {@code size --json} document. */
    public void exportJson(Path target) {
        export("JSON", target, plan -> {
            try (AtomicOutput out = AtomicOutput.create(target)) {
                ReportJson.write(SizeJson.Plan.of(plan), out.outputStream());
                out.commit();
            }
            return target;
        });
    }

    /** Writes the plan's rows as the {@code size --csv} table. */
    public void exportCsv(Path target) {
        export("CSV", target, plan -> {
            try (AtomicOutput out = AtomicOutput.create(target)) {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out.outputStream(), StandardCharsets.UTF_8));
                SizingCsv.write(SizeJson.Plan.of(plan), writer);
                out.commit();
            }
            return target;
        });
    }

    // ---- validation, shared with the view's decorations

    /** Why {@code text} is not a count of changed chunks. */
    public static Optional<String> changedChunksError(String text) {
        String t = text == null ? "" : text.replace(" ", "").replace("_", "");
        if (t.isEmpty()) {
            return Optional.of("Enter the number of distinct changed chunks");
        }
        try {
            if (Long.parseLong(t) < 0) {
                return Optional.of("The number of changed chunks cannot be negative");
            }
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of("Not a whole number: '" + text.trim() + "'");
        }
    }

    /** Why {@code text} is not a size (empty is fine: unknown). */
    public static Optional<String> optionalSizeError(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Units.parseBytes(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Why {@code text} is not a margin (empty is none). */
    public static Optional<String> marginError(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Margin.parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Why {@code text} is not a rounding unit. */
    public static Optional<String> roundingError(String text) {
        try {
            new RoundingUnit(Units.parseBytes(text));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The selected chunk sizes the kernel refuses with the current block sizes, each with its reason. */
    public Map<Long, String> refusedChunkSizes() {
        ChunkSizeRule rule = rule();
        Map<Long, String> refused = new LinkedHashMap<>();
        for (Map.Entry<Long, BooleanProperty> e : chunkSizes.entrySet()) {
            if (e.getValue().get()) {
                rule.refusal(e.getKey()).ifPresent(why -> refused.put(e.getKey(), why));
            }
        }
        return refused;
    }

    // ---- work

    private ChunkSizeRule rule() {
        return new ChunkSizeRule(cowBlockBytes.get(), originBlockBytes.get());
    }

    private void recompute() {
        List<String> notes = new ArrayList<>();
        SizingPlan next = null;
        String why = "";
        try {
            ChangedChunks changes = changes(notes);
            List<Long> sizes = new ArrayList<>();
            chunkSizes.forEach((sectors, selected) -> {
                if (selected.get()) {
                    sizes.add(sectors);
                }
            });
            Map<Long, String> refused = refusedChunkSizes();
            sizes.removeAll(refused.keySet());
            if (!refused.isEmpty()) {
                notes.add("Left out, the kernel refuses them with these block sizes (\"" + refused.values().iterator().next()
                        + "\"): " + String.join(", ", refused.keySet().stream().map(SizingPlan::chunkLabel).toList()));
            }
            if (changes == null) {
                why = measuring.get() ? "Measuring the change…" : missingInput();
            } else if (sizes.isEmpty()) {
                why = "Select at least one chunk size the kernel accepts";
            } else {
                next = SizingPlan.build(changes, sizes, margin(), roundingUnit(), rule());
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            why = e instanceof ArithmeticException ? "A size is too large to compute exactly" : capitalised(e.getMessage());
        }
        plan.set(next);
        rows.setAll(next == null ? Collections.emptyList() : next.rows());
        problem.set(why);
        changeNote.set(String.join("\n", notes));
        recommendation.set(next == null ? "" : next.recommended().map(PlanViewModel::describe).orElse(""));
    }

    /** The change for the current mode, or null while it is not known yet. */
    private ChangedChunks changes(List<String> notes) {
        switch (mode.get()) {
            case IMAGE_PAIR:
                if (imagePair != null) {
                    notes.add(describeMeasured(imagePair));
                    imagePair.shrinkNote().ifPresent(n -> notes.add(capitalised(n)));
                }
                return imagePair;
            case RANGES:
                if (ranges == null) {
                    return null;
                }
                long origin = originBytes();
                ChangedChunks withOrigin = new ChangedChunks(ranges.source(), ranges.changedBytes(), origin, origin, ranges.counts());
                notes.add(describeMeasured(withOrigin));
                return withOrigin;
            default:
                String error = changedChunksError(changedChunks.get()).orElse(null);
                if (error != null) {
                    throw new IllegalArgumentException(error);
                }
                notes.add("N is taken as the distinct changed chunks at every chunk size (scattered writes, one chunk each); "
                        + "compare images or read written ranges for the real count per size.");
                return ChangedChunks.given(Long.parseLong(changedChunks.get().replace(" ", "").replace("_", "")), originBytes());
        }
    }

    private long originBytes() {
        String text = originSize.get();
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Units.parseBytes(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Origin size: " + e.getMessage(), e);
        }
    }

    private Margin margin() {
        String text = margin.get();
        if (text == null || text.isBlank()) {
            return Margin.NONE;
        }
        try {
            return Margin.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Margin: " + e.getMessage(), e);
        }
    }

    private RoundingUnit roundingUnit() {
        if (rounding.get() != Rounding.CUSTOM) {
            return new RoundingUnit(rounding.get().bytes());
        }
        try {
            return new RoundingUnit(Units.parseBytes(customRounding.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Rounding unit: " + e.getMessage(), e);
        }
    }

    private String missingInput() {
        if (mode.get() == Mode.IMAGE_PAIR) {
            return oldImage.get() == null || newImage.get() == null ? "Pick the old image (the origin now) and the new image"
                    : "The images were not compared; press Compare";
        }
        return rangesFile.get() == null ? "Pick a written-ranges file (lines 'offset length', or JSON)"
                : "The ranges file was not read; pick it again";
    }

    private void measure(String title, BackgroundJob<ChangedChunks> work, Consumer<ChangedChunks> done) {
        running.cancel();
        int id = ++generation;
        measuring.set(true);
        recompute();
        running = tasks.run(Job.of(title, work).onSuccess(result -> {
            if (id == generation) {
                measuring.set(false);
                done.accept(result);
                recompute();
            }
        }).onFailure(error -> {
            if (id == generation) {
                measuring.set(false);
                recompute();
                status.accept(title + " failed");
                dialogs.showError("Cannot measure the change", error);
            }
        }).onCancelled(() -> {
            if (id == generation) {
                measuring.set(false);
                recompute();
                status.accept(title + " was cancelled");
            }
        }));
    }

    private void export(String kind, Path target, PlanWriter writer) {
        SizingPlan current = plan.get();
        if (current == null) {
            dialogs.showError("Nothing to export", problem.get().isEmpty() ? "There is no plan yet." : problem.get(), null);
            return;
        }
        tasks.run(Job.of("Exporting the plan as " + kind, progress -> writer.write(current))
                .onSuccess(done -> status.accept("Exported the plan to " + done))
                .onFailure(error -> dialogs.showError("Cannot export the plan", target + ": " + ErrorText.of(error), error))
                .onCancelled(() -> status.accept("Export of the plan cancelled")));
    }

    /** "4K chunks: allocate 1.01 MiB (2 072 sectors) for 257 changed chunks + 0 margin". */
    static String describe(SizingRow r) {
        return "Recommended: " + SizingPlan.chunkLabel(r.chunkSizeSectors()) + " chunks — allocate " + Units.human(r.allocationBytes())
                + " (" + Formats.grouped(r.allocationBytes() / Units.SECTOR_BYTES) + " sectors) for "
                + Formats.grouped(r.changedChunks()) + " changed chunks"
                + (r.marginChunks() > 0 ? " + " + Formats.grouped(r.plannedChunks() - r.changedChunks()) + " for the margin" : "");
    }

    private static String describeMeasured(ChangedChunks c) {
        StringBuilder s = new StringBuilder();
        if (c.source() == ChangedChunks.Source.IMAGE_PAIR) {
            s.append("Old ").append(Units.human(c.oldSizeBytes())).append(", new ").append(Units.human(c.newSizeBytes())).append(": ");
        }
        s.append(Formats.grouped(c.changedChunks(1))).append(" changed sectors (").append(Units.human(c.changedSectorBytes()))
                .append("), ").append(Formats.grouped(c.changedBytes())).append(" bytes differ");
        if (c.grownBytes() > 0) {
            s.append("; ").append(Units.human(c.grownBytes())).append(" grown, counted as changed");
        }
        return s.toString();
    }

    private static String capitalised(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @FunctionalInterface
    private interface PlanWriter {
        Path write(SizingPlan plan) throws Exception;
    }
}
