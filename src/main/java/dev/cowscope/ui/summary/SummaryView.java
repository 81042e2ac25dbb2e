package dev.cowscope.ui.summary;

import dev.cowscope.format.Finding;
import dev.cowscope.format.Severity;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;

/** Left pane: state badge, status line, header and geometry, findings (click → go there). */
public final class SummaryView extends VBox {
    private final ListView<Finding> findings = new ListView<>();

    public SummaryView(SummaryViewModel model) {
        getStyleClass().add("summary-view");
        setId("summary");

        Label badge = new Label();
        badge.setId("state-badge");
        badge.getStyleClass().add("state-badge");
        badge.textProperty().bind(model.stateProperty());
        badge.visibleProperty().bind(model.stateProperty().isNotEmpty());
        badge.setMinWidth(Region.USE_PREF_SIZE); // the state is never cut: the status beside it shrinks instead
        // the current tone too: a COW opened before this view was built (a file on the command line)
        // would otherwise keep a grey badge until the next open
        applyTone(badge, model.toneProperty().get());
        model.toneProperty().addListener((obs, was, now) -> applyTone(badge, now));
        Tooltip explained = new Tooltip();
        explained.textProperty().bind(model.stateExplainedProperty());
        explained.setWrapText(true);
        explained.setMaxWidth(400);
        badge.setTooltip(explained);

        Label status = new Label();
        status.setId("status-line");
        status.getStyleClass().add("status-line");
        status.textProperty().bind(model.statusLineProperty());
        status.setTooltip(new Tooltip("What `dmsetup status` prints for this store: allocated/total sectors, metadata sectors"));
        // badge and status are the answer and are never cut; the words before the status give way first
        status.setMinWidth(Region.USE_PREF_SIZE);
        Label statusHead = new Label("dmsetup status");
        statusHead.setMinWidth(0);
        HBox stateRow = new HBox(statusHead, status);
        stateRow.getStyleClass().add("state-row");
        // in a narrow pane the status goes under the badge instead of being cut
        FlowPane top = new FlowPane(badge, stateRow);
        top.getStyleClass().add("summary-top");
        top.prefWrapLengthProperty().bind(widthProperty().subtract(12));

        Label source = new Label();
        source.textProperty().bind(model.sourceProperty());
        source.getStyleClass().add("dim");
        // a long path loses its start, not the file name
        source.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        source.setMinWidth(0);
        Tooltip fullSource = new Tooltip();
        fullSource.textProperty().bind(model.sourceProperty());
        source.setTooltip(fullSource);

        PropertySheet sheet = new PropertySheet(model.items());
        sheet.setId("header-sheet");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setPropertyEditorFactory(item -> new SummaryValueEditor((SummaryItem) item));
        VBox.setVgrow(sheet, Priority.SOMETIMES);

        Label findingsTitle = new Label("Findings");
        findingsTitle.getStyleClass().add("section-title");
        findings.setId("findings");
        findings.setItems(model.findings());
        findings.setPlaceholder(new Label("No findings"));
        findings.setCellFactory(list -> new FindingCell());
        findings.setTooltip(new Tooltip("Click a finding to show its chunk in the map and its entry in the areas table"));
        findings.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.goTo(now);
            }
        });
        VBox.setVgrow(findings, Priority.ALWAYS);

        getChildren().addAll(top, source, sheet, findingsTitle, findings);
        setPadding(new Insets(6));
    }

    public ListView<Finding> findingsList() {
        return findings;
    }

    /** Severity icon, message, location. */
    private static final class FindingCell extends ListCell<Finding> {
        @Override
        protected void updateItem(Finding finding, boolean empty) {
            super.updateItem(finding, empty);
            if (empty || finding == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label icon = new Label(icon(finding.severity()));
            icon.getStyleClass().addAll("severity-icon", "severity-" + finding.severity().name().toLowerCase(java.util.Locale.ROOT));
            Label kind = new Label(finding.kind().name() + " · " + finding.location());
            kind.getStyleClass().add("finding-location");
            Label message = new Label(finding.message());
            message.setWrapText(true);
            message.getStyleClass().add("finding-message");
            message.maxWidthProperty().bind(getListView().widthProperty().subtract(60));
            VBox text = new VBox(kind, message);
            HBox row = new HBox(icon, text);
            row.getStyleClass().add("finding-row");
            setGraphic(row);
            setText(null);
            setTooltip(new Tooltip(finding.toString()));
        }

        private static String icon(Severity severity) {
            switch (severity) {
                case ERROR:
                    return "✖";
                case WARNING:
                    return "▲";
                default:
                    return "ℹ";
            }
        }
    }

    private static void applyTone(Label badge, String tone) {
        badge.getStyleClass().removeIf(c -> c.startsWith("tone-"));
        if (!tone.isEmpty()) {
            badge.getStyleClass().add("tone-" + tone);
        }
    }
}
