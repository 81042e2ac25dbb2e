package dev.cowscope.ui;

import dev.cowscope.ui.about.AboutDialog;
import dev.cowscope.ui.about.AboutInfo;
import dev.cowscope.ui.about.Shortcuts;
import dev.cowscope.ui.about.ShortcutsDialog;
import dev.cowscope.ui.alignment.AlignmentSources;
import dev.cowscope.ui.alignment.AlignmentView;
import dev.cowscope.ui.alignment.AlignmentViewModel;
import dev.cowscope.ui.android.AndroidCowView;
import dev.cowscope.ui.android.AndroidMergeView;
import dev.cowscope.ui.android.AndroidMergeViewModel;
import dev.cowscope.ui.android.AndroidCowViewModel;
import dev.cowscope.ui.areas.AreasView;
import dev.cowscope.ui.areas.AreasViewModel;
import dev.cowscope.ui.chunkmap.ChunkMapView;
import dev.cowscope.ui.chunkmap.ChunkMapViewModel;
import dev.cowscope.ui.common.AfterFrames;
import dev.cowscope.ui.desktop.RememberedDirectory;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.export.ExportViewModel;
import dev.cowscope.ui.fill.FillView;
import dev.cowscope.ui.fill.FillViewModel;
import dev.cowscope.ui.inspector.ChunkInspectorView;
import dev.cowscope.ui.inspector.ChunkInspectorViewModel;
import dev.cowscope.ui.merge.MergeView;
import dev.cowscope.ui.merge.MergeViewModel;
import dev.cowscope.ui.monitor.MonitorView;
import dev.cowscope.ui.monitor.MonitorViewModel;
import dev.cowscope.ui.origin.OriginMapView;
import dev.cowscope.ui.origin.OriginMapViewModel;
import dev.cowscope.ui.sizing.PlanView;
import dev.cowscope.ui.sizing.PlanViewModel;
import dev.cowscope.ui.start.StartView;
import dev.cowscope.ui.start.StartViewModel;
import dev.cowscope.ui.summary.SummaryView;
import dev.cowscope.ui.summary.SummaryViewModel;
import dev.cowscope.ui.theme.DesktopColorScheme;
import dev.cowscope.ui.theme.ThemeSettings;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Worker;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;

/**
 * The inspector window: menu, toolbar, start page or (summary | tabs), and the status bar with
 * the running job's progress and Cancel. Only builds nodes and wires them to view models.
 */
public final class MainWindow {
    private static final String ORIGIN_MAP_TAB = "origin-map";
    private static final String AREAS_TAB = "areas";
    private static final String FILL_TAB = "fill";
    private static final String MERGE_TAB = "merge";
    private final Window owner;
    private final MainViewModel model;
    private final BorderPane root = new BorderPane();
    private final TabPane tabPane = new TabPane();
    private final StatusBar statusBar = new StatusBar();
    private final Button cancel = new Button("Cancel");
    private final List<InspectorTab> tabs = new ArrayList<>();
    private SummaryView summaryView;
    private MergeView mergeView;
    private AndroidMergeView androidMergeView;
    private ChunkMapView chunkMapView;
    private ChunkInspectorView inspectorView;
    private SplitPane inspector;
    private final StackPane centre;
    private final BooleanBinding inspecting;
    private final StartView startView;
    private final ExportViewModel export;
    private final ThemeSettings theme;
    private final RememberedDirectory directories;
    private MenuBar menuBar;
    private Consumer<String> linkOpener;
    /** What Go to… last took, offered again. */
    private String lastLocation = "";

