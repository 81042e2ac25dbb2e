package dev.cowscope.ui.document;

import dev.cowscope.format.BlockSources;
import dev.cowscope.format.Finding;
import dev.cowscope.format.Location;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Place;
import dev.cowscope.format.Units;
import dev.cowscope.report.Sample;
import dev.cowscope.ui.common.AppPreferences;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import dev.cowscope.ui.document.AttachedOrigin;
import dev.cowscope.ui.document.ImageOpener;
import dev.cowscope.ui.document.InspectorSelection;
import dev.cowscope.ui.document.OpenedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's state: the open image, the attached origin, the selection, recent files, and
 * the commands of the File menu. Parsing runs through the {@link TaskRunner}; failures go to
 * the {@link DialogService}.
 */
public final class MainViewModel {
    /** Tab ids the model can ask the window to show. */
    public static final String CHUNK_MAP_TAB = "chunk-map";
    public static final String ALIGNMENT_TAB = "alignment";
    public static final String ANDROID_TAB = "android-cow";

    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final AppPreferences preferences;
    private final ImageOpener opener;
    private final InspectorSelection selection = new InspectorSelection();
    private final ReadOnlyObjectWrapper<OpenedImage> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final ReadOnlyObjectWrapper<OpenedAndroidCow> androidDocument = new ReadOnlyObjectWrapper<>(this, "androidDocument");
    private final ReadOnlyObjectWrapper<AttachedOrigin> origin = new ReadOnlyObjectWrapper<>(this, "origin");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Open a COW image to begin");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "CowScope");
    private final ReadOnlyObjectWrapper<String> requestedTab = new ReadOnlyObjectWrapper<>(this, "requestedTab");
    private final ReadOnlyBooleanWrapper toolsShown = new ReadOnlyBooleanWrapper(this, "toolsShown");
    private final StringProperty tableChunkSize = new SimpleStringProperty(this, "tableChunkSize", "");
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final ObservableList<Path> recentFilesView = FXCollections.unmodifiableObservableList(recentFiles);
    private TaskRunner.Cancellable running = TaskRunner.Cancellable.DONE;

    public MainViewModel(TaskRunner tasks, DialogService dialogs, AppPreferences preferences, ImageOpener opener) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.opener = opener;
        recentFiles.setAll(preferences.recentFiles());
        document.addListener((obs, was, now) -> showTitle());
        androidDocument.addListener((obs, was, now) -> showTitle());
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public InspectorSelection selection() {
        return selection;
    }

    public ReadOnlyObjectProperty<OpenedImage> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public OpenedImage document() {
        return document.get();
    }

    /** The open Android COW file, or null (at most one of this and {@link #document()} is set). */
    public ReadOnlyObjectProperty<OpenedAndroidCow> androidDocumentProperty() {
        return androidDocument.getReadOnlyProperty();
    }

    public OpenedAndroidCow androidDocument() {
        return androidDocument.get();
    }

    private void showTitle() {
        OpenedDocument open = document.get() != null ? document.get() : androidDocument.get();
        title.set(open == null ? "CowScope" : open.displayName() + " — CowScope");
    }

