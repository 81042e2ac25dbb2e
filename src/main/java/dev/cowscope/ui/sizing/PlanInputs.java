package dev.cowscope.ui.sizing;

import dev.cowscope.format.Units;
import dev.cowscope.sizing.ChunkSizeRule;
import dev.cowscope.sizing.Margin;
import dev.cowscope.sizing.RoundingUnit;
import dev.cowscope.sizing.SizingPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the Plan tab's fields hold, as text the user typed, and the typed values read from it by
 * the same engine parsers as {@code cowscope size} (so the same text means the same in both).
 */
public final class PlanInputs {
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

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.CHANGED_CHUNKS);
    private final Map<Long, BooleanProperty> chunkSizes = new LinkedHashMap<>();
    private final StringProperty changedChunks = new SimpleStringProperty(this, "changedChunks", "1000");
    private final StringProperty originSize = new SimpleStringProperty(this, "originSize", "");
    private final StringProperty margin = new SimpleStringProperty(this, "margin", "");
    private final ObjectProperty<Rounding> rounding = new SimpleObjectProperty<>(this, "rounding", Rounding.SECTOR);
    private final StringProperty customRounding = new SimpleStringProperty(this, "customRounding", "1M");
    private final ObjectProperty<Long> cowBlockBytes = new SimpleObjectProperty<>(this, "cowBlockBytes", 512L);
    private final ObjectProperty<Long> originBlockBytes = new SimpleObjectProperty<>(this, "originBlockBytes", 512L);

    public PlanInputs() {
        for (long sectors : CANDIDATE_CHUNK_SIZES_SECTORS) {
            chunkSizes.put(sectors, new SimpleBooleanProperty(this, "chunk" + sectors, sectors >= FIRST_DEFAULT_CHUNK_SECTORS));
        }
    }

    /** Every input, for listening to changes. */
    List<Observable> all() {
        List<Observable> all = new ArrayList<>(List.of(mode, changedChunks, originSize, margin, rounding, customRounding,
                cowBlockBytes, originBlockBytes));
        all.addAll(chunkSizes.values());
        return all;
    }

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

    // ---- validation, shared with the view's decorations: the engine parser's own message

    /** Why {@code text} is not a count of changed chunks. */
    public static Optional<String> changedChunksError(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("Enter the number of distinct changed chunks");
        }
        return errorOf(() -> Units.parseCount(text));
    }

    /** Why {@code text} is not a size (empty is fine: unknown). */
    public static Optional<String> optionalSizeError(String text) {
        return text == null || text.isBlank() ? Optional.empty() : errorOf(() -> Units.parseBytes(text));
    }

    /** Why {@code text} is not a margin (empty is none). */
    public static Optional<String> marginError(String text) {
        return text == null || text.isBlank() ? Optional.empty() : errorOf(() -> Margin.parse(text));
    }

    /** Why {@code text} is not a rounding unit. */
    public static Optional<String> roundingError(String text) {
        return errorOf(() -> new RoundingUnit(Units.parseBytes(text)));
    }

    private static Optional<String> errorOf(Supplier<?> parse) {
        try {
            parse.get();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(PlanWording.capitalised(e.getMessage()));
        }
    }

    // ---- typed values; a bad field throws IllegalArgumentException naming it

    /** The chunk sizes ticked, smallest first. */
    List<Long> selectedChunkSizes() {
        List<Long> sizes = new ArrayList<>();
        chunkSizes.forEach((sectors, selected) -> {
            if (selected.get()) {
                sizes.add(sectors);
            }
        });
        return sizes;
    }

    /** The selected chunk sizes the kernel refuses with the current block sizes, each with its reason. */
    public Map<Long, String> refusedChunkSizes() {
        ChunkSizeRule rule = rule();
        Map<Long, String> refused = new LinkedHashMap<>();
        for (long sectors : selectedChunkSizes()) {
            rule.refusal(sectors).ifPresent(why -> refused.put(sectors, why));
        }
        return refused;
    }

    ChunkSizeRule rule() {
        return new ChunkSizeRule(cowBlockBytes.get(), originBlockBytes.get());
    }

    long changedChunks() {
        return field("Changed chunks", () -> Units.parseCount(changedChunks.get()));
    }

    long originBytes() {
        String text = originSize.get();
        return text == null || text.isBlank() ? 0 : field("Origin size", () -> Units.parseBytes(text));
    }

    Margin margin() {
        String text = margin.get();
        return text == null || text.isBlank() ? Margin.NONE : field("Margin", () -> Margin.parse(text));
    }

    RoundingUnit roundingUnit() {
        if (rounding.get() != Rounding.CUSTOM) {
            return new RoundingUnit(rounding.get().bytes());
        }
        return field("Rounding unit", () -> new RoundingUnit(Units.parseBytes(customRounding.get())));
    }

    private static <T> T field(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
