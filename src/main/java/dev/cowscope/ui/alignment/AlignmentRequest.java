package dev.cowscope.ui.alignment;

import dev.cowscope.alignment.AlignmentInputs;
import dev.cowscope.alignment.AlignmentReport;
import dev.cowscope.alignment.AlignmentRules;
import dev.cowscope.alignment.BlockDevice;
import dev.cowscope.alignment.DeviceResolver;
import dev.cowscope.alignment.Extent;
import dev.cowscope.alignment.FilefragFile;
import dev.cowscope.alignment.FilefragParser;
import dev.cowscope.alignment.InputFormatException;
import dev.cowscope.alignment.KernelVersion;
import dev.cowscope.alignment.LinearTable;
import dev.cowscope.alignment.QueueLimits;
import dev.cowscope.alignment.TableBuild;
import dev.cowscope.format.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of the tab's inputs, taken on the FX thread and {@linkplain #evaluate() evaluated} on a
 * background thread: pure, no JavaFX. The engine does all the work (parse, build like libfiemap,
 * predict like the kernel); this only chooses which engine calls to make, as {@code cowscope align} does.
 *
 * @param text        pasted filefrag output or table lines
 * @param live        live extents of a file, which win over {@code text} while present
 * @param device      the device the extents point into, as the generated table names it
 * @param readDevice  what sysfs said about {@code device} (its kernel name, its disk), when it was read
 * @param wantedSize  clip the built table to this size; empty for no clipping
 */
public record AlignmentRequest(String text, Optional<LiveExtents> live, String device, Optional<BlockDevice> readDevice,
                               LimitsInput limits, KernelVersion kernel, String wantedSize) {
    /** The table name used when no device is given. */
    public static final String PLACEHOLDER_DEVICE = "/dev/DEVICE";

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
        QueueLimits queue;
        OptionalLong wanted;
        String tableDevice = device.isBlank() ? PLACEHOLDER_DEVICE : device.strip();
        try {
            queue = limits.toQueueLimits();
            wanted = wantedSize.isBlank() ? OptionalLong.empty() : OptionalLong.of(Units.parseBytes(wantedSize));
            if (tableDevice.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("the device name has spaces: '" + tableDevice + "'");
            }
        } catch (IllegalArgumentException e) {
            return AlignmentResult.problem(e.getMessage());
        }
        AlignmentRules rules = new AlignmentRules(kernel);
        DeviceResolver resolver = name -> Optional.of(blockDevice(name, queue));
        List<AlignmentResult.Checked> checked = new ArrayList<>();
        try {
            if (live.isPresent()) {
                TableBuild build = LinearTable.fromExtents(live.get().extents(), tableDevice, wanted);
                checked.add(new AlignmentResult.Checked("live extents of " + live.get().fileName(),
                    rules.check(build.table(), resolver).withBuild(build), queue));
            } else if (AlignmentInputs.looksLikeTable(text)) {
                LinearTable table = LinearTable.parse(text);
                checked.add(new AlignmentResult.Checked("table, " + plural(table.lines().size(), "line"),
                    rules.check(table, resolver), queue));
            } else {
                List<FilefragFile> files = new FilefragParser().parse(text);
                for (FilefragFile f : files) {
                    TableBuild build = LinearTable.fromExtents(f.extents(), tableDevice, wanted);
                    AlignmentReport report = rules.check(build.table(), resolver).withBuild(build);
                    checked.add(new AlignmentResult.Checked(f.name().orElse("filefrag output (line " + f.firstLineNumber()
                        + ")"), report, queue));
                }
            }
        } catch (InputFormatException e) {
            return AlignmentResult.problem(e.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return AlignmentResult.problem("cannot check: " + e.getMessage());
        }
        return new AlignmentResult(checked, Optional.empty(), false);
    }

    /** The device a table line names, with the limits as edited; sysfs's names when it was read. */
    private BlockDevice blockDevice(String name, QueueLimits queue) {
        Optional<BlockDevice> known = readDevice.filter(d -> d.tableName().equals(name) || d.kernelName().equals(
            BlockDevice.guessKernelName(name)));
        return known.map(d -> new BlockDevice(name, d.kernelName(), d.wholeDiskKernelName(), queue))
            .orElseGet(() -> BlockDevice.whole(name, BlockDevice.guessKernelName(name), queue));
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