    public ReadOnlyObjectProperty<AttachedOrigin> originProperty() {
        return origin.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** A tab the window should bring forward (set after "go to"), or null. */
    public ReadOnlyObjectProperty<String> requestedTabProperty() {
        return requestedTab.getReadOnlyProperty();
    }

    /** The tabs are shown without an image because a planning tool was asked for. */
    public ReadOnlyBooleanProperty toolsShownProperty() {
        return toolsShown.getReadOnlyProperty();
    }

    /** Shows the tabs even with no image open (for the planning tools). */
    /** Back to the start page when no COW is open (View ▸ Start page). */
    public void hideTools() {
        toolsShown.set(false);
    }

    public void showTools() {
        toolsShown.set(true);
    }

    /** The snapshot table's chunk size ("8", "4K", "8s"; empty = from the header). */
    public StringProperty tableChunkSizeProperty() {
        return tableChunkSize;
    }

    public ObservableList<Path> recentFiles() {
        return recentFilesView;
    }

    /** File ▸ Open recent ▸ Clear recent. */
    public void clearRecentFiles() {
        preferences.clearRecentFiles();
        recentFiles.clear();
    }

    /** What the window remembers (theme, last directory); the same node the model keeps recent files in. */
    public AppPreferences preferences() {
        return preferences;
    }

    /** Opens {@code path} as a COW image, replacing the current one when it succeeds. */
    public void open(Path path) {
        ParseOptions options;
        try {
            options = parseOptions();
        } catch (IllegalArgumentException e) {
            dialogs.showError("Bad table chunk size", e.getMessage(), null);
            return;
        }
        openWith(path, options, null);
    }

    /** Opens the bundled kernel-made sample and attaches its origin. */
    public void openSample() {
        Path cow;
        Path originPath;
        try {
            cow = Sample.cow();
            originPath = Sample.origin();
        } catch (RuntimeException e) {
            dialogs.showError("Cannot open the sample", e.getMessage(), e);
            return;
        }
        tableChunkSize.set(Sample.chunkSizeSectors() + "s");
        openWith(cow, ParseOptions.DEFAULT.withTableChunkSize(Sample.chunkSizeSectors()), originPath);
    }

    private void openWith(Path path, ParseOptions options, Path originToAttach) {
        cancel();
        busy.set(true);
        status.set("Opening " + path + " …");
        running = tasks.run(Job.of("Opening " + path.getFileName(), progress -> {
            OpenedDocument openedDocument = opener.open(path, options, progress);
            if (openedDocument instanceof OpenedAndroidCow android) {
                return new Opened(null, null, android);
            }
            OpenedImage opened = (OpenedImage) openedDocument;
            AttachedOrigin attached = null;
            if (originToAttach != null) {
                try {
                    attached = new AttachedOrigin(originToAttach, BlockSources.open(originToAttach, progress));
                } catch (IOException | RuntimeException e) {
                    opened.close();
                    throw e;
                }
            }
            return new Opened(opened, attached, null);
        }).onSuccess(result -> {
            busy.set(false);
            replaceDocument(result.image(), result.origin());
            OpenedAndroidCow oldAndroid = androidDocument.get();
            androidDocument.set(result.android());
            closeQuietly(oldAndroid);
            if (originToAttach == null) {
                List<Path> recent = preferences.addRecentFile(path);
                recentFiles.setAll(recent);
            }
            if (result.android() != null) {
                status.set(describe(result.android()));
                showTools(); // the Android COW has its own tab; the dm-snapshot tabs stay disabled
                requestedTab.set(null);
                requestedTab.set(ANDROID_TAB);
            } else {
                status.set(describe(result.image()));
            }
        }).onFailure(error -> {
            busy.set(false);
            status.set("Could not open " + path.getFileName());
            dialogs.showError("Cannot open " + path.getFileName(), error);
        }).onCancelled(() -> {
            busy.set(false);
            status.set("Opening " + path.getFileName() + " was cancelled");
        }));
    }

    /** Attaches the origin device (enables the origin map's true size and the snapshot-view export). */
    public void attachOrigin(Path path) {
        if (document.get() == null) {
            dialogs.showError("No COW image open", "Open a COW image before attaching its origin.", null);
            return;
        }
        busy.set(true);
        status.set("Attaching origin " + path + " …");
        running = tasks.run(Job.of("Attaching origin " + path.getFileName(),
                progress -> new AttachedOrigin(path, BlockSources.open(path, progress)))
                .onSuccess(attached -> {
                    busy.set(false);
                    closeQuietly(origin.get());
                    origin.set(attached);
                    status.set("Origin " + path.getFileName() + " attached (" + Units.human(attached.sizeBytes()) + ")");
                })
                .onFailure(error -> {
                    busy.set(false);
                    status.set("Could not attach " + path.getFileName());
                    dialogs.showError("Cannot attach origin " + path.getFileName(), error);
                })
                .onCancelled(() -> {
                    busy.set(false);
                    status.set("Attaching the origin was cancelled");
                }));
    }

    /** Cancels the running open or attach. */
    public void cancel() {
        running.cancel();
        running = TaskRunner.Cancellable.DONE;
    }

    /** Jumps to a finding: its chunk in the map, its entry in the areas table. */
    public void goTo(Finding finding) {
        if (finding != null) {
            goTo(finding.location());
        }
    }

    /**
     * Go to…: jumps to a location typed in the form findings print; a text that is no location
     * is said in a dialog, with the forms that are.
     */
    public void goTo(String typed) {
        if (document.get() == null || typed == null || typed.isBlank()) {
            return;
        }
        Location.parse(typed).ifPresentOrElse(this::goTo, () -> dialogs.showError("Cannot go to \u201c" + typed.strip() + "\u201d",
                "Type a location as findings print it: area 3 entry 17, chunk 771, area 2, header or device.", null));
    }

    /** Selects what the location holds (its entry, its chunk in the map) and says what it is in the status bar. */
    public void goTo(Location at) {
        OpenedImage doc = document.get();
        if (doc == null) {
            return;
        }
        Place place = Place.locate(doc.image(), at);
        selection.selectEntry(place.entry());
        if (place.chunk() >= 0 && place.chunk() < doc.chunkMap().chunkCount()) {
            selection.selectChunk(place.chunk());
            requestedTab.set(null);
            requestedTab.set(CHUNK_MAP_TAB);
        }
        status.set(place.description());
    }

    /** Shows a line in the status bar. */
    public void reportStatus(String text) {
        status.set(text);
    }

    /** Closes what is open (application exit). */
    public void close() {
        cancel();
        closeQuietly(origin.get());
        closeQuietly(document.get());
        closeQuietly(androidDocument.get());
    }

    private void replaceDocument(OpenedImage image, AttachedOrigin attached) {
        OpenedImage old = document.get();
        AttachedOrigin oldOrigin = origin.get();
        selection.clear();
        origin.set(attached);
        document.set(image);
        closeQuietly(oldOrigin);
        closeQuietly(old);
    }

    private ParseOptions parseOptions() {
        return ParseOptions.DEFAULT.withTableChunkSize(ParseOptions.parseTableChunkSize(tableChunkSize.get()));
    }

    private static String describe(OpenedImage image) {
        String usage = image.image().usage().map(u -> " · " + u.params()).orElse("");
        return image.displayName() + " · " + image.image().state() + usage + " · " + image.image().findings().size() + " findings";
    }

    private static String describe(OpenedAndroidCow android) {
        var cow = android.cow();
        return android.displayName() + " · " + cow.formatName() + (android.aospReadsIt() ? "" : " · AOSP cannot read it") + " · "
                + cow.ops().size() + " ops · " + android.merge().findingsAfter(cow).size() + " findings";
    }

    /** The message to show: the engine's own words for a format problem, else the exception's. */
    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // read-only sources: nothing to lose
            }
        }
    }

    /** What an open produced: a dm-snapshot image (and the origin attached with it) or an Android COW. */
    private record Opened(OpenedImage image, AttachedOrigin origin, OpenedAndroidCow android) {
    }
}