    public MainWindow(Window owner, MainViewModel model) {
        this.owner = owner;
        this.model = model;
        theme = new ThemeSettings(model.preferences(), DesktopColorScheme.detectInBackground());
        directories = new RememberedDirectory(model.preferences());
        linkOpener = model::reportStatus; // without HostServices (tests): show the address
        root.getStyleClass().add("main-window");
        root.setId("main-window");
        startView = new StartView(new StartViewModel(model), this::chooseAndOpen);
        export = new ExportViewModel(model);

        tabs.add(new InspectorTab(MainViewModel.CHUNK_MAP_TAB, "Chunk map", this::chunkMapView, KeyCombination.keyCombination("Shortcut+1")));
        tabs.add(new InspectorTab(ORIGIN_MAP_TAB, "Origin map", () -> new OriginMapView(new OriginMapViewModel(model)),
                KeyCombination.keyCombination("Shortcut+2")));
        tabs.add(new InspectorTab(AREAS_TAB, "Exception areas", () -> new AreasView(new AreasViewModel(model)),
                KeyCombination.keyCombination("Shortcut+3")));
        tabs.add(new InspectorTab(FILL_TAB, "Fill level", () -> new FillView(new FillViewModel(model)), KeyCombination.keyCombination("Shortcut+4")));
        // the planning tools work with no COW open (Merge compares strategies without one)
        tabs.add(new InspectorTab(PlanView.TAB_ID, "Plan size", () -> new PlanView(PlanViewModel.of(model), directories),
                KeyCombination.keyCombination("Shortcut+5"), false));
        tabs.add(new InspectorTab(MainViewModel.ALIGNMENT_TAB, "Alignment", () -> new AlignmentView(new AlignmentViewModel(model.tasks(),
                model.dialogs(), AlignmentSources.ENGINE, model::reportStatus), directories), KeyCombination.keyCombination("Shortcut+6"), false));
        tabs.add(new InspectorTab(MERGE_TAB, "Merge", () -> mergeTab(directories), KeyCombination.keyCombination("Shortcut+7"), false));
        tabs.add(new InspectorTab(MonitorView.TAB_ID, "Monitor", () -> new MonitorView(new MonitorViewModel(model.tasks(),
                model.dialogs(), Platform::runLater, model::reportStatus), directories, this::compareStrategies),
                KeyCombination.keyCombination("Shortcut+8"), false));
        tabs.add(new InspectorTab(MainViewModel.ANDROID_TAB, "Android COW", () -> new AndroidCowView(new AndroidCowViewModel(model)),
                KeyCombination.keyCombination("Shortcut+9"), false));
        for (InspectorTab t : tabs) {
            Tab tab = new Tab(t.title());
            // only the selected tab's view is in the scene: hidden views cost no CSS and layout
            // passes when a document opens (they were most of the FX-thread stall on a 64 GiB COW)
            tab.selectedProperty().addListener((obs, was, selected) -> tab.setContent(selected ? t.content() : null));
            tab.setId("tab-" + t.id());
            tab.setClosable(false);
            if (t.needsDocument()) { // about a dm-snapshot COW: nothing to show while an Android COW is open
                tab.disableProperty().bind(model.androidDocumentProperty().isNotNull());
            }
            tabPane.getTabs().add(tab);
            // the Android COW tab shows an opened file: Open is its way in, not the tool list
            if (!t.needsDocument() && !t.id().equals(MainViewModel.ANDROID_TAB)) {
                startView.addTool(t.id(), t.title(), () -> showTab(t.id()));
            }
        }
        tabPane.setId("tabs");

        centre = new StackPane(startView);
        // the planning tools work without a COW: asking for one shows the tabs over the start page
        inspecting = model.documentProperty().isNotNull().or(model.toolsShownProperty());
        startView.visibleProperty().bind(inspecting.not());
        // the inspector is built and joins the scene when first needed: a window that starts on
        // its start page builds, styles and lays out only that (start-up time)
        inspecting.addListener((obs, was, now) -> {
            if (now) {
                prepareInspector();
            }
        });
        if (inspecting.get()) {
            prepareInspector();
        }

        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(centre);
        root.setBottom(statusBar());
        enableDrop();
        model.requestedTabProperty().addListener((obs, was, id) -> showTab(id));
    }

