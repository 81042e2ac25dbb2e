package dev.cowscope.ui.summary;

import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/** A row of the summary's property sheet whose value follows the open image. */
final class SummaryItem implements PropertySheet.Item {
    private final String category;
    private final String name;
    private final String description;
    private final ReadOnlyStringWrapper value;

    SummaryItem(String category, String name, String description) {
        this.category = category;
        this.name = name;
        this.value = new ReadOnlyStringWrapper(this, name, "");
        this.description = description;
    }

    void showValue(String text) {
        value.set(text);
    }

    ReadOnlyStringProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    @Override
    public Class<?> getType() {
        return String.class;
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        return value.get();
    }

    @Override
    public void setValue(Object value) {
        // the editor is read-only
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(value.getReadOnlyProperty());
    }

    /** The sheet disables editors of non-editable items; ours stays enabled so its text can be copied. */
    @Override
    public boolean isEditable() {
        return true;
    }
}
