package dev.cowscope.ui.sizing;

import dev.cowscope.android.AndroidCowSize;
import dev.cowscope.format.Units;
import dev.cowscope.sizing.AndroidPairPlan;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.Widgets;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Plan tab's Android part: the writer's options and Estimate on the inputs side; on the results side what
 * the estimate is and the COW's areas as the writer's {@code GetCowSizeInfo} splits them, then AOSP's allocation.
 */
final class AndroidEstimateView {
    private final AndroidEstimate model;
    /** The results, folded until asked for. */
    private final TitledPane pane = new TitledPane();

    AndroidEstimateView(AndroidEstimate model) {
        this.model = model;
    }

    /** Version, compression, compression factor, Estimate. */
    GridPane inputs() {
        ComboBox<Integer> version = new ComboBox<>(FXCollections.observableArrayList(2, 3));
        version.setId("plan-android-version");
        version.setConverter(converter(v -> "v" + v + (v == 2 ? " (12–14)" : " (15 on)")));
        version.valueProperty().bindBidirectional(model.versionProperty());
        version.setTooltip(new Tooltip("The libsnapshot_cow writer: version 2 from Android 12, version 3 from Android 15"));
        ComboBox<String> compression = new ComboBox<>(FXCollections.observableArrayList(AndroidEstimate.COMPRESSIONS));
        compression.setId("plan-android-compression");
        compression.valueProperty().bindBidirectional(model.compressionProperty());
        compression.setTooltip(new Tooltip("CowOptions.compression, as the writer compresses (lz4, zstd level 3, gz level 9); "
                + "brotli is not offered: there is no Java encoder. With a ranges file every block is counted raw."));
        ComboBox<Long> factor = new ComboBox<>(FXCollections.observableArrayList(AndroidEstimate.FACTORS));
        factor.setId("plan-android-factor");
        factor.setConverter(converter(bytes -> Units.compact(bytes)));
        factor.valueProperty().bindBidirectional(model.factorProperty());
        factor.disableProperty().bind(model.versionProperty().isEqualTo(2));
        factor.setTooltip(new Tooltip("v3: the largest op, a power of two times the 4K block (v2 writes one op per block)"));
        Button estimate = new Button("Estimate");
        estimate.setId("plan-android-estimate");
        estimate.setMinWidth(Region.USE_PREF_SIZE);
        estimate.setTooltip(new Tooltip("Size the Android COW for this change (two images: a second pass over both, "
                + "with progress and Cancel in the status bar)"));
        estimate.disableProperty().bind(model.runningProperty());
        estimate.setOnAction(e -> {
            pane.setExpanded(true); // what happens (or why nothing can) shows there
            model.estimate();
        });

        GridPane grid = new GridPane();
        grid.getStyleClass().add("plan-grid");
        int r = 0;
        grid.add(PlanView.label("Writer", version), 0, r);
        grid.add(version, 1, r++);
        grid.add(PlanView.label("Compression", compression), 0, r);
        grid.add(compression, 1, r++);
        grid.add(PlanView.label("Largest op", factor), 0, r);
        grid.add(factor, 1, r++);
        grid.add(estimate, 0, r);
        return grid;
    }

    /** Folded to one line until estimated; then the summary, the areas and the allocation. */
    VBox results() {
        Label summary = Widgets.message("plan-android-summary", "plan-note", model.summaryProperty(), true);
        GridPane areas = new GridPane();
        areas.setId("plan-android-areas");
        areas.getStyleClass().add("plan-grid");
        List<String> names = List.of("header", "scratch", "sequence", "resume", "ops", "data", "footer", "cow_size",
                "+1 % (update_engine)", "device (+2 MiB, 4K)", "allocate");
        List<String> ids = List.of("header", "scratch", "sequence", "resume", "ops", "data", "footer", "cow-size", "manifest",
                "device", "allocate");
        for (int k = 0; k < names.size(); k++) {
            int field = k;
            Label name = new Label(names.get(k));
            name.getStyleClass().add("dim");
            Label value = new Label();
            value.setId("plan-android-" + ids.get(k));
            value.textProperty().bind(Bindings.createStringBinding(() -> text(model.resultProperty().get(), field), model.resultProperty()));
            // three columns of name: value pairs, four rows (the table above keeps its room)
            areas.add(name, (k / 4) * 2, k % 4);
            areas.add(value, (k / 4) * 2 + 1, k % 4);
        }
        areas.visibleProperty().bind(model.resultProperty().isNotNull());
        areas.managedProperty().bind(areas.visibleProperty());
        VBox content = new VBox(summary, areas);
        content.getStyleClass().add("plan-android");
        // folded until there is an estimate: the dm plan's table above keeps its room in a small window
        pane.setId("plan-android");
        pane.setContent(content);
        pane.setExpanded(false);
        pane.setAnimated(false);
        pane.textProperty().bind(Bindings.createStringBinding(() -> model.resultProperty().get() == null
                ? "Android Virtual A/B COW of this change"
                : "Android Virtual A/B COW of this change: allocate " + Units.human(model.resultProperty().get().rows().get(0).allocationBytes()),
                model.resultProperty()));
        model.resultProperty().addListener((o, was, now) -> {
            if (now != null) {
                pane.setExpanded(true);
            }
        });
        return new VBox(pane);
    }

    private static String text(AndroidPairPlan plan, int field) {
        if (plan == null) {
            return "";
        }
        AndroidPairPlan.Row row = plan.rows().get(0);
        AndroidCowSize s = row.size();
        long bytes = switch (field) {
            case 0 -> s.headerBytes();
            case 1 -> s.scratchBytes();
            case 2 -> s.sequenceBytes();
            case 3 -> s.resumeBytes();
            case 4 -> s.opBytes();
            case 5 -> s.dataBytes();
            case 6 -> s.footerBytes();
            case 7 -> s.cowSizeBytes();
            case 8 -> row.manifestBytes();
            case 9 -> row.deviceBytes();
            default -> row.allocationBytes();
        };
        String sized = Formats.grouped(bytes) + " B";
        return field >= 7 ? sized + " · " + Units.human(bytes) : sized;
    }

    private static <T> StringConverter<T> converter(Function<T, String> show) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : show.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }
}
