package dev.cowscope.alignment;

import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Predicts what {@code dmsetup create} of a dm-linear table does in the kernel: the load
 * ({@code dm_table_add_target}, {@code linear_ctr}/{@code dm_get_device}, then {@code dm_setup_md_queue}
 * → {@code dm_calculate_queue_limits}) and the resume ({@code dm_swap_table} →
 * {@code dm_calculate_queue_limits} again), with the messages of {@code dm_set_device_limits} (W1),
 * {@code device_area_is_invalid}, the per-target fold (W2) and
 * {@code validate_hardware_logical_block_alignment} (drivers/md/dm-table.c), using
 * {@code blk_stack_limits} ({@link StackedLimits}).
 *
 * <p>The kernel stops at the first error; the predicted messages do too. The per-line verdicts go on
 * past it, so every line that would fail is named.
 */
public final class AlignmentRules {
    private static final String TABLE = "table";
    private final KernelVersion kernel;

    public AlignmentRules(KernelVersion kernel) {
        this.kernel = kernel;
    }

    /**
     * Checks a table built from a file's extents; {@code fsBlockBytes} (when known) sharpens the fix
     * hints, which may then say how to make the file system.
     */
    public AlignmentReport check(LinearTable table, DeviceResolver resolver, OptionalLong fsBlockBytes)
        throws InputFormatException {
        return check(table, resolver, fsBlockBytes, true);
    }

    private AlignmentReport check(LinearTable table, DeviceResolver resolver, OptionalLong fsBlockBytes, boolean fromExtents)
        throws InputFormatException {
        List<BlockDevice> devices = new ArrayList<>();
        for (int i = 0; i < table.lines().size(); i++) {
            String name = table.lines().get(i).device();
            int lineNumber = i + 1;
            devices.add(resolver.resolve(name).orElseThrow(() -> new InputFormatException(lineNumber,
                "no limits known for device '" + name + "' (give --device or --limits)")));
        }
        return new Run(table.lines(), devices, fsBlockBytes, fromExtents).report(table);
    }

    /**
     * Checks a table as written (by hand or by a tool): its offsets are the author's, so the fix hints
     * speak of offsets and partitions, not of the file system.
     */
    public AlignmentReport check(LinearTable table, DeviceResolver resolver) throws InputFormatException {
        return check(table, resolver, OptionalLong.empty(), false);
    }

    /** One prediction: the message list, and the findings per line. */
    private final class Run {
        private final List<LinearLine> lines;
        private final List<BlockDevice> devices;
        private final OptionalLong fsBlockBytes;
        private final List<KernelMessage> messages = new ArrayList<>();
        private final List<List<Finding>> findings = new ArrayList<>();

        /** The lines map a file's extents: a file system's block size decides where they start. */
        private final boolean fromExtents;

        Run(List<LinearLine> lines, List<BlockDevice> devices, OptionalLong fsBlockBytes, boolean fromExtents) {
            this.fromExtents = fromExtents;
            this.lines = lines;
            this.devices = devices;
            this.fsBlockBytes = fsBlockBytes;
            lines.forEach(l -> findings.add(new ArrayList<>()));
        }

        AlignmentReport report(LinearTable table) {
            Optional<StackedLimits> result = Optional.empty();
            List<String> notChecked = new ArrayList<>();
            if (!lines.isEmpty()) {
                result = createDevice();
                collectFindings();
                notChecked = sizeUnknownFindings();
            }
            List<LineReport> reports = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                reports.add(new LineReport(i, lines.get(i), devices.get(i).kernelName(), alignmentAt(i), findings.get(i)));
            }
            AlignmentReport.Decision decision = result.isEmpty() ? AlignmentReport.Decision.REJECTED
                : notChecked.isEmpty() ? AlignmentReport.Decision.ACCEPTED : AlignmentReport.Decision.UNKNOWN;
            return new AlignmentReport(kernel, table, reports, messages, decision, result, Optional.empty(), notChecked);
        }

