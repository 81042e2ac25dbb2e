package dev.cowscope.ui.common;

import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/** The small controls every view builds the same way. */
public final class Widgets {
    private Widgets() {
        throw new AssertionError("no instances");
    }

    /** A button that says what it does in a tooltip. */
    public static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** A button beside a map: it never takes the focus, so the arrow keys keep moving the map. */
    public static Button mapButton(String text, String tip, Runnable action) {
        Button b = button(text, tip, action);
        b.setFocusTraversable(false);
        return b;
    }

    /** A heading over a group of controls. */
    public static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    /** A text field bound both ways to {@code value}. */
    public static TextField field(String id, StringProperty value, String prompt, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    /**
     * A label that shows {@code text} in full, wrapping (it never cuts a sentence), with style
     * {@code styleClass}; when {@code hideWhenEmpty} it takes no room while the text is empty.
     */
    public static Label message(String id, String styleClass, ObservableStringValue text, boolean hideWhenEmpty) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.textProperty().bind(text);
        if (hideWhenEmpty) {
            label.visibleProperty().bind(label.textProperty().isNotEmpty());
            label.managedProperty().bind(label.visibleProperty());
        }
        return label;
    }

    /**
     * What a view says instead of its content while {@code shown}: a centred hint, for example to
     * open a COW, rather than an empty map that reads "0 chunks".
     */
    public static Label emptyHint(String id, String text, ObservableBooleanValue shown) {
        Label hint = new Label(text);
        hint.setId(id);
        hint.getStyleClass().add("empty-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        hint.visibleProperty().bind(shown);
        hint.setMouseTransparent(true);
        return hint;
    }

    /** A legend entry: a square of colour {@code argb} and its meaning. */
    public static Label swatch(int argb, String text) {
        return swatch(Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF), text);
    }

    /** A legend entry: a square of {@code colour} and its meaning. */
    public static Label swatch(Color colour, String text) {
        Rectangle square = new Rectangle(12, 12, colour);
        square.getStyleClass().add("swatch");
        Label label = new Label(text, square);
        label.getStyleClass().add("legend-entry");
        return label;
    }
}