    /**
     * Builds the (still hidden) inspector now, if nothing has needed it yet: called once the
     * window has painted its start page, so that neither start-up nor the first Open pays for it.
     */
    public void prepareInspector() {
        if (inspector == null) {
            centre.getChildren().add(inspector());
        }
    }

    /** Summary | tabs, showing the selected tab's view. */
    private SplitPane inspector() {
        inspector = new SplitPane(tabPane);
        inspector.setId("inspector");
        inspector.visibleProperty().bind(inspecting);
        SplitPane.setResizableWithParent(summaryView(), false);
        // with no COW open (a planning tab) the summary has nothing to say: its room goes to the
        // tabs; while the inspector is hidden the summary stays in it, styled and laid out before
        // the first image opens (that first CSS pass was most of the first open's stall), a few
        // frames after the tabs so that the two first passes are two shorter stalls
        model.documentProperty().addListener((obs, was, now) -> showSummary());
        inspecting.addListener((obs, was, now) -> showSummary());
        if (inspecting.get()) {
            showSummary();
        } else {
            AfterFrames.run(3, this::showSummary);
        }
        int selected = tabPane.getSelectionModel().getSelectedIndex();
        tabPane.getTabs().get(selected).setContent(tabs.get(selected).content());
        return inspector;
    }

    private void showSummary() {
        boolean show = model.document() != null || !inspecting.get();
        if (show && !inspector.getItems().contains(summaryView())) {
            inspector.getItems().add(0, summaryView());
            inspector.setDividerPositions(0.3);
        } else if (!show) {
            inspector.getItems().remove(summaryView());
        }
    }

    public Parent root() {
        return root;
    }

    /** The tabs, in order; add later views here. */
    public List<InspectorTab> tabs() {
        return List.copyOf(tabs);
    }

