package dev.cowscope.ui.android;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowHeader;
import dev.cowscope.android.AndroidCowOps;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.android.CompressionFigures;
import dev.cowscope.format.Finding;
import dev.cowscope.format.Units;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedAndroidCow;
import dev.cowscope.ui.map.ChunkCells;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Android COW tab: the summary (header under AOSP's names, compression, labels, resume points, op
 * counts, findings), the target partition's block map, the ops table with find, and the compression
 * figures. Everything reads the parse the open already made; nothing here touches the file.
 */
public final class AndroidCowViewModel {
    private static final Pattern OP = Pattern.compile("(?:op|#)\\s*(\\d+)");
    private static final Pattern BLOCK = Pattern.compile("(?:block\\s*)?(\\d+)");
    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<OpenedAndroidCow> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final ReadOnlyObjectWrapper<ChunkCells> cells = new ReadOnlyObjectWrapper<>(this, "cells");
    private final ObservableList<SummaryRow> summary = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<LegendEntry> legend = FXCollections.observableArrayList();
    private final ObservableList<CompressionFigures> compression = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper selectedOp = new ReadOnlyIntegerWrapper(this, "selectedOp", -1);
    private final StringProperty findText = new SimpleStringProperty(this, "findText", "");
    private final ReadOnlyStringWrapper findMessage = new ReadOnlyStringWrapper(this, "findMessage", "");
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper(this, "refusal", "");

    public AndroidCowViewModel(MainViewModel main) {
        this.main = main;
        main.androidDocumentProperty().addListener((obs, was, now) -> show(now));
        show(main.androidDocument());
    }

    public ReadOnlyObjectProperty<OpenedAndroidCow> documentProperty() {
        return document.getReadOnlyProperty();
    }

    /** The block map's cells (null with no Android COW open). */
    public ReadOnlyObjectProperty<ChunkCells> cellsProperty() {
        return cells.getReadOnlyProperty();
    }

