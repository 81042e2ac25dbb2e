package dev.cowscope.ui.merge;

import dev.cowscope.format.Units;
import dev.cowscope.merge.CrashPoint;
import dev.cowscope.merge.CrashReplay;
import dev.cowscope.merge.CrashState;
import dev.cowscope.merge.MergeEstimate;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeStep;
import dev.cowscope.merge.MergeTotals;
import dev.cowscope.merge.MergeWording;
import dev.cowscope.merge.OfflineMerge;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.map.CowChunkRole;
import java.util.Locale;

/**
 * The Merge tab's paragraphs, kept out of its models. Sentences {@code merge plan} prints too come
 * from the engine's {@link MergeWording}, so both faces say them alike.
 */
final class MergeProse {
    static final String NOTHING_OPEN = "Open a COW image to plan its merge. The strategy comparison below works without one.";
    static final String OFFLINE_NEEDS_ORIGIN = "Attach the origin to merge it with the COW into a new file.";
    static final String OFFLINE_NO_ORIGIN_DIALOG = "Attach the origin (File ▸ Attach origin…) to merge it with the COW into a new file.";
    static final String OFFLINE_ABOUT = "Writes the origin with the COW merged into it to a new file, byte for byte what the kernel's "
            + "merge leaves on the origin (temp file, fsync, rename). The origin and the COW are only read. Needs the origin attached.";
    static final String STRATEGY_ABOUT = "A (Android's plan): the update is written to the snapshot, the trial boot runs on it, and "
            + "success is made permanent by merging it into the origin. B (the dm maintainer's advice): the update is written to the "
            + "origin while the snapshot keeps the old data, and only a failure merges the snapshot back.";

    private MergeProse() {
        throw new AssertionError("no instances");
    }

    static String plannedWhenShown(String name) {
        return "The merge of " + name + " is planned when this tab is shown.";
    }

    static String planning(String name) {
        return "Planning the merge of " + name + " …";
    }

    static String headline(MergePlan plan) {
        MergeTotals t = plan.totals();
        String warning = MergeWording.pastOriginEnd(plan);
        return String.format(Locale.ROOT, "%s steps merge %s chunks (%s) newest first, one copy in flight; %s of them copy a single chunk.%s",
                Formats.grouped(t.steps()), Formats.grouped(t.chunks()), Units.human(t.bytesWritten()),
                Formats.grouped(t.singleChunkSteps()), warning.isEmpty() ? "" : " Warning: " + warning + ".");
    }

    static String estimate(MergePlan plan, MergeEstimate e) {
        MergeTotals t = plan.totals();
        return String.format(Locale.ROOT, "%s; %s copied, %s flushes.", MergeWording.estimate(e), Units.human(t.bytesWritten()),
                Formats.grouped(t.flushes()));
    }

    static String whySlow(MergeTotals t, MergeEstimate e) {
        if (t.steps() == 0) {
            return "Nothing to merge.";
        }
        return String.format(Locale.ROOT, "%.1f %% of the time is spent waiting for flushes. Each of the %s steps copies one run and "
                        + "then waits for two flushes (blkdev_issue_flush of the origin, then the REQ_PREFLUSH|REQ_FUA write of its area) "
                        + "before the next copy may start. %s of %s steps copy a single chunk: scattered writes make many small steps. %s.",
                100 * e.flushShare(), Formats.grouped(t.steps()), Formats.grouped(t.singleChunkSteps()), Formats.grouped(t.steps()),
                MergeWording.whySlow(t, e));
    }

    /** The estimate fields' problems, each after its field's name as {@code merge plan} puts its option's. */
    static String inputErrors(String throughputError, String latencyError) {
        String t = throughputError.isEmpty() ? "" : "Throughput: " + throughputError;
        String l = latencyError.isEmpty() ? "" : "Flush latency: " + latencyError;
        return t.isEmpty() || l.isEmpty() ? t + l : t + "; " + l;
    }