    private InspectorTab tab(String id) {
        return tabs.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * The Merge tab: the dm merge, or AOSP's merge order while an Android COW is open. Each model plans only
     * while its view is on screen (a plan of 16 M steps costs GiBs).
     */
    private StackPane mergeTab(RememberedDirectory directories) {
        Tab tab = tabPane.getTabs().get(tabs.indexOf(tab(MERGE_TAB)));
        mergeView = new MergeView(new MergeViewModel(model), directories);
        androidMergeView = new AndroidMergeView(new AndroidMergeViewModel(model));
        androidMergeView.visibleProperty().bind(model.androidDocumentProperty().isNotNull());
        mergeView.visibleProperty().bind(androidMergeView.visibleProperty().not());
        mergeView.model().shownProperty().bind(tab.selectedProperty().and(mergeView.visibleProperty()));
        androidMergeView.model().shownProperty().bind(tab.selectedProperty().and(androidMergeView.visibleProperty()));
        return new StackPane(mergeView, androidMergeView);
    }

    public void showTab(String id) {
        for (int i = 0; i < tabs.size(); i++) {
            if (tabs.get(i).id().equals(id)) {
                if (!tabs.get(i).needsDocument()) {
                    model.showTools();
                }
                tabPane.getSelectionModel().select(i);
            }
        }
    }

    public SummaryView summaryView() {
        if (summaryView == null) {
            summaryView = new SummaryView(new SummaryViewModel(model));
        }
        return summaryView;
    }

    public ChunkMapView chunkMapView() {
        if (chunkMapView == null) {
            chunkMapView = new ChunkMapView(new ChunkMapViewModel(model), inspectorView());
        }
        return chunkMapView;
    }

    public ChunkInspectorView inspectorView() {
        if (inspectorView == null) {
            inspectorView = new ChunkInspectorView(new ChunkInspectorViewModel(model));
        }
        return inspectorView;
    }

    public OriginMapView originMapView() {
        return (OriginMapView) tab(ORIGIN_MAP_TAB).content();
    }

    public AreasView areasView() {
        return (AreasView) tab(AREAS_TAB).content();
    }

    public FillView fillView() {
        return (FillView) tab(FILL_TAB).content();
    }

    public MergeView mergeView() {
        tab(MERGE_TAB).content();
        return mergeView;
    }

    /** The Merge tab's view while an Android COW is open. */
    public AndroidMergeView androidMergeView() {
        tab(MERGE_TAB).content();
        return androidMergeView;
    }

    public AndroidCowView androidCowView() {
        return (AndroidCowView) tab(MainViewModel.ANDROID_TAB).content();
    }

    public MonitorView monitorView() {
        return (MonitorView) tab(MonitorView.TAB_ID).content();
    }

    /** From the Monitor tab: the Merge tab's strategies, with the monitored COW's size and chunk size. */
    private void compareStrategies() {
        MonitorViewModel monitor = monitorView().model();
        showTab(MERGE_TAB);
        var strategy = mergeView().model().strategy();
        if (monitor.totalSectors() > 0) {
            strategy.cowSizeProperty().set(monitor.totalSectors() + "s");
        }
        if (monitor.chunkSizeSectors() > 0) {
            strategy.chunkSizeProperty().set(monitor.chunkSizeSectors() + "s");
        }
    }

    public PlanView planView() {
        return (PlanView) tab(PlanView.TAB_ID).content();
    }

    public AlignmentView alignmentView() {
        return (AlignmentView) tab(MainViewModel.ALIGNMENT_TAB).content();
    }

    public ExportViewModel export() {
        return export;
    }

    /** The theme (View ▸ Theme); {@code CowScopeApp.show} attaches it to the scene. */
    public ThemeSettings theme() {
        return theme;
    }

    /** Where every file chooser of the window starts. */
    public RememberedDirectory directories() {
        return directories;
    }

    public MenuBar menuBarNode() {
        return menuBar;
    }

    /** How links (Help ▸ About) are opened; the application passes its HostServices. */
    public void setLinkOpener(Consumer<String> opener) {
        linkOpener = opener;
    }

    /** Help ▸ About. */
    public void showAbout() {
        Dialog<Void> dialog = AboutDialog.create(owner, AboutInfo.current(), url -> linkOpener.accept(url));
        theme.style(dialog.getDialogPane());
        dialog.show();
    }

    /** Help ▸ Keyboard shortcuts: every accelerator of the menu bar. */
    public void showShortcuts() {
        Dialog<Void> dialog = ShortcutsDialog.create(owner, Shortcuts.of(menuBar));
        theme.style(dialog.getDialogPane());
        dialog.show();
    }

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        MenuItem open = item("Open COW…", "Shortcut+O", this::chooseAndOpen);
        MenuItem sample = item("Open sample", "Shortcut+Shift+O", model::openSample);
        Menu recent = new Menu("Open recent");
        model.recentFiles().addListener((ListChangeListener<Path>) c -> fillRecent(recent));
        fillRecent(recent);
        MenuItem attach = item("Attach origin…", "Shortcut+Shift+A", this::chooseAndAttach);
        attach.disableProperty().bind(model.documentProperty().isNull());
        MenuItem chunkSize = item("Table chunk size…", "Shortcut+K", this::askTableChunkSize);
        Menu exportMenu = new Menu("Export");
        MenuItem report = item("Report JSON…", "Shortcut+E", () -> chooseTarget("report.json", "JSON", "*.json", export::exportReport));
        MenuItem csv = item("Exceptions CSV…", "Shortcut+Shift+E", () -> chooseTarget("exceptions.csv", "CSV", "*.csv", export::exportExceptionsCsv));
        MenuItem png = item("Chunk map PNG…", "Shortcut+Shift+P", () -> chooseTarget("chunk-map.png", "PNG image", "*.png", export::exportChunkMapPng));
        MenuItem view = item("Snapshot view…", "Shortcut+Shift+V", () -> chooseTarget("snapshot-view.img", "Image", "*.img", export::exportSnapshotView));
        for (MenuItem m : List.of(csv, png)) {
            m.disableProperty().bind(export.canExportProperty().not());
        }
        report.disableProperty().bind(export.canExportReportProperty().not());
        view.disableProperty().bind(export.canExportViewProperty().not());
        exportMenu.getItems().addAll(report, csv, png, view);
        MenuItem cancelItem = item("Cancel running job", "Esc", this::cancelRunning);
        MenuItem quit = item("Quit", "Shortcut+Q", () -> owner.hide());
        file.getItems().addAll(open, sample, recent, new SeparatorMenuItem(), attach, chunkSize, new SeparatorMenuItem(), exportMenu,
                new SeparatorMenuItem(), cancelItem, quit);

        Menu viewMenu = new Menu("_View");
        for (InspectorTab t : tabs) {
            MenuItem m = new MenuItem(t.title());
            m.setAccelerator(t.shortcut());
            m.setOnAction(e -> showTab(t.id()));
            viewMenu.getItems().add(m);
        }
        MenuItem start = new MenuItem("Start page");
        start.setOnAction(e -> model.hideTools());
        start.disableProperty().bind(model.documentProperty().isNotNull());
        viewMenu.getItems().addAll(start, new SeparatorMenuItem(),
                item("Zoom in", "Shortcut+Equals", () -> chunkMapView().canvas().zoomIn()),
                item("Zoom out", "Shortcut+Minus", () -> chunkMapView().canvas().zoomOut()),
                item("Fit whole device", "Shortcut+0", () -> chunkMapView().canvas().fit()),
                new SeparatorMenuItem(), goToItem(), new SeparatorMenuItem(), theme.menu());
        Menu help = new Menu("_Help");
        MenuItem shortcuts = item("Keyboard shortcuts", "Shortcut+Slash", this::showShortcuts);
        shortcuts.setId("menu-shortcuts");
        MenuItem about = item("About CowScope", "F1", this::showAbout);
        about.setId("menu-about");
        help.getItems().addAll(shortcuts, new SeparatorMenuItem(), about);
        MenuBar bar = new MenuBar(file, viewMenu, help);
        bar.setId("menu-bar");
        menuBar = bar;
        return bar;
    }

