package dev.cowscope.ui.about;

import dev.cowscope.ui.desktop.AppIcons;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Help ▸ About: the icon, name, version, licence and links. */
public final class AboutDialog {
    private AboutDialog() {
        throw new AssertionError("no instances");
    }

    /** Builds (does not show) the dialog; links go to {@code openLink}. */
    public static Dialog<Void> create(Window owner, AboutInfo info, Consumer<String> openLink) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("About " + info.name());
        Label name = new Label(info.name());
        name.getStyleClass().add("about-title");
        name.setStyle("-fx-font-size: 1.8em; -fx-font-weight: bold;");
        Label version = new Label("Version " + info.version());
        version.setId("about-version");
        Label summary = new Label(info.summary());
        summary.setWrapText(true);
        summary.setMaxWidth(380);
        Label licence = new Label("Licence: " + info.licence());
        licence.setId("about-licence");
        VBox text = new VBox(6, name, version, summary, licence);
        for (AboutInfo.Link link : info.links()) {
            Hyperlink h = new Hyperlink(link.text());
            h.setPadding(Insets.EMPTY);
            h.setOnAction(e -> openLink.accept(link.url()));
            h.setTooltip(new javafx.scene.control.Tooltip(link.url()));
            text.getChildren().add(h);
        }
        Label runtime = new Label(info.runtime());
        runtime.getStyleClass().add("dim");
        text.getChildren().add(runtime);
        HBox content = new HBox(18);
        content.setAlignment(Pos.TOP_LEFT);
        content.setPadding(new Insets(8, 8, 0, 8));
        Image icon = AppIcons.of(128);
        if (icon != null) {
            ImageView view = new ImageView(icon);
            view.setFitWidth(96);
            view.setFitHeight(96);
            view.setSmooth(true);
            content.getChildren().add(view);
        }
        content.getChildren().add(text);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("about-dialog");
        dialog.getDialogPane().getStyleClass().add("about-dialog");
        return dialog;
    }
}