    /** Hover text for {@code chunks} map cells from {@code first}. */
    static String chunk(MergedCells c, long first, long chunks) {
        if (chunks > 1) {
            int[] counts = new int[c.roleCount()];
            c.countRoles(first, Math.min(c.chunkCount(), first + chunks), counts);
            return String.format(Locale.ROOT, "chunks %s – %s: %s merged, %s still to merge", Formats.grouped(first),
                    Formats.grouped(first + chunks - 1), Formats.grouped(counts[MergedCells.MERGED]),
                    Formats.grouped(counts[CowChunkRole.DATA.ordinal()]));
        }
        int role = c.roleAt(first);
        String what = role == MergedCells.MERGED ? "Merged (its entry is zeroed, the origin holds its data)"
                : CowChunkRole.of(role).label();
        int stepOf = c.stepMerging(first);
        return "COW chunk " + Formats.grouped(first) + "\n" + what + (stepOf >= 0 ? "\nmerged by step " + Formats.grouped(stepOf) : "");
    }

    static String crash(MergePlan plan, CrashState c) {
        MergeStep s = plan.step(c.step());
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Power lost during step %s, %s.%n%n", Formats.grouped(c.step()),
                MergeWording.crashPoint(c.point())));
        text.append(String.format(Locale.ROOT, "On disk: %s step(s) committed; %s entries remain in the COW (%s zeroed by commits); "
                        + "%s origin chunks already hold the snapshot's data%s.%n%n",
                Formats.grouped(c.stepsCommitted()), Formats.grouped(c.entriesOnDisk()), Formats.grouped(c.entriesZeroed()),
                Formats.grouped(c.originChunksWritten()),
                c.point() == CrashPoint.BEFORE_COMMIT ? " (this step's " + s.chunks() + " perhaps only in part)" : ""));
        text.append("Next activation: ").append(c.recovery()).append(String.format(Locale.ROOT,
                " The merge resumes with step %s of this plan; status at reload: %s.%n%n",
                Formats.grouped(c.resumeStep()), c.usageAtActivation().params()));
        text.append("Why the snapshot view is unchanged: an origin chunk's entry is zeroed only by the commit that follows the "
                + "flush of its copy, so every origin chunk either still has its entry (reads go to its COW chunk, which a merge "
                + "never overwrites) or already holds that chunk's data on the origin.");
        return text.toString();
    }

    static String proofNeedsOrigin(CrashState c) {
        return "No origin attached, so the view is not rebuilt. Attach the origin (File ▸ Attach origin…) and press "
                + "Crash here again: CowScope then replays steps 0…" + c.step() + " with the kernel's procedure on in-memory "
                + "copies of the origin and the COW (your files are only read), cuts it " + MergeWording.crashPoint(c.point())
                + ", re-reads the crashed COW as the next activation does, and hashes the snapshot view it serves: "
                + "its sha256 must equal the pre-merge view's.";
    }

    static String proof(CrashReplay.Proof p) {
        String verdict = p.viewUnchanged() ? "equal: the snapshot view is unchanged." : "DIFFERENT: the crash changed the view!";
        String reload = p.matchesSimulator()
                ? String.format(Locale.ROOT, "The crashed COW reloads with %s entries (status %s), as predicted.",
                        Formats.grouped(p.entriesReloaded()), p.usageReloaded().params())
                : String.format(Locale.ROOT, "The crashed COW reloads with %s entries (status %s), not the predicted %s (%s).",
                        Formats.grouped(p.entriesReloaded()), p.usageReloaded().params(),
                        Formats.grouped(p.crash().entriesOnDisk()), p.crash().usageAtActivation().params());
        return "Crashed state's view  sha256 " + p.crashedSha256() + "\n"
                + "Pre-merge view        sha256 " + p.preMergeSha256() + "\n"
                + verdict + " " + reload + " (replayed in memory: " + Units.human(p.overlayBytes()) + ")";
    }

    static String offlineMerged(OfflineMerge.Result result) {
        return String.format(Locale.ROOT, "Merged origin written to %s: %s; %s origin chunks taken from the COW "
                        + "(the kernel would take %s steps), %s left as holes. It is what the kernel's merge leaves on the origin.",
                result.target(), Formats.bytes(result.sizeBytes()), Formats.grouped(result.chunksMerged()),
                Formats.grouped(result.stepsMerged()), Units.human(result.holeBytes()));
    }
}
