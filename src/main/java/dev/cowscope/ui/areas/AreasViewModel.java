package dev.cowscope.ui.areas;

import dev.cowscope.format.AreaSummary;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.LazyIndexList;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedImage;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One row per exception area; the picked area's entries as a lazy list of entry indexes over the
 * engine's primitive columns (no object per entry is kept).
 */
public final class AreasViewModel {
    private final MainViewModel main;
    private final ObservableList<AreaSummary> areas = FXCollections.observableArrayList();
    private final ObservableList<Integer> entries = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AreaSummary> selectedArea = new ReadOnlyObjectWrapper<>(this, "selectedArea");
    private final ReadOnlyStringWrapper findResult = new ReadOnlyStringWrapper(this, "findResult", "");

    public AreasViewModel(MainViewModel main) {
        this.main = main;
        main.documentProperty().addListener((obs, was, now) -> load(now));
        main.selection().entryProperty().addListener((obs, was, now) -> revealEntry(now.intValue()));
        load(main.document());
    }

    public ObservableList<AreaSummary> areas() {
        return areas;
    }

    public ObservableList<Integer> entries() {
        return entries;
    }

    public ReadOnlyObjectProperty<AreaSummary> selectedAreaProperty() {
        return selectedArea.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty findResultProperty() {
        return findResult.getReadOnlyProperty();
    }

    public ExceptionTable table() {
        OpenedImage doc = main.document();
        return doc == null ? null : doc.image().exceptions();
    }

    public MainViewModel main() {
        return main;
    }

    /** Shows the entries of {@code area} (null clears). */
    public void selectArea(AreaSummary area) {
        if (area == selectedArea.get()) {
            return;
        }
        selectedArea.set(area);
        entries.setAll(area == null ? new LazyIndexList(0, 0) : new LazyIndexList(area.firstEntry(), (int) area.entries()));
    }

    /** Selects an entry (and the chunk it uses). */
    public void selectEntry(int entry) {
        if (entry >= 0 && entry != main.selection().entry()) {
            main.selection().selectEntry(entry);
        }
    }

    /** Finds the entry remapping old chunk {@code text}. */
    public void findOld(String text) {
        parse(text).ifPresent(old -> {
            ExceptionTable table = table();
            int entry = table == null ? -1 : table.lookupEntry(old);
            report(entry, "old chunk " + Long.toUnsignedString(old));
        });
    }

    /** Finds the entry whose new chunk is {@code text}. */
    public void findNew(String text) {
        parse(text).ifPresent(chunk -> {
            OpenedImage doc = main.document();
            int entry = doc == null ? -1 : doc.chunkMap().entryUsing(chunk);
            report(entry, "new chunk " + Long.toUnsignedString(chunk));
        });
    }

    private void report(int entry, String what) {
        if (entry < 0) {
            findResult.set("No entry for " + what);
            return;
        }
        findResult.set(what + ": " + table().locationOf(entry));
        main.selection().selectEntry(entry);
        revealEntry(entry);
    }

    private Optional<Long> parse(String text) {
        try {
            String t = text.trim();
            return Optional.of(t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t));
        } catch (NumberFormatException e) {
            findResult.set("Not a chunk number: '" + text + "'");
            return Optional.empty();
        }
    }

    private void revealEntry(int entry) {
        ExceptionTable table = table();
        if (entry < 0 || table == null || entry >= table.size()) {
            return;
        }
        long area = table.areaOf(entry);
        if (area < areas.size()) {
            selectArea(areas.get((int) area));
        }
    }

    private void load(OpenedImage doc) {
        selectArea(null);
        areas.clear();
        findResult.set("");
        if (doc == null) {
            return;
        }
        main.tasks().run(Job.<List<AreaSummary>>of("Summarising areas", progress -> AreaSummary.of(doc.image()))
                .onSuccess(rows -> {
                    if (main.document() == doc) {
                        areas.setAll(rows);
                        revealEntry(main.selection().entry());
                    }
                }));
    }
}
