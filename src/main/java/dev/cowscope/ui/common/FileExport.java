package dev.cowscope.ui.common;

import dev.cowscope.format.AtomicOutput;
import dev.cowscope.format.Progress;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Every Export of the window: written in the background through the engine's {@link AtomicOutput}
 * (temporary file, fsync, rename; never over a device node), so a cancelled or failed export
 * leaves nothing behind; the outcome goes to the status line, a failure to a dialog.
 */
public final class FileExport {
    /** Writes the file's bytes; the stream is the temporary file's. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out, Progress progress) throws Exception;
    }

    /** Writes text (UTF-8); flushing is done for it. */
    @FunctionalInterface
    public interface TextContent {
        void writeTo(Writer out, Progress progress) throws Exception;
    }

    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Consumer<String> status;

    public FileExport(TaskRunner tasks, DialogService dialogs, Consumer<String> status) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.status = status;
    }

    /** Exports {@code what} (e.g. "the plan as JSON") to {@code target}. */
    public TaskRunner.Cancellable write(String what, Path target, Content content) {
        return run(what, target, progress -> {
            try (AtomicOutput out = AtomicOutput.create(target)) {
                OutputStream stream = out.outputStream();
                content.writeTo(stream, progress);
                stream.flush();
                out.commit();
            }
            return target;
        });
    }

    /** {@link #write} for text. */
    public TaskRunner.Cancellable writeText(String what, Path target, TextContent content) {
        return write(what, target, (stream, progress) -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            content.writeTo(writer, progress);
            writer.flush();
        });
    }

    /** Runs an export that writes its file itself (through {@link AtomicOutput}) and returns what to name in the status. */
    public TaskRunner.Cancellable run(String what, Path target, BackgroundJob<Path> work) {
        return tasks.run(Job.of("Exporting " + what, work)
                .onSuccess(done -> status.accept("Exported " + what + " to " + done))
                .onFailure(error -> dialogs.showError("Cannot export " + what, target + ": " + ErrorText.of(error), error))
                .onCancelled(() -> status.accept("Export of " + what + " cancelled")));
    }
}