        /**
         * {@code device_area_is_invalid} needs each device's size; where it is unknown the check is not
         * made, and a line nothing else rejects is UNKNOWN, not OK. Returns what was not checked.
         */
        private List<String> sizeUnknownFindings() {
            List<String> unknownDevices = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < lines.size(); i++) {
                BlockDevice dev = devices.get(i);
                if (dev.limits().sizeKnown()) {
                    continue;
                }
                if (seen.add(dev.kernelName())) {
                    unknownDevices.add(dev.kernelName());
                }
                if (findings.get(i).stream().noneMatch(f -> Verdict.of(f) == Verdict.REJECT)) {
                    LinearLine line = lines.get(i);
                    findings.get(i).add(finding(i, FindingKind.DEVICE_SIZE_UNKNOWN,
                        "not checked: the size of " + dev.kernelName() + " is unknown; the kernel rejects the table"
                            + " unless it has at least " + Long.toUnsignedString(line.offsetSector() + line.lengthSectors())
                            + " sectors",
                        "give the device size (--device-size, or a --device that exists here)"));
                }
            }
            if (unknownDevices.isEmpty()) {
                return List.of();
            }
            return List.of("device size unknown (" + String.join(", ", unknownDevices)
                + "): the too-small check (device_area_is_invalid) was not made");
        }

        /** The exact kernel sequence; stops at the first failure as the kernel does. */
        private Optional<StackedLimits> createDevice() {
            if (addTargets(true).isPresent()) {
                messages.add(new KernelMessage(KernelMessage.Level.WARNING, "ioctl", false,
                    "error adding target to table", OptionalInt.empty(), false));
                return Optional.empty();
            }
            Calculation load = calculate(true, false);
            if (load.failed) {
                messages.add(new KernelMessage(KernelMessage.Level.ERR, "core", false,
                    "Cannot calculate initial queue limits", OptionalInt.empty(), false));
                messages.add(new KernelMessage(KernelMessage.Level.ERR, "ioctl", false,
                    "unable to set up device queue for new table.", OptionalInt.empty(), false));
                return Optional.empty();
            }
            Calculation resume = calculate(true, true);
            return Optional.of(kernel.validatesLimits() ? resume.limits.validated() : resume.limits);
        }

        /** Findings for every line, going on past the first failure. */
        private void collectFindings() {
            addTargets(false);
            for (int i = 0; i < lines.size(); i++) {
                if (!StackedLimits.STACKING_DEFAULTS.stack(bottom(devices.get(i)), startOnQueue(i)).ok()) {
                    w1Findings(i);
                }
            }
            calculate(false, false);
            uniformOffsetNote();
        }

        // ---- dm_table_add_target / linear_ctr -------------------------------------------------

        /** Returns the failing line in strict mode. */
        private OptionalInt addTargets(boolean strict) {
            long expectedStart = 0;
            Claims claimed = new Claims();
            for (int i = 0; i < lines.size(); i++) {
                LinearLine line = lines.get(i);
                BlockDevice dev = devices.get(i);
                if (line.lengthSectors() != 0 && kernel.limitsTableSize() && line.endSector() > QueueLimits.MAX_SECTORS) {
                    // NEW dm_table_add_target: start + len > LLONG_MAX >> SECTOR_SHIFT
                    if (strict) {
                        messages.add(tableMessage(KernelMessage.Level.ERR, "too large device", i, false));
                        return OptionalInt.of(i);
                    }
                    findings.get(i).add(finding(i, FindingKind.TARGET_TOO_LARGE,
                        "ends at sector " + line.endSector() + ", past the largest device size ("
                            + QueueLimits.MAX_SECTORS + " sectors): too large device",
                        "the table cannot be longer than a block device can be; check the numbers"));
                } else if (line.lengthSectors() == 0) {
                    if (strict) {
                        messages.add(tableMessage(KernelMessage.Level.ERR, "zero-length target", i, false));
                        return OptionalInt.of(i);
                    }
                    findings.get(i).add(finding(i, FindingKind.ZERO_LENGTH_TARGET, "zero-length target",
                        "remove this line"));
                } else if (line.startSector() != expectedStart) {
                    if (strict) {
                        messages.add(tableMessage(KernelMessage.Level.ERR,
                            "linear: Gap in table" + errorCode("-EINVAL"), i, false));
                        return OptionalInt.of(i);
                    }
                    findings.get(i).add(finding(i, FindingKind.GAP_IN_TABLE,
                        "starts at sector " + line.startSector() + " but the previous line ends at " + expectedStart
                            + " (Gap in table)",
                        expectedStart == 0 && i == 0 ? "the first line must start at sector 0"
                            : "make lines contiguous: fill the hole with a 'zero' or 'error' target, or end the table there"));
                }
                Optional<BlockDevice> conflict = claimed.conflict(dev);
                if (conflict.isPresent()) {
                    if (strict) {
                        messages.add(tableMessage(KernelMessage.Level.ERR,
                            "linear: Device lookup failed" + errorCode("-EBUSY"), i, false));
                        return OptionalInt.of(i);
                    }
                    BlockDevice other = conflict.get();
                    findings.get(i).add(finding(i, FindingKind.DISK_AND_PARTITION_CLAIMED,
                        dev.kernelName() + " and " + other.kernelName() + " (" + other.tableName()
                            + ", used by an earlier line) are a disk and its partition; dm cannot claim both (EBUSY)",
                        "map only the partition (offsets relative to it) or only the whole disk"));
                }
                claimed.add(dev, i);
                expectedStart = line.endSector();
            }
            return OptionalInt.empty();
        }

        /**
         * {@code bd_may_claim}: a partition and its whole disk cannot both be held. Hash lookups by
         * name, so a long table costs linear time, not a scan of every earlier line per line.
         */
        private final class Claims {
            private final Map<String, Integer> byName = new HashMap<>();
            private final Map<String, Integer> partitionByDisk = new HashMap<>();

            void add(BlockDevice dev, int index) {
                byName.putIfAbsent(dev.kernelName(), index);
                if (!dev.diskKernelName().equals(dev.kernelName())) {
                    partitionByDisk.putIfAbsent(dev.diskKernelName(), index);
                }
            }

            /** The earliest claimed device that is this one's disk, or a partition of it. */
            Optional<BlockDevice> conflict(BlockDevice dev) {
                int first = Integer.MAX_VALUE;
                if (!dev.diskKernelName().equals(dev.kernelName())) {
                    first = byName.getOrDefault(dev.diskKernelName(), first);
                }
                Integer partition = partitionByDisk.get(dev.kernelName());
                if (partition != null && !devices.get(partition).kernelName().equals(dev.kernelName())) {
                    first = Math.min(first, partition);
                }
                return first == Integer.MAX_VALUE ? Optional.empty() : Optional.of(devices.get(first));
            }
        }

        private String errorCode(String code) {
            return kernel.printsErrorCode() ? " (" + code + ")" : "";
        }

        // ---- dm_calculate_queue_limits ----------------------------------------------------------

        private final class Calculation {
            StackedLimits limits = StackedLimits.STACKING_DEFAULTS;
            boolean failed;
        }

        private Calculation calculate(boolean strict, boolean resume) {
            Calculation calc = new Calculation();
            Set<Integer> rejected = new HashSet<>();
            for (int i = 0; i < lines.size(); i++) {
                LinearLine line = lines.get(i);
                StackedLimits ti = setDeviceLimits(i, strict, resume);
                Optional<Invalid> invalid = deviceAreaIsInvalid(ti, i);
                if (invalid.isPresent()) {
                    if (strict) {
                        messages.add(tableMessage(rejectionLevel(), invalid.get().message(), i, resume));
                        calc.failed = true;
                        return calc;
                    }
                    findings.get(i).add(invalid.get().finding());
                    rejected.add(i);
                    continue;
                }
                StackedLimits.Stacked folded = calc.limits.stack(ti, 0);
                if (!folded.ok()) {
                    if (strict) {
                        messages.add(tableMessage(KernelMessage.Level.WARNING, "adding target device (start sect "
                            + line.startSector() + " len " + line.lengthSectors()
                            + ") caused an alignment inconsistency", i, resume));
                    } else {
                        findings.get(i).add(w2Finding(calc.limits, ti, i));
                    }
                }
                calc.limits = folded.top();
            }
            if (!validateHardwareLogicalBlockAlignment(calc.limits, strict, resume, rejected)) {
                calc.failed = true;
            }
            return calc;
        }

        /** {@code dm_set_device_limits} into fresh stacking limits; W1 when it fails. */
        private StackedLimits setDeviceLimits(int i, boolean strict, boolean resume) {
            BlockDevice dev = devices.get(i);
            LinearLine line = lines.get(i);
            StackedLimits bottom = bottom(dev);
            StackedLimits.Stacked stacked = StackedLimits.STACKING_DEFAULTS.stack(bottom, startOnQueue(i));
            if (!stacked.ok() && strict) {
                QueueLimits q = dev.limits();
                messages.add(tableMessage(KernelMessage.Level.WARNING, "adding target device " + dev.kernelName()
                    + " caused an alignment inconsistency: physical_block_size=" + q.pbsBytes()
                    + ", logical_block_size=" + q.lbsBytes() + ", alignment_offset=" + q.alignmentOffsetBytes()
                    // (unsigned long long) start << SECTOR_SHIFT, which wraps as in C
                    + ", start=" + Long.toUnsignedString(line.offsetSector() << 9), i, resume));
            }
            return stacked.top();
        }

        private StackedLimits bottom(BlockDevice dev) {
            StackedLimits b = StackedLimits.of(dev.limits());
            if (kernel.validatesLimits()) {
                // blk_validate_limits already rounded the bottom queue's io_opt down to its pbs
                b = new StackedLimits(b.lbsBytes(), b.pbsBytes(), b.ioMinBytes(),
                    b.ioOptBytes() - b.ioOptBytes() % b.pbsBytes(), b.alignmentOffsetBytes(), b.misaligned());
            }
            return b;
        }

        /** {@code get_start_sect(bdev) + start}: a u64 sector (both are below 2^63, so it does not wrap). */
        private long startOnQueue(int i) {
            return devices.get(i).limits().partStartSectors() + lines.get(i).offsetSector();
        }

        private long alignmentAt(int i) {
            return bottom(devices.get(i)).alignmentOffsetAt(startOnQueue(i));
        }

        /** A {@code device_area_is_invalid} failure: the kernel's text and the finding. */
        private record Invalid(String message, Finding finding) {
        }

        /** {@code device_area_is_invalid}: empty when the area is fine. */
        private Optional<Invalid> deviceAreaIsInvalid(StackedLimits ti, int i) {
            LinearLine line = lines.get(i);
            BlockDevice dev = devices.get(i);
            long devSize = dev.limits().deviceSectors();
            long start = line.offsetSector();
            long len = line.lengthSectors();
            // The kernel skips every check of a 0-sector device. Size 0 here means unknown, and a device
            // a table maps has sectors: only the too-small check is left out (and reported as not made).
            // sector_t sums: start and len are below 2^63, so start + len is exact as an unsigned long
            long end = start + len;
            if (devSize != 0 && (start >= devSize || Long.compareUnsigned(end, devSize) > 0)) {
                return Optional.of(new Invalid(dev.kernelName() + " too small for target: start=" + start + ", len=" + len
                    + ", dev_size=" + devSize,
                    finding(i, FindingKind.TARGET_PAST_DEVICE_END,
                    "ends at sector " + Long.toUnsignedString(end) + " of " + dev.kernelName() + ", which has only "
                        + devSize + " sectors",
                    "shorten the line or point it at the right (larger) device")));
            }
            long lbsSectors = ti.lbsBytes() >> 9;
            if (lbsSectors <= 1) {
                return Optional.empty();
            }
            String lbs = bytes(ti.lbsBytes());
            if ((start & (lbsSectors - 1)) != 0) {
                return Optional.of(new Invalid("start=" + start + " not aligned to h/w logical block size " + ti.lbsBytes()
                    + " of " + dev.kernelName(),
                    finding(i, FindingKind.OFFSET_NOT_LOGICAL_BLOCK_ALIGNED,
                    "offset " + start + " is not a multiple of " + lbsSectors + " sectors: " + dev.kernelName()
                        + " has " + ti.lbsBytes() + "-byte logical blocks",
                    "the device can only address whole " + lbs + " blocks: " + (fromExtents
                        ? "make the file system with " + lbs + " blocks (or larger) so extents start on " + lbs + " boundaries"
                        : "start the line at a multiple of " + lbsSectors + " sectors"))));
            }
            if ((len & (lbsSectors - 1)) != 0) {
                return Optional.of(new Invalid("len=" + len + " not aligned to h/w logical block size " + ti.lbsBytes()
                    + " of " + dev.kernelName(),
                    finding(i, FindingKind.LENGTH_NOT_LOGICAL_BLOCK_ALIGNED,
                    "length " + len + " is not a multiple of " + lbsSectors + " sectors: " + dev.kernelName()
                        + " has " + ti.lbsBytes() + "-byte logical blocks",
                    "round the length to whole " + lbs + " blocks (e.g. a wanted size that is a multiple of " + lbs
                        + ")")));
            }
            return Optional.empty();
        }

        private boolean validateHardwareLogicalBlockAlignment(StackedLimits limits, boolean strict, boolean resume,
                                                              Set<Integer> skip) {
            long deviceLbsSectors = limits.lbsBytes() >> 9;
            long next = 0;
            long remaining = 0;
            int i = 0;
            for (; i < lines.size(); i++) {
                LinearLine line = lines.get(i);
                // the kernel re-stacks each target's devices here, so W1 is printed a second time
                StackedLimits ti = setDeviceLimits(i, strict, resume);
                if (remaining < line.lengthSectors() && (remaining & ((ti.lbsBytes() >> 9) - 1)) != 0) {
                    if (strict) {
                        break;
                    }
                    if (!skip.contains(i)) {
                        findings.get(i).add(validateFinding(i, remaining, deviceLbsSectors));
                    }
                }
                next = (next + line.lengthSectors()) & (deviceLbsSectors - 1);
                remaining = next != 0 ? deviceLbsSectors - next : 0;
            }
            if (remaining == 0) {
                return true;
            }
            int last = lines.size() - 1;
            if (strict) {
                LinearLine at = lines.get(Math.min(i, last));
                messages.add(tableMessage(rejectionLevel(), "table line " + i + " (start sect " + at.startSector()
                    + " len " + at.lengthSectors() + ") not aligned to h/w logical block size " + limits.lbsBytes(),
                    Math.min(i, last), resume));
            } else if (!skip.contains(last)) {
                findings.get(last).add(validateFinding(last, remaining, deviceLbsSectors));
            }
            return false;
        }

        private Finding validateFinding(int i, long remaining, long deviceLbsSectors) {
            LinearLine line = lines.get(i);
            String lbs = bytes(deviceLbsSectors * 512);
            return finding(i, FindingKind.TABLE_BOUNDARY_NOT_LOGICAL_BLOCK_ALIGNED,
                "the table boundary at sector " + (i == lines.size() - 1 && remaining != 0 ? line.endSector()
                    : line.startSector()) + " is not a multiple of " + deviceLbsSectors
                    + " sectors (the table's logical block is " + lbs + ")",
                "make every line's length a multiple of " + deviceLbsSectors + " sectors");
        }

        private KernelMessage.Level rejectionLevel() {
            return kernel.rejectionsAreErrors() ? KernelMessage.Level.ERR : KernelMessage.Level.WARNING;
        }

        private KernelMessage tableMessage(KernelMessage.Level level, String text, int line, boolean resume) {
            return new KernelMessage(level, TABLE, true, text, OptionalInt.of(line), resume);
        }

        // ---- findings for the warnings ------------------------------------------------------------

        /** W1 causes, the conditions of {@code blk_stack_limits} against fresh stacking limits. */
        private void w1Findings(int i) {
            BlockDevice dev = devices.get(i);
            StackedLimits b = bottom(dev);
            long a = b.alignmentOffsetAt(startOnQueue(i));
            String name = dev.kernelName();
            List<String> causes = new ArrayList<>();
            if (a % 512 != 0) {
                causes.add(name + "'s alignment_offset " + dev.limits().alignmentOffsetBytes()
                    + " is not a multiple of 512");
            }
            if ((b.pbsBytes() & (b.lbsBytes() - 1)) != 0) {
                causes.add("physical_block_size " + b.pbsBytes() + " is not a multiple of logical_block_size "
                    + b.lbsBytes());
            }
            if ((b.ioMinBytes() & (b.pbsBytes() - 1)) != 0) {
                causes.add("minimum_io_size " + b.ioMinBytes() + " is not a multiple of physical_block_size "
                    + b.pbsBytes());
            }
            if ((b.ioOptBytes() & (b.pbsBytes() - 1)) != 0) {
                causes.add("optimal_io_size " + b.ioOptBytes() + " is not a multiple of physical_block_size "
                    + b.pbsBytes());
            }
            if (causes.isEmpty()) {
                causes.add("the alignment offset " + a + " at this start is not a multiple of logical_block_size "
                    + b.lbsBytes());
            }
            boolean ioOptOnly = causes.size() == 1 && causes.get(0).startsWith("optimal_io_size");
            findings.get(i).add(finding(i, FindingKind.DEVICE_LIMITS_INCONSISTENT,
                "W1: " + String.join("; ", causes) + " (printed for every load, twice per limits calculation)",
                ioOptOnly ? "a device (often a USB bridge) reports a bogus optimal I/O size; harmless for the data."
                    + " Newer kernels (blk_validate_limits) round it down and stay quiet"
                    : "the device reports inconsistent limits; check /sys/class/block/" + name + "/queue"));
        }

        private Finding w2Finding(StackedLimits tableBefore, StackedLimits ti, int i) {
            long g = ti.granularityBytes();
            long a = ti.alignmentOffsetBytes();
            long ref = tableBefore.alignmentOffsetBytes();
            if (a == ref) {
                return finding(i, FindingKind.ALIGNMENT_INCONSISTENCY,
                    "W2: this line's limits (lbs " + ti.lbsBytes() + ", pbs " + ti.pbsBytes()
                        + ") do not stack with the lines before",
                    "put lines on devices with the same block sizes");
            }
            long into = Math.floorMod(g - a, g);
            long refInto = Math.floorMod(tableBefore.granularityBytes() - ref, tableBefore.granularityBytes());
            String block = bytes(g);
            long gSectors = g >> 9;
            List<String> fixes = new ArrayList<>();
            if (fromExtents && (fsBlockBytes.isEmpty() || fsBlockBytes.getAsLong() < g)) {
                fixes.add("make the file system with " + block + " blocks");
            }
            long partStart = devices.get(i).limits().partStartSectors();
            if (partStart % gSectors != 0) {
                fixes.add("start the partition at a multiple of " + gSectors + " sectors");
            }
            if (fixes.isEmpty()) {
                fixes.add("use device offsets that are all the same modulo " + gSectors + " sectors");
            }
            String why = into == 0
                ? "starts on a " + bytes(g) + " boundary, but the lines before start " + bytes(refInto) + " into a block"
                : "starts " + bytes(into) + " into a " + bytes(g) + " physical block, the lines before start "
                    + bytes(refInto) + " into one";
            String where = into == 0
                ? "the lines before are off the " + bytes(g) + " grid (the kernel compares each line with them)"
                : "starts " + bytes(into) + " into a " + bytes(g) + " physical block";
            return finding(i, FindingKind.ALIGNMENT_INCONSISTENCY,
                "W2: " + why + " (alignment offset " + a + " vs " + ref + ")",
                where + ": " + String.join(", or ", fixes));
        }

        /** A table that is uniformly off the physical grid is accepted silently; say so. */
        private void uniformOffsetNote() {
            for (int i = 0; i < lines.size(); i++) {
                List<Finding> f = findings.get(i);
                long a = alignmentAt(i);
                if (a != 0 && f.stream().noneMatch(x -> Verdict.of(x) != Verdict.OK)) {
                    long g = bottom(devices.get(i)).granularityBytes();
                    f.add(finding(i, FindingKind.OFF_PHYSICAL_BLOCK_GRID,
                        "starts " + bytes(Math.floorMod(g - a, g)) + " into a " + bytes(g)
                            + " physical block (alignment offset " + a + "); accepted, no message",
                        "writes smaller than " + bytes(g) + " cost a read-modify-write in the disk; align the"
                            + " partition or file system to " + bytes(g) + " for speed"));
                }
            }
        }
    }

    /** A finding on table line {@code i} (0-based), located by its 1-based line number. */
    private static Finding finding(int i, FindingKind kind, String message, String hint) {
        return Finding.of(kind, Location.line(i + 1L), message, hint);
    }

    private static String bytes(long n) {
        return n != 0 && n % 1024 == 0 ? (n / 1024) + " KiB" : n + " bytes";
    }
}
