package dev.cowscope.ui.monitor;

import dev.cowscope.ui.common.Widgets;
import dev.cowscope.ui.desktop.RememberedDirectory;
import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * The Monitor tab: open a recorded {@code dmsetup status} log (or drop one here) or attach to a live
 * snapshot; the fill over time with the thresholds and the predicted loss ahead of now; what
 * happened; a desktop notification, live, when a threshold is crossed or the loss comes closer than
 * the margin.
 */
public final class MonitorView extends BorderPane {
    public static final String TAB_ID = "monitor";

    private final MonitorViewModel model;
    private final FillChart chart = new FillChart();

    public MonitorView(MonitorViewModel model, RememberedDirectory directories, Runnable compareStrategies) {
        this.model = model;
        setId("monitor-view");
        setPadding(new Insets(10));

        Button open = Widgets.button("Open log…", "Read a recorded status log: lines of '<time> <dmsetup status line>' "
                + "(cowscope watch --record writes them); or drop the file here", () -> chooseLog(directories));
        open.setId("monitor-open");
        ComboBox<String> device = new ComboBox<>(model.snapshots());
        device.setEditable(true);
        device.setPromptText("snapshot: NAME or /dev/VG/LV");
        device.setTooltip(new Tooltip("The snapshot to watch live: a device-mapper name, /dev/mapper/NAME or an LVM path"));
        device.setId("monitor-device");
        Button refresh = Widgets.button("Snapshots", "List the snapshots the kernel has (needs root, like dmsetup)",
                model::refreshSnapshots);
        refresh.setId("monitor-refresh");
        Button attach = Widgets.button("Watch", "Poll the snapshot's status every interval and predict when it is lost",
                () -> model.attach(device.getEditor().getText().strip()));
        attach.setId("monitor-attach");
        attach.disableProperty().bind(model.liveProperty().or(device.getEditor().textProperty().isEmpty()));
        Button detach = Widgets.button("Stop", "Stop watching", model::detach);
        detach.setId("monitor-detach");
        detach.disableProperty().bind(model.liveProperty().not());
        TextField interval = Widgets.field("monitor-interval", model.intervalProperty(), "1s", 4);
        interval.setTooltip(new Tooltip("Time between samples: 1s, 500ms, 2m"));
        TextField margin = Widgets.field("monitor-margin", model.marginProperty(), "10m", 4);
        margin.setTooltip(new Tooltip("Notify when the predicted loss is closer than this: 10m, 1h"));
        // two groups that wrap onto a second line when the summary leaves the tab little width
        HBox live = new HBox(8, device, refresh, new Label("every"), interval, attach, detach, new Label("warn within"), margin);
        live.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.Node n : live.getChildren()) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        open.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane bar = new FlowPane(24, 6, open, live);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label source = new Label();
        source.textProperty().bind(model.sourceProperty());
        source.setId("monitor-source");
        Label headline = new Label();
        headline.textProperty().bind(model.headlineProperty());
        headline.getStyleClass().add("monitor-headline");
        headline.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em;");
        headline.setId("monitor-headline");
        Label snapshotsMessage = Widgets.message("monitor-snapshots-message", "hint", model.snapshotsMessageProperty(), true);
        VBox top = new VBox(6, bar, snapshotsMessage, source, headline);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        chart.setId("monitor-chart");
        setCenter(chart);

        ListView<String> events = new ListView<>(model.events());
        events.setId("monitor-events");
        events.setPrefWidth(300);
        events.setPlaceholder(new Label("Thresholds crossed and the loss appear here"));
        Label hint = new Label();
        hint.textProperty().bind(model.strategyHintProperty());
        hint.setWrapText(true);
        hint.setId("monitor-hint");
        Hyperlink compare = new Hyperlink("Compare strategies in the Merge tab");
        compare.setId("monitor-compare");
        compare.setOnAction(e -> compareStrategies.run());
        compare.visibleProperty().bind(model.strategyHintProperty().isNotEmpty());
        compare.managedProperty().bind(compare.visibleProperty());
        VBox side = new VBox(8, Widgets.section("What happened"), events, hint, compare);
        VBox.setVgrow(events, Priority.ALWAYS);
        side.setPadding(new Insets(0, 0, 0, 10));
        side.setPrefWidth(320);
        setRight(side);

        model.curveProperty().addListener((obs, was, now) -> redraw());
        model.noticeProperty().addListener((obs, was, n) -> notify(n));
        redraw();
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean done = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (done) {
                model.openLog(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    public MonitorViewModel model() {
        return model;
    }

    FillChart chart() {
        return chart;
    }

    private void redraw() {
        chart.show(model.curveProperty().get(), model.thresholds(), model.timeText()::apply);
    }

    private void chooseLog(RememberedDirectory directories) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a status log");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Status logs", "*.log", "*.txt"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = directories.showOpen(chooser, getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            model.openLog(chosen.toPath());
        }
    }

    private void notify(MonitorViewModel.Notice n) {
        if (n == null || getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return;
        }
        Notifications note = Notifications.create().title(n.title()).text(n.text()).owner(getScene().getWindow())
                .hideAfter(Duration.seconds(n.urgent() ? 30 : 8));
        if (n.urgent()) {
            note.showWarning();
        } else {
            note.showInformation();
        }
    }
}
