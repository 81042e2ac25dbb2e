package dev.cowscope.ui.start;

import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** What the window shows before anything is open. */
public final class StartView extends VBox {
    private final VBox recent = new VBox();
    private boolean recentStale = true;
    private final HBox tools = new HBox();

    public StartView(StartViewModel model, Runnable openFile) {
        getStyleClass().add("start-view");
        setId("start");
        setAlignment(Pos.CENTER);
        Label title = new Label("CowScope");
        title.getStyleClass().add("start-title");
        Label subtitle = new Label("Inspect a dm-snapshot COW device or an Android Virtual A/B COW file: how full it is, where the data sits, what is wrong.");
        subtitle.getStyleClass().add("dim");
        subtitle.setWrapText(true);
        Button open = new Button("Open COW image…");
        open.setId("start-open");
        open.setDefaultButton(true);
        open.setTooltip(new Tooltip("A dm-snapshot COW (a file, a .gz/.xz/.zst image or a /dev/mapper/*-cow device) or an Android COW file (Ctrl+O); you can also drop a file here"));
        open.setOnAction(e -> openFile.run());
        Button sample = new Button("Open sample");
        sample.setId("start-sample");
        sample.setTooltip(new Tooltip("The bundled kernel-made sample (1000 scattered chunks, chunk size 8), with its origin"));
        sample.setOnAction(e -> model.openSample());
        HBox buttons = new HBox(open, sample);
        buttons.getStyleClass().add("start-buttons");
        buttons.setAlignment(Pos.CENTER);
        Label recentTitle = new Label("Recent files");
        recentTitle.getStyleClass().add("section-title");
        recent.getStyleClass().add("recent-files");
        recent.setAlignment(Pos.CENTER);
        // refilled only while shown: behind an open image a hidden page still costs CSS, layout and
        // a repaint of the whole window area it covers, each time an open adds a recent file
        model.recentFiles().addListener((javafx.collections.ListChangeListener<Path>) c -> {
            recentStale = true;
            fillRecentIfShown(model);
        });
        visibleProperty().addListener((obs, was, shown) -> fillRecentIfShown(model));
        fillRecentIfShown(model);
        Label drop = new Label("Drop a COW image or an Android COW file anywhere on this window to open it.");
        drop.getStyleClass().add("dim");
        Label toolsTitle = new Label("Planning tools (no image needed)");
        toolsTitle.getStyleClass().add("section-title");
        tools.getStyleClass().add("start-tools");
        tools.setAlignment(Pos.CENTER);
        toolsTitle.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(tools.getChildren()));
        toolsTitle.managedProperty().bind(toolsTitle.visibleProperty());
        getChildren().addAll(title, subtitle, buttons, recentTitle, recent, drop, toolsTitle, tools);
    }

    /** Lists a planning tool that works without an image (the window adds its tabs that need none). */
    public void addTool(String id, String title, Runnable show) {
        Button button = new Button(title);
        button.setId("start-tool-" + id);
        button.setTooltip(new Tooltip("Open the " + title + " tool; it needs no COW image"));
        button.setOnAction(e -> show.run());
        tools.getChildren().add(button);
    }

    private void fillRecentIfShown(StartViewModel model) {
        if (!recentStale || !isVisible()) {
            return;
        }
        recentStale = false;
        recent.getChildren().clear();
        if (model.recentFiles().isEmpty()) {
            Label none = new Label("None yet");
            none.getStyleClass().add("dim");
            recent.getChildren().add(none);
        }
        for (Path path : model.recentFiles()) {
            Hyperlink link = new Hyperlink(path.toString());
            link.setTooltip(new Tooltip("Open " + path));
            link.setOnAction(e -> model.openRecent(path));
            recent.getChildren().add(link);
        }
    }
}