    private ToolBar toolBar() {
        Button open = new Button("Open…");
        open.setTooltip(new Tooltip("Open a COW image (Ctrl+O)"));
        open.setOnAction(e -> chooseAndOpen());
        Button sample = new Button("Sample");
        sample.setTooltip(new Tooltip("Open the bundled kernel-made sample with its origin (Ctrl+Shift+O)"));
        sample.setOnAction(e -> model.openSample());
        Button attach = new Button("Attach origin…");
        attach.setTooltip(new Tooltip("Attach the origin: its true size for the origin map, and the snapshot-view export (Ctrl+Shift+A)"));
        attach.setOnAction(e -> chooseAndAttach());
        attach.disableProperty().bind(model.documentProperty().isNull());
        TextField chunkSize = new TextField();
        chunkSize.setId("table-chunk-size");
        chunkSize.setPromptText("auto");
        chunkSize.setPrefColumnCount(5);
        chunkSize.textProperty().bindBidirectional(model.tableChunkSizeProperty());
        chunkSize.setTooltip(new Tooltip("The snapshot table's chunk size (8s, 4K: as for cowscope --chunk-size); empty: from the header. "
                + "Used when opening the next image (Ctrl+K)"));
        Button report = new Button("Export report…");
        report.setTooltip(new Tooltip("Save the inspect --json report (Ctrl+E)"));
        report.setOnAction(e -> chooseTarget("report.json", "JSON", "*.json", export::exportReport));
        report.disableProperty().bind(export.canExportReportProperty().not());
        Label origin = new Label();
        origin.getStyleClass().add("dim");
        origin.textProperty().bind(Bindings.createStringBinding(() -> model.originProperty().get() == null ? "no origin attached"
                : "origin: " + model.originProperty().get().path().getFileName(), model.originProperty()));
        return new ToolBar(open, sample, attach, new Label("Table chunk size"), chunkSize, report, origin);
    }

