package dev.cowscope.ui.alignment;

import dev.cowscope.alignment.AlignmentCheck;
import dev.cowscope.alignment.AlignmentInput;
import dev.cowscope.alignment.AlignmentSource;
import dev.cowscope.alignment.AlignmentValues;
import dev.cowscope.alignment.BlockDevice;
import dev.cowscope.alignment.Extent;
import dev.cowscope.alignment.InputFormatException;
import dev.cowscope.alignment.KernelVersion;
import dev.cowscope.alignment.LimitsInput;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A snapshot of the tab's inputs, taken on the FX thread and {@linkplain #evaluate() evaluated} on a
 * background thread: pure, no JavaFX. It only hands the fields to the engine's parsers and to
 * {@link AlignmentCheck}, as {@code cowscope align} hands it its options.
 *
 * @param text        pasted filefrag output or table lines
 * @param textFile    the file {@code text} was read from, unchanged since; "" for typed or pasted text
 * @param live        live extents of a file, which win over {@code text} while present
 * @param device      the device the extents point into, as the generated table names it
 * @param readDevice  what sysfs said about {@code device} (its kernel name, its disk), when it was read
 * @param wantedSize  clip the built table to this size; empty for no clipping
 */
public record AlignmentRequest(String text, String textFile, Optional<LiveExtents> live, String device,
                               Optional<BlockDevice> readDevice, LimitsInput limits, KernelVersion kernel,
                               String wantedSize) {
    /** Extents read from a file with FIEMAP. */
    public record LiveExtents(String fileName, List<Extent> extents) {
        public LiveExtents {
            extents = List.copyOf(extents);
        }
    }

    /** Checks what the inputs describe; never throws for bad input, the result carries the problem. */
    public AlignmentResult evaluate() {
        if (live.isEmpty() && text.isBlank()) {
            return AlignmentResult.empty("Paste filefrag -v output or dm-linear table lines, drop a text file,"
                + " or pick a file to read its live extents.");
        }
        try {
            return new AlignmentResult(AlignmentCheck.run(input()), Optional.empty(), false);
        } catch (IllegalArgumentException | InputFormatException e) {
            return AlignmentResult.problem(e.getMessage());
        }
    }

    /** The engine's input; a value the engine's parsers refuse is an {@link IllegalArgumentException} naming the field. */
    private AlignmentInput input() {
        OptionalLong wanted = wantedSize.isBlank() ? OptionalLong.empty()
            : OptionalLong.of(field("wanted size", () -> AlignmentValues.positiveSize(wantedSize)));
        Optional<String> dev = device.isBlank() ? Optional.empty()
            : Optional.of(field("device", () -> AlignmentValues.deviceName(device)));
        AlignmentSource source = live.map(l -> AlignmentSource.extents(l.fileName(), l.extents()))
            .orElseGet(() -> AlignmentSource.tableOrFilefrag(textFile, text));
        return new AlignmentInput(source, dev, Optional.of(limits.toQueueLimits()), readDevice, AlignmentInput.NO_MACHINE,
            kernel, wanted, OptionalLong.empty(), false);
    }

    private static <T> T field(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