    public ObservableList<SummaryRow> summary() {
        return summary;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public ObservableList<LegendEntry> legend() {
        return legend;
    }

    public ObservableList<CompressionFigures> compression() {
        return compression;
    }

    /** The op selected in the table (or found, or clicked in the map), -1 for none. */
    public ReadOnlyIntegerProperty selectedOpProperty() {
        return selectedOp.getReadOnlyProperty();
    }

    public StringProperty findTextProperty() {
        return findText;
    }

    /** Why the last find found nothing, else empty. */
    public ReadOnlyStringProperty findMessageProperty() {
        return findMessage.getReadOnlyProperty();
    }

    /** Why AOSP's reader refuses the open file, in a sentence over the map and the ops; empty when it reads it. */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    public int opCount() {
        OpenedAndroidCow doc = document.get();
        return doc == null ? 0 : doc.cow().ops().size();
    }

    public void selectOp(int op) {
        selectedOp.set(op >= 0 && op < opCount() ? op : -1);
    }

    /** A click in the map: the op the block reads from, and what it is in the status bar. */
    public void selectBlock(long block) {
        OpenedAndroidCow doc = document.get();
        if (doc == null) {
            return;
        }
        int op = doc.blocks().opAt(block);
        selectOp(op);
        main.reportStatus(describe(block, 1).replace('\n', ' '));
    }

    /**
     * Find: {@code op 17} (or {@code #17}) selects that op; {@code 1234} or {@code block 1234} the op the
     * target block reads from.
     */
    public void find() {
        OpenedAndroidCow doc = document.get();
        String typed = findText.get() == null ? "" : findText.get().strip().toLowerCase(Locale.ROOT);
        findMessage.set("");
        if (doc == null || typed.isEmpty()) {
            return;
        }
        Matcher op = OP.matcher(typed);
        Matcher block = BLOCK.matcher(typed);
        try {
            if (op.matches()) {
                long index = Long.parseLong(op.group(1));
                if (index >= opCount()) {
                    findMessage.set("There are " + opCount() + " ops (0 – " + (opCount() - 1) + ")");
                    return;
                }
                selectOp((int) index);
            } else if (block.matches()) {
                long b = Long.parseLong(block.group(1));
                int at = doc.blocks().opAt(b);
                if (at < 0) {
                    findMessage.set("No op writes block " + Formats.grouped(b) + ": the partition reads it from the source");
                    return;
                }
                selectOp(at);
            } else {
                findMessage.set("Type a block number (1234 or block 1234) or an op (op 17 or #17)");
            }
        } catch (NumberFormatException e) {
            findMessage.set("That number is too large");
        }
    }

    /** The hover text of a map cell: the op a block reads from, or what a range of blocks holds. */
    public String describe(long first, long blocks) {
        OpenedAndroidCow doc = document.get();
        if (doc == null || first < 0) {
            return "";
        }
        if (blocks > 1) {
            int[] counts = new int[AndroidBlockRole.values().length];
            cells.get().countRoles(first, first + blocks, counts);
            StringBuilder text = new StringBuilder("blocks ").append(Formats.grouped(first)).append(" – ")
                    .append(Formats.grouped(first + blocks - 1));
            for (AndroidBlockRole role : AndroidBlockRole.values()) {
                if (counts[role.ordinal()] > 0) {
                    text.append('\n').append(role.label()).append(": ").append(Formats.grouped(counts[role.ordinal()]));
                }
            }
            return text.toString();
        }
        int op = doc.blocks().opAt(first);
        String head = "block " + Formats.grouped(first);
        return op < 0 ? head + "\nuntouched: read from the source partition" : head + "\n" + describeOp(doc.cow(), op);
    }

    /** One op in words: its index, type and where its block comes from. */
    static String describeOp(AndroidCow cow, int i) {
        AndroidCowOps ops = cow.ops();
        StringBuilder text = new StringBuilder("op ").append(i).append(": ").append(AndroidOpType.name(ops.type(i)));
        if (cow.blocksCovered(i) > 1) {
            text.append(" of ").append(cow.blocksCovered(i)).append(" blocks from ").append(Formats.grouped(ops.newBlock(i)));
        }
        if (cow.copySourceBlock(i) >= 0) {
            text.append(" from source block ").append(Formats.grouped(cow.copySourceBlock(i)));
        } else if (cow.xorSourceOffset(i) >= 0) {
            text.append(" over source bytes at ").append(Formats.grouped(cow.xorSourceOffset(i)));
        }
        if (ops.dataOffset(i) >= 0) {
            text.append("\n").append(Formats.grouped(ops.dataLength(i))).append(" bytes ").append(cow.compressionOf(i))
                    .append(" at ").append(Formats.grouped(ops.dataOffset(i)));
        }
        return text.toString();
    }

    private void show(OpenedAndroidCow doc) {
        document.set(doc);
        selectedOp.set(-1);
        findMessage.set("");
        if (doc == null) {
            refusal.set("");
            cells.set(null);
            summary.clear();
            findings.clear();
            legend.clear();
            compression.clear();
            return;
        }
        AndroidCow cow = doc.cow();
        refusal.set(doc.aospReadsIt() ? "" : "AOSP's reader refuses this file (" + doc.aospError() + "): below are the "
                + Formats.grouped(cow.ops().size()) + " ops read before that, for forensics; no partition reads them as they are."
                + (cow.version() < 3 && cow.footer() == null ? " A v2 file without a footer is read up to a label: cowscope ops --label N." : ""));
        AndroidBlockCells c = new AndroidBlockCells(doc.blocks(), cow.ops());
        cells.set(c);
        summary.setAll(summaryOf(doc));
        findings.setAll(doc.merge().findingsAfter(cow));
        long[] byRole = AndroidBlockCells.byRole(doc.blocks(), 0, doc.blocks().blockCount());
        List<LegendEntry> entries = new ArrayList<>();
        for (AndroidBlockRole role : AndroidBlockRole.values()) {
            if (role != AndroidBlockRole.UNKNOWN || byRole[role.ordinal()] > 0) { // the unknown role only when there is one
                entries.add(new LegendEntry(role, byRole[role.ordinal()]));
            }
        }
        legend.setAll(entries);
        compression.setAll(CompressionFigures.of(cow));
    }

    private static List<SummaryRow> summaryOf(OpenedAndroidCow doc) {
        AndroidCow cow = doc.cow();
        AndroidCowHeader h = cow.rawHeader();
        List<SummaryRow> rows = new ArrayList<>();
        rows.add(new SummaryRow("Format", "Android COW v" + h.majorVersion() + "." + h.minorVersion() + " (" + cow.formatName() + ")",
                "libsnapshot_cow: version 2 from Android 12, version 3 from Android 15"));
        rows.add(new SummaryRow("Size", Units.human(cow.sizeBytes()) + " (" + Formats.grouped(cow.sizeBytes()) + " bytes)", null));
        rows.add(new SummaryRow("AOSP reads it", doc.aospReadsIt() ? "yes" : "no: " + doc.aospError(),
                "Whether AOSP's CowReader parses the file, merge preparation included (as snapuserd would before serving or merging it)"));
        if (doc.aospReadsIt()) {
            rows.add(new SummaryRow("Merge order", doc.merge().numTotalDataOps() + " steps; VerifyMergeOps: "
                    + (doc.merge().verifyOk() ? "consistent" : "inconsistent"), doc.merge().kind().description()));
        }
        rows.add(new SummaryRow("Compression", AndroidOpType.compressionName(cow.header().compressionAlgorithm()),
                cow.version() >= 3 ? "From the header" : "v2 keeps it per op; AOSP derives the file's from its ops"));
        rows.add(new SummaryRow("Ops", Formats.grouped(cow.ops().size()) + opCounts(cow), null));
        rows.add(new SummaryRow("Target blocks", Formats.grouped(doc.blocks().writtenBlocks()) + " written, up to block "
                + Formats.grouped(Math.max(0, doc.blocks().blockCount() - 1)), "Blocks of the updated partition some op writes"));
        if (cow.footer() != null) {
            rows.add(new SummaryRow("Footer", Formats.grouped(cow.footer().numOps()) + " ops, " + Formats.grouped(cow.footer().opsSize())
                    + " bytes of ops", null));
        } else if (cow.version() < 3) {
            rows.add(new SummaryRow("Footer", "none", "A v2 file without a footer was not finalized: AOSP reads it only up to a label"));
        }
        cow.lastLabel().ifPresent(l -> rows.add(new SummaryRow("Last label", Long.toUnsignedString(l), null)));
        if (cow.version() >= 3) {
            String points = cow.resumePoints().isEmpty() ? "none" : cow.resumePoints().stream()
                    .map(p -> "label " + Long.toUnsignedString(p.label()) + " @ op " + Long.toUnsignedString(p.opIndex()))
                    .collect(Collectors.joining(", "));
            rows.add(new SummaryRow("Resume points", points, "Where a resumed write (or Parse at a label) goes back to"));
        }
        for (Map.Entry<String, Object> f : h.aospFields().entrySet()) {
            rows.add(new SummaryRow(f.getKey(), String.valueOf(f.getValue()), "Header field, as AOSP names it"));
        }
        return rows;
    }

    private static String opCounts(AndroidCow cow) {
        String counts = cow.opCounts().entrySet().stream().filter(e -> e.getValue() > 0 && !e.getKey().equals("FOOTER"))
                .map(e -> e.getKey() + " " + Formats.grouped(e.getValue())).collect(Collectors.joining(", "));
        return counts.isEmpty() ? "" : " (" + counts + ")";
    }

    /** A line of the summary: name, value, and what it means (tooltip) or null. */
    public record SummaryRow(String name, String value, String tip) {
    }

    /** A role of the block map and how many blocks have it. */
    public record LegendEntry(AndroidBlockRole role, long blocks) {
    }
}
