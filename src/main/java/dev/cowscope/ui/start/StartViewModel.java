package dev.cowscope.ui.start;

import dev.cowscope.ui.document.MainViewModel;
import java.nio.file.Path;
import javafx.collections.ObservableList;

/** The start page: open a file, open the sample, reopen a recent file. */
public final class StartViewModel {
    private final MainViewModel main;

    public StartViewModel(MainViewModel main) {
        this.main = main;
    }

    public ObservableList<Path> recentFiles() {
        return main.recentFiles();
    }

    public void openSample() {
        main.openSample();
    }

    public void openRecent(Path path) {
        main.open(path);
    }
}
