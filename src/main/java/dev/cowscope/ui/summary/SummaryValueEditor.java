package dev.cowscope.ui.summary;

import javafx.scene.Node;
import javafx.scene.control.TextField;
import org.controlsfx.property.editor.PropertyEditor;

/** Read-only text that follows its row's value and can be selected and copied. */
final class SummaryValueEditor implements PropertyEditor<Object> {
    private final TextField field = new TextField();

    SummaryValueEditor(SummaryItem item) {
        field.setEditable(false);
        field.getStyleClass().add("summary-value");
        field.textProperty().bind(item.valueProperty());
    }

    @Override
    public Node getEditor() {
        return field;
    }

    @Override
    public Object getValue() {
        return field.getText();
    }

    @Override
    public void setValue(Object value) {
        // bound to the item's value
    }
}
