package dev.cowscope.ui.alignment;

import dev.cowscope.alignment.CheckedTable;
import java.util.List;
import java.util.Optional;

/**
 * What one evaluation of the tab's inputs gave: a checked table per file of the paste (usually one),
 * or a message: what to do (nothing entered yet) or, when {@code error}, what is wrong with the input.
 */
public record AlignmentResult(List<CheckedTable> tables, Optional<String> message, boolean error) {
    public AlignmentResult {
        tables = List.copyOf(tables);
    }

    static AlignmentResult empty(String hint) {
        return new AlignmentResult(List.of(), Optional.of(hint), false);
    }

    static AlignmentResult problem(String message) {
        return new AlignmentResult(List.of(), Optional.of(message), true);
    }
}