    private StatusBar statusBar() {
        statusBar.setId("status-bar");
        cancel.setId("cancel-job");
        cancel.setTooltip(new Tooltip("Stop the running job (Esc)"));
        cancel.setOnAction(e -> cancelRunning());
        cancel.setVisible(false);
        statusBar.getRightItems().add(cancel);
        statusBar.textProperty().bind(model.statusProperty());
        model.tasks().currentWorkerProperty().addListener((obs, was, worker) -> follow(worker));
        return statusBar;
    }

    private void follow(Worker<?> worker) {
        statusBar.textProperty().unbind();
        statusBar.progressProperty().unbind();
        cancel.visibleProperty().unbind();
        if (worker == null) {
            statusBar.textProperty().bind(model.statusProperty());
            statusBar.setProgress(0);
            cancel.setVisible(false);
            return;
        }
        statusBar.textProperty().bind(Bindings.when(worker.runningProperty()).then(worker.messageProperty()).otherwise(model.statusProperty()));
        statusBar.progressProperty().bind(Bindings.when(worker.runningProperty()).then(worker.progressProperty()).otherwise(0.0));
        cancel.visibleProperty().bind(worker.runningProperty());
    }

    private void cancelRunning() {
        Worker<?> worker = model.tasks().currentWorkerProperty().get();
        if (worker != null && worker.isRunning()) {
            worker.cancel();
        }
        model.cancel();
    }

    private void enableDrop() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
                model.open(e.getDragboard().getFiles().get(0).toPath());
                done = true;
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        for (Path path : model.recentFiles()) {
            MenuItem m = new MenuItem(path.toString());
            m.setOnAction(e -> model.open(path));
            recent.getItems().add(m);
        }
        if (!recent.getItems().isEmpty()) {
            MenuItem clear = new MenuItem("Clear recent");
            clear.setId("clear-recent");
            clear.setOnAction(e -> model.clearRecentFiles());
            recent.getItems().addAll(new SeparatorMenuItem(), clear);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open COW image");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("All files", "*"),
                new FileChooser.ExtensionFilter("Images", "*.img", "*.img.gz", "*.img.xz", "*.img.zst", "*.cow"));
        File file = directories.showOpen(chooser, owner);
        if (file != null) {
            model.open(file.toPath());
        }
    }

    private void chooseAndAttach() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Attach origin");
        File file = directories.showOpen(chooser, owner);
        if (file != null) {
            model.attachOrigin(file.toPath());
        }
    }

    private MenuItem goToItem() {
        MenuItem goTo = item("Go to location…", "Shortcut+G", this::askLocation);
        goTo.disableProperty().bind(model.documentProperty().isNull());
        return goTo;
    }

    /** Go to…: accepts exactly what findings print (and what {@code exceptions --at} takes). */
    private void askLocation() {
        if (model.document() == null) {
            return;
        }
        TextInputDialog dialog = new TextInputDialog(lastLocation);
        dialog.initOwner(owner);
        dialog.setTitle("Go to location");
        dialog.setHeaderText("A place in the COW, as findings print it");
        dialog.setContentText("area 3 entry 17, chunk 771, area 2, header:");
        dialog.showAndWait().ifPresent(text -> {
            lastLocation = text.strip();
            model.goTo(text);
        });
    }

    private void askTableChunkSize() {
        TextInputDialog dialog = new TextInputDialog(model.tableChunkSizeProperty().get());
        dialog.initOwner(owner);
        dialog.setTitle("Table chunk size");
        dialog.setHeaderText("The snapshot table's chunk size, used for the next image you open");
        dialog.setContentText("8s (sectors) or 4K; empty for the header's:");
        dialog.showAndWait().ifPresent(text -> model.tableChunkSizeProperty().set(text.trim()));
    }

    private void chooseTarget(String suggested, String kind, String pattern, Consumer<Path> action) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + kind);
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File file = directories.showSave(chooser, owner);
        if (file != null) {
            action.accept(file.toPath());
        }
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setAccelerator(KeyCombination.keyCombination(accelerator));
        m.setOnAction(e -> action.run());
        return m;
    }
}
