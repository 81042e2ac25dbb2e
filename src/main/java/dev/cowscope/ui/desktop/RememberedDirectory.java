package dev.cowscope.ui.desktop;

import dev.cowscope.ui.common.AppPreferences;
import java.io.File;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Every file chooser starts where the last one ended: the directory is kept in the
 * preferences, so it survives a restart. Use it for each chooser the window shows.
 */
public final class RememberedDirectory {
    private final AppPreferences preferences;

    public RememberedDirectory(AppPreferences preferences) {
        this.preferences = preferences;
    }

    /** {@code chooser.showOpenDialog} from the remembered directory; remembers the file's directory. */
    public File showOpen(FileChooser chooser, Window owner) {
        prepare(chooser);
        return remember(chooser.showOpenDialog(owner));
    }

    /** {@code chooser.showSaveDialog} from the remembered directory; remembers the file's directory. */
    public File showSave(FileChooser chooser, Window owner) {
        prepare(chooser);
        return remember(chooser.showSaveDialog(owner));
    }

    /** Sets the chooser's initial directory to the remembered one when it still exists. */
    public void prepare(FileChooser chooser) {
        if (chooser.getInitialDirectory() == null) {
            preferences.lastDirectory().map(java.nio.file.Path::toFile).filter(File::isDirectory)
                    .ifPresent(chooser::setInitialDirectory);
        }
    }

    /** Records the directory of {@code chosen} (null: nothing chosen, nothing remembered). */
    public File remember(File chosen) {
        if (chosen != null) {
            File parent = chosen.getAbsoluteFile().getParentFile();
            if (parent != null) {
                preferences.saveLastDirectory(parent.toPath());
            }
        }
        return chosen;
    }
}
