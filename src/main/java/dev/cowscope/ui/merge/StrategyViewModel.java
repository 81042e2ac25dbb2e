package dev.cowscope.ui.merge;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.Units;
import dev.cowscope.merge.MergeWording;
import dev.cowscope.merge.MergeWording.StrategyRow;
import dev.cowscope.merge.StrategyComparison;
import dev.cowscope.merge.StrategyComparison.Store;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.document.OpenedImage;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Strategy A (update in the snapshot, merge on success) against B (update on the origin, old
 * data in the snapshot, merge back on failure), through {@link StrategyComparison}. Works with
 * no COW open; {@link #prefill} takes the figures of an open one. Every edit recomputes; a bad
 * input names its field and empties the table.
 */
public final class StrategyViewModel {
    /** The editable inputs. */
    public enum Field { CHANGED, TRIAL, OVERLAP, COW_SIZE, CHUNK_SIZE }

    private final StringProperty changedChunks = new SimpleStringProperty(this, "changedChunks", "1000");
    private final StringProperty trialWrites = new SimpleStringProperty(this, "trialWrites", "200");
    private final StringProperty overlap = new SimpleStringProperty(this, "overlap", "0");
    private final StringProperty cowSize = new SimpleStringProperty(this, "cowSize", "8M");
    private final StringProperty chunkSize = new SimpleStringProperty(this, "chunkSize", "4K");
    private final ObjectProperty<Store> store = new SimpleObjectProperty<>(this, "store", Store.P);
    private final ReadOnlyObjectWrapper<StrategyComparison.Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Map<Field, String>> errors = new ReadOnlyObjectWrapper<>(this, "errors", Map.of());
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "Example figures (no COW open)");
    private final ObservableList<StrategyRow> rows = FXCollections.observableArrayList();
    private final ObservableList<StrategyRow> rowsView = FXCollections.unmodifiableObservableList(rows);

    public StrategyViewModel() {
        for (Observable input : List.of(changedChunks, trialWrites, overlap, cowSize, chunkSize, store)) {
            input.addListener(o -> recompute());
        }
        recompute();
    }

    public StringProperty changedChunksProperty() {
        return changedChunks;
    }

    public StringProperty trialWritesProperty() {
        return trialWrites;
    }

    public StringProperty overlapProperty() {
        return overlap;
    }

    public StringProperty cowSizeProperty() {
        return cowSize;
    }

    public StringProperty chunkSizeProperty() {
        return chunkSize;
    }

    public ObjectProperty<Store> storeProperty() {
        return store;
    }

    /** Null while an input is invalid. */
    public ReadOnlyObjectProperty<StrategyComparison.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The message per invalid field (empty when all are valid). */
    public ReadOnlyObjectProperty<Map<Field, String>> errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    /** Chunks needed, what the COW holds, the smallest COW that takes the run; or what is wrong. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Where the figures come from. */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** The side-by-side rows. */
    public ObservableList<StrategyRow> rows() {
        return rowsView;
    }

    /**
     * Takes the open COW's figures: its entries as the update's chunks, a tenth of them as trial
     * writes (an assumption to edit), its size and chunk size. The store option is not on disk.
     */
    public void prefill(OpenedImage doc) {
        if (doc == null || doc.image().layout().isEmpty()) {
            return;
        }
        CowImage image = doc.image();
        long entries = image.exceptions().size();
        changedChunks.set(Long.toString(entries));
        trialWrites.set(Long.toString(entries / 10));
        overlap.set("0");
        cowSize.set(Units.compact(image.deviceSectors() * Units.SECTOR_BYTES));
        chunkSize.set(Units.compact(image.requireLayout().chunkSizeBytes()));
        source.set("From " + doc.displayName() + ": its " + Formats.grouped(entries) + " entries as the update, "
                + "a tenth of them as trial writes (edit to taste)");
    }

    private void recompute() {
        Map<Field, String> problems = new EnumMap<>(Field.class);
        long changed = count(Field.CHANGED, changedChunks.get(), problems);
        long trial = count(Field.TRIAL, trialWrites.get(), problems);
        long over = count(Field.OVERLAP, overlap.get(), problems);
        long cow = size(Field.COW_SIZE, cowSize.get(), problems);
        long chunk = size(Field.CHUNK_SIZE, chunkSize.get(), problems);
        StrategyComparison.Result r = null;
        if (problems.isEmpty()) {
            // the engine checks the inputs as for merge compare; its message says which one is wrong
            try {
                r = StrategyComparison.compare(new StrategyComparison.Inputs(changed, trial, over, cow, chunk,
                        store.get() == null ? Store.P : store.get()));
            } catch (IllegalArgumentException | ArithmeticException e) {
                String message = e.getMessage() == null ? "out of range" : e.getMessage();
                problems.put(fieldOf(message), message);
            }
        }
        errors.set(Collections.unmodifiableMap(problems));
        result.set(r);
        if (r == null) {
            summary.set(String.join("; ", problems.values()));
            rows.clear();
            return;
        }
        summary.set(String.format(Locale.ROOT, "%s update + %s trial − %s overlap = %s chunks to copy into the COW; "
                        + "a %s COW holds %s before the next copy fails; the run needs at least %s",
                Formats.grouped(changed), Formats.grouped(trial), Formats.grouped(over), Formats.grouped(r.chunksNeeded()),
                Units.human(cow), Formats.grouped(r.capacityChunks()), Units.human(r.minimumCowBytes())));
        rows.setAll(MergeWording.strategyRows(r));
    }

    private static Field fieldOf(String engineMessage) {
        if (engineMessage.startsWith("chunk size")) {
            return Field.CHUNK_SIZE;
        }
        if (engineMessage.startsWith("overlap")) {
            return Field.OVERLAP;
        }
        return engineMessage.contains("COW") ? Field.COW_SIZE : Field.CHANGED;
    }

    private static long count(Field field, String text, Map<Field, String> problems) {
        try {
            return Units.parseCount(text); // the parser merge compare's counts go through
        } catch (IllegalArgumentException e) {
            problems.put(field, e.getMessage());
            return 0;
        }
    }

    private static long size(Field field, String text, Map<Field, String> problems) {
        try {
            long value = Units.parseBytes(text);
            if (value <= 0) {
                problems.put(field, "a size must be positive");
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.put(field, e.getMessage());
            return 0;
        }
    }
}
