package dev.cowscope.ui.summary;

import java.util.Optional;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/** A read-only row of the summary's property sheet. */
final class SummaryItem implements PropertySheet.Item {
    private final String category;
    private final String name;
    private final String value;
    private final String description;

    SummaryItem(String category, String name, String value, String description) {
        this.category = category;
        this.name = name;
        this.value = value;
        this.description = description;
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
        return value;
    }

    @Override
    public void setValue(Object value) {
        // read-only
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.empty();
    }

    @Override
    public boolean isEditable() {
        return false;
    }
}
