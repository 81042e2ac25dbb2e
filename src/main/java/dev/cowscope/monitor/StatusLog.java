package dev.cowscope.monitor;

import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Location;
import dev.cowscope.format.Progress;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.StatusLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recorded status log: lines of {@code <time> <status>}, where the status is what
 * {@code dmsetup status [NAME]} prints, with or without {@code NAME: } and the {@code START LENGTH snapshot}
 * prefix, and the time is seconds or ISO-8601 ({@link LogTime}). Lines that are not such a sample are
 * counted by reason and reported, never fatal; blank lines and {@code #} comments are skipped.
 *
 * @param base how the log writes times
 * @param series the chosen snapshot's samples
 * @param names every snapshot name the log has lines for ("" for lines without a name), in first-seen order
 * @param lines lines read
 * @param ignored lines not used, by reason
 * @param findings what a reader of the log should know (ignored lines, time going backwards, a cut-off)
 */
public record StatusLog(LogTime.Base base, FillSeries series, List<String> names, long lines,
                        Map<Ignored, Long> ignored, List<Finding> findings) {
    /** A line longer than this is not a status line (dmsetup's longest is under 200 characters). */
    static final int MAX_LINE_BYTES = 4096;

    /** Why a line was not used. */
    public enum Ignored {
        UNREADABLE_TIME("no time stamp we read at the start"),
        NOT_A_SNAPSHOT_STATUS("not a snapshot or snapshot-merge status"),
        OTHER_TIME_FORM("a time stamp in another form than the log's first"),
        TIME_WENT_BACKWARDS("earlier than the sample before it"),
        TOO_LONG("longer than " + MAX_LINE_BYTES + " bytes"),
        OTHER_SNAPSHOT("another snapshot's line"),
        PAST_SAMPLE_LIMIT("past the samples we hold (" + FillSeries.MAX_SAMPLES + ")");

        private final String words;

        Ignored(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The log's lines could not be made into one snapshot's samples (several snapshots, none named). */
    public static final class LogException extends IOException {
        private static final long serialVersionUID = 1L;

        public LogException(String message) {
            super(message);
        }
    }

    public long ignoredTotal() {
        return ignored.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Reads a log file.
     *
     * @param name the snapshot to follow, or null: then the log must hold one snapshot's lines
     */
    public static StatusLog read(Path file, String name, Progress progress) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a status log");
        }
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.isRegularFile(file) ? Files.size(file) : -1;
            return read(in, size, name, progress);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": permission denied", e);
        }
    }

    /** Reads a log from a stream of {@code sizeBytes} (-1 when unknown, for progress only). */
    public static StatusLog read(InputStream raw, long sizeBytes, String name, Progress progress) throws IOException {
        return read(raw, sizeBytes, name, progress, FillSeries.MAX_SAMPLES);
    }

    /** As above, holding at most {@code maxSamples} (tests of the cut-off). */
    static StatusLog read(InputStream raw, long sizeBytes, String name, Progress progress, int maxSamples) throws IOException {
        Reader r = new Reader(name, maxSamples);
        progress.begin("Reading the status log", sizeBytes);
        byte[] buffer = new byte[1 << 16];
        byte[] line = new byte[MAX_LINE_BYTES];
        int len = 0;
        boolean tooLong = false;
        boolean pending = false; // bytes seen since the last newline
        for (int n = raw.read(buffer); n >= 0; n = raw.read(buffer)) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    r.line(tooLong ? null : new String(line, 0, len, StandardCharsets.UTF_8));
                    len = 0;
                    tooLong = false;
                    pending = false;
                } else if (len < MAX_LINE_BYTES) {
                    line[len++] = b;
                    pending = true;
                } else {
                    tooLong = true;
                }
            }
            progress.checkCancelled();
            progress.worked(n);
        }
        if (pending || tooLong) {
            r.line(tooLong ? null : new String(line, 0, len, StandardCharsets.UTF_8));
        }
        return r.finish();
    }

    /** One pass over the lines: samples per snapshot name, counts of what was skipped. */
    private static final class Reader {
        private final String wanted;
        private final int maxSamples;
        private final Map<String, FillSeries> byName = new LinkedHashMap<>();
        private final Map<Ignored, Long> ignored = new EnumMap<>(Ignored.class);
        private final Map<Ignored, Long> firstLine = new EnumMap<>(Ignored.class);
        private LogTime.Base base;
        private long lines;
        private int held;

        Reader(String wanted, int maxSamples) {
            this.wanted = wanted;
            this.maxSamples = maxSamples;
        }

        void line(String text) {
            lines++;
            if (text == null) {
                skip(Ignored.TOO_LONG);
                return;
            }
            String t = text.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                return;
            }
            int cut = firstSpace(t);
            String stamp = cut < 0 ? t : t.substring(0, cut);
            String rest = cut < 0 ? "" : t.substring(cut + 1).strip();
            int timeEnd = firstSpace(rest);
            if (isDate(stamp) && timeEnd > 0 && rest.indexOf(':') > 0 && rest.indexOf(':') < timeEnd) {
                stamp = stamp + "T" + rest.substring(0, timeEnd); // "2026-12-05 10:00:00 …"
                rest = rest.substring(timeEnd + 1).strip();
            }
            LogTime.Stamp at = LogTime.parse(stamp);
            if (at == null) {
                skip(Ignored.UNREADABLE_TIME);
                return;
            }
            if (base == null) {
                base = at.base();
            } else if (at.base() != base) {
                skip(Ignored.OTHER_TIME_FORM);
                return;
            }
            StatusLine status = statusOf(rest);
            if (status == null) {
                skip(Ignored.NOT_A_SNAPSHOT_STATUS);
                return;
            }
            if (wanted != null && !wanted.equals(status.name())) {
                byName.computeIfAbsent(status.name(), FillSeries::new);
                skip(Ignored.OTHER_SNAPSHOT);
                return;
            }
            FillSeries series = byName.computeIfAbsent(status.name(), FillSeries::new);
            if (at.micros() < series.lastMicros()) {
                skip(Ignored.TIME_WENT_BACKWARDS);
                return;
            }
            if (held >= maxSamples || !series.add(at.micros(), status)) {
                skip(Ignored.PAST_SAMPLE_LIMIT);
                return;
            }
            held++;
        }

        private void skip(Ignored why) {
            ignored.merge(why, 1L, Long::sum);
            firstLine.putIfAbsent(why, lines);
        }

        StatusLog finish() throws LogException {
            List<String> names = new ArrayList<>(byName.keySet());
            FillSeries chosen;
            if (wanted != null) {
                chosen = byName.get(wanted);
                if (chosen == null || chosen.size() == 0) {
                    throw new LogException("no status lines of snapshot '" + wanted + "'"
                            + (names.isEmpty() ? "" : "; the log has lines of: " + quoted(names)));
                }
            } else if (byName.size() > 1) {
                throw new LogException("the log holds the status of " + byName.size() + " snapshots ("
                        + quoted(names) + "); choose one with --name");
            } else {
                chosen = byName.isEmpty() ? new FillSeries("") : byName.values().iterator().next();
            }
            List<Finding> findings = new ArrayList<>();
            for (Map.Entry<Ignored, Long> e : ignored.entrySet()) {
                if (e.getKey() == Ignored.OTHER_SNAPSHOT) {
                    continue; // asked for: not worth a finding
                }
                FindingKind kind = switch (e.getKey()) {
                    case TIME_WENT_BACKWARDS -> FindingKind.LOG_TIME_BACKWARDS;
                    case PAST_SAMPLE_LIMIT -> FindingKind.LOG_CUT_OFF;
                    default -> FindingKind.LOG_LINES_IGNORED;
                };
                long n = e.getValue();
                findings.add(Finding.of(kind, Location.line(firstLine.get(e.getKey())),
                        String.format(Locale.ROOT, "%d line%s ignored: %s (first: line %d)", n, n == 1 ? "" : "s",
                                e.getKey().words(), firstLine.get(e.getKey()))));
            }
            return new StatusLog(base == null ? LogTime.Base.SECONDS : base, chosen, List.copyOf(names), lines,
                    Map.copyOf(ignored), List.copyOf(findings));
        }
    }

    /** The status part of a line: a full {@code dmsetup status} line or its parameters alone. */
    public static StatusLine statusOf(String rest) {
        var line = StatusLine.parse(rest);
        if (line.isPresent()) {
            return line.get();
        }
        return SnapshotStatus.parseParams(rest).map(s -> StatusLine.of(0, StatusLine.SNAPSHOT, s)).orElse(null);
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDate(String s) {
        return s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-';
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> n.isEmpty() ? "(no name)" : "'" + n + "'").toList());
    }
}
