package dev.cowscope.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cowscope.alignment.AlignmentReport;
import dev.cowscope.alignment.CheckedTable;
import dev.cowscope.alignment.KernelMessage;
import dev.cowscope.alignment.KernelVersion;
import dev.cowscope.alignment.LineReport;
import dev.cowscope.alignment.StackedLimits;
import dev.cowscope.alignment.TableBuild;
import dev.cowscope.alignment.Verdict;
import dev.cowscope.format.Finding;
import java.util.List;

/**
 * The {@code align --json} report, which the Alignment tab exports byte for byte: a contract (field
 * names never change; fields are only added, after the old ones). {@code null} means "not known"
 * ({@code accepted} of an UNKNOWN table, {@code alignmentOffset} unless accepted) and is printed.
 */
public record AlignReport(String kernel, List<Table> reports) {
    /**
     * One checked table.
     *
     * @param build how the table was built from extents; absent (not null) for a table given as text
     */
    public record Table(String source, String verdict, Boolean accepted, List<String> notChecked, Long alignmentOffset,
                        int rejectedLines, int warnings, String summary, String outcome,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Build build, List<Line> lines,
                        List<KernelLine> kernelMessages, Limits resultingLimits, String table) {
    }

    public record Build(int extentsBefore, int extentsAfter, List<Issue> issues) {
    }

    public record Issue(int extentIndex, boolean error, String message) {
    }

    public record Line(int index, long startSector, long lengthSectors, String device, long offsetSector,
                       String deviceKernelName, long alignmentOffsetBytes, String verdict, String reason, String hint,
                       List<LineFinding> findings) {
    }

    /**
     * A finding on a line.
     *
     * @param severity        the verdict it gives the line (OK, UNKNOWN, WARN, REJECT), as before {@code kind}
     * @param rule            the kernel check ({@link dev.cowscope.format.FindingKind#kernelCheck()})
     * @param kind            the stable finding code, as {@code inspect} prints its findings' kinds
     * @param location        {@code line N}, 1-based
     * @param findingSeverity INFO, WARNING or ERROR, the scale {@code inspect} uses
     */
    public record LineFinding(String severity, String rule, String reason, String hint, String kind, String location,
                              String findingSeverity) {
        static LineFinding of(Finding f) {
            return new LineFinding(Verdict.of(f).name(), f.kind().kernelCheck(), f.message(), f.hint(), f.kind().name(),
                f.location().toString(), f.severity().name());
        }
    }

    /** @param phase {@code load} or {@code resume} */
    public record KernelLine(String level, String phase, Integer lineIndex, String message) {
        static KernelLine of(KernelMessage m) {
            return new KernelLine(m.level().name(), m.resume() ? "resume" : "load",
                m.lineIndex().isPresent() ? m.lineIndex().getAsInt() : null, m.render());
        }
    }

    public record Limits(long lbsBytes, long pbsBytes, long ioMinBytes, long ioOptBytes, long alignmentOffsetBytes,
                         boolean misaligned) {
        static Limits of(StackedLimits s) {
            return new Limits(s.lbsBytes(), s.pbsBytes(), s.ioMinBytes(), s.ioOptBytes(), s.alignmentOffsetBytes(),
                s.misaligned());
        }
    }

    public static AlignReport of(KernelVersion kernel, List<CheckedTable> tables) {
        return new AlignReport(kernel.label(), tables.stream().map(AlignReport::table).toList());
    }

    private static Table table(CheckedTable c) {
        AlignmentReport r = c.report();
        boolean unknown = r.decision() == AlignmentReport.Decision.UNKNOWN;
        return new Table(c.source(), r.decision().name(), unknown ? null : r.accepted(), r.notChecked(),
            r.predictedAlignmentOffset().isPresent() ? r.predictedAlignmentOffset().getAsLong() : null,
            r.rejectedLines(), r.warnedLines(), r.summary(), r.outcome(), r.build().map(AlignReport::build).orElse(null),
            r.lines().stream().map(AlignReport::line).toList(), r.kernelMessages().stream().map(KernelLine::of).toList(),
            r.resultingLimits().map(Limits::of).orElse(null), r.tableText());
    }

    private static Build build(TableBuild b) {
        return new Build(b.extentsBefore(), b.extentsAfter(),
            b.issues().stream().map(i -> new Issue(i.extentIndex(), i.error(), i.message())).toList());
    }

    private static Line line(LineReport l) {
        return new Line(l.index(), l.line().startSector(), l.line().lengthSectors(), l.line().device(),
            l.line().offsetSector(), l.deviceKernelName(), l.alignmentOffsetBytes(), l.verdict().name(), l.reason(),
            l.hint(), l.findings().stream().map(LineFinding::of).toList());
    }
}
