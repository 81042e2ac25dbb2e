package dev.cowscope.alignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The align job, below both faces: builds the dm-linear table(s) an {@link AlignmentInput} describes
 * (as libfiemap does for extents) and predicts what the kernel says of each ({@link AlignmentRules}).
 */
public final class AlignmentCheck {
    /** The device a built table names when none is given. */
    public static final String PLACEHOLDER_DEVICE = "/dev/DEVICE";

    private AlignmentCheck() {
        throw new AssertionError("no instances");
    }

    /**
     * One checked table per input table (a filefrag output can hold several files).
     *
     * @throws InputFormatException the input cannot be read or checked; the message says why
     */
    public static List<CheckedTable> run(AlignmentInput in) throws InputFormatException {
        Devices devices = devices(in);
        Optional<QueueLimits> limits = devices.limits();
        DeviceResolver resolver = devices.resolver();
        AlignmentRules rules = new AlignmentRules(in.kernel());
        AlignmentSource source = in.source();
        List<CheckedTable> out = new ArrayList<>();
        try {
            boolean table = source.kind() == AlignmentSource.Kind.TABLE
                || source.kind() == AlignmentSource.Kind.TABLE_OR_FILEFRAG && AlignmentInputs.looksLikeTable(source.text());
            if (table) {
                LinearTable t = LinearTable.parse(source.text());
                String name = source.name().isEmpty() ? "table, " + Plural.of(t.lines().size(), "line") : source.name();
                out.add(new CheckedTable(name, rules.check(t, resolver), limits));
            } else if (source.kind() == AlignmentSource.Kind.EXTENTS) {
                out.add(new CheckedTable(source.name(), built(rules, in, source.extents(), resolver), limits));
            } else {
                FilefragParser parser = new FilefragParser(in.filefragBlockBytes(), in.filefragHex());
                for (FilefragFile f : parser.parse(source.text())) {
                    String name = f.name().orElse(source.name().isEmpty()
                        ? "filefrag output (line " + f.firstLineNumber() + ")" : source.name());
                    out.add(new CheckedTable(name, built(rules, in, f.extents(), resolver), limits));
                }
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            // a value past what the builders take: a message, never a crash
            throw new InputFormatException(0, "cannot check: " + e.getMessage());
        }
        return out;
    }

    private static AlignmentReport built(AlignmentRules rules, AlignmentInput in, List<Extent> extents,
                                         DeviceResolver resolver) throws InputFormatException {
        TableBuild build = LinearTable.fromExtents(extents, in.device().orElse(PLACEHOLDER_DEVICE), in.wantedBytes());
        return rules.check(build.table(), resolver, OptionalLong.empty()).withBuild(build);
    }

    /** How the lines' devices are found, and the one set of limits they share (when they do). */
    private record Devices(Optional<QueueLimits> limits, DeviceResolver resolver) {
    }

    /**
     * Typed limits (a missing size read from the machine for the device) or the device's limits read
     * from the machine apply to every line, whatever device it names; without either, each line's
     * device is looked up on the machine.
     */
    private static Devices devices(AlignmentInput in) throws InputFormatException {
        if (in.limits().isPresent()) {
            QueueLimits q = in.limits().get();
            if (!q.sizeKnown() && in.device().isPresent()) {
                q = q.withDeviceSectors(in.machine().resolve(in.device().get())
                    .map(d -> d.limits().deviceSectors()).orElse(0L));
            }
            return everyLine(in, in.readDevice(), q);
        }
        if (in.device().isPresent()) {
            String dev = in.device().get();
            BlockDevice found = in.machine().resolve(dev).orElseThrow(() -> new InputFormatException(0,
                "cannot read the limits of " + dev + " on this machine; give them by hand (--limits)"));
            return everyLine(in, Optional.of(found), found.limits());
        }
        return new Devices(Optional.empty(), in.machine());
    }

    /** Every line on {@code q}, with the kernel's names of the known device, or guessed from the names. */
    private static Devices everyLine(AlignmentInput in, Optional<BlockDevice> known, QueueLimits q) {
        DeviceResolver resolver = known.isPresent()
            ? name -> Optional.of(new BlockDevice(name, known.get().kernelName(), known.get().wholeDiskKernelName(), q))
            : name -> Optional.of(BlockDevice.whole(name, BlockDevice.guessKernelName(in.device().orElse(name)), q));
        return new Devices(Optional.of(q), resolver);
    }
}
