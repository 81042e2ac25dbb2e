package dev.cowscope.ui.document;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * What the user has picked, shared by the views: a COW chunk (map, inspector) and an exception
 * entry (areas table). -1 means nothing. Changed only on the FX thread.
 */
public final class InspectorSelection {
    private final ReadOnlyLongWrapper chunk = new ReadOnlyLongWrapper(this, "chunk", -1);
    private final ReadOnlyIntegerWrapper entry = new ReadOnlyIntegerWrapper(this, "entry", -1);

    public ReadOnlyLongProperty chunkProperty() {
        return chunk.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty entryProperty() {
        return entry.getReadOnlyProperty();
    }

    public long chunk() {
        return chunk.get();
    }

    public int entry() {
        return entry.get();
    }

    public void selectChunk(long chunkIndex) {
        chunk.set(chunkIndex);
    }

    public void selectEntry(int entryIndex) {
        entry.set(entryIndex);
    }

    public void clear() {
        chunk.set(-1);
        entry.set(-1);
    }
}
