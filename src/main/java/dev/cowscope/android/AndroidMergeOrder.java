package dev.cowscope.android;

import dev.cowscope.android.AndroidMergePlan.OrderKind;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.FindingCollector;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Location;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * The merge preparation of AOSP's {@code CowReader::Parse} ({@code PrepMergeOps} with
 * {@code GetSequenceDataV2} / {@code GetSequenceData}), then {@code VerifyMergeOps}, on a parsed
 * {@link AndroidCow}. AOSP's quirks are kept because they decide its verdict: the v2 walk stops at a
 * sequence op it cannot read (the failure itself is ignored, the entries stay zero), a second sequence
 * op writes over the first entries again, the other ops are sorted as signed {@code int}s, and a block
 * named twice maps to its first op. Everything is bounded by what is in the file: sequence entries are
 * read from the file (at most {@code maxEntries} of them, else {@link CowFormatException.Kind#TOO_LARGE}),
 * and every lookup is a binary search in a sorted primitive array.
 */
public final class AndroidMergeOrder {
    private final long maxEntries;

    public AndroidMergeOrder() {
        this(Math.min(Integer.MAX_VALUE - 16, Runtime.getRuntime().maxMemory() / 2 / 24));
    }

    /** A preparation that holds at most {@code maxEntries} sequence entries and merge steps. */
    AndroidMergeOrder(long maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * The plan AOSP's reader builds for {@code cow} (a full parse, no label) read from {@code source}:
     * the {@code DEFAULT} reader, or the {@code USERSPACE_MERGE} one when {@code userspace}.
     *
     * @throws CowFormatException (TOO_LARGE) when the sequence data or the order is longer than memory holds
     */
    public AndroidMergePlan prepare(AndroidCow cow, BlockSource source, boolean userspace) throws IOException {
        if (cow.label().isPresent()) {
            throw new IllegalArgumentException("AOSP prepares the merge only for a full parse, not one at a label");
        }
        FindingCollector findings = AndroidCowParser.newFindings();
        long numMergeOps = cow.header().numMergeOps();
        if (!cow.parseOk()) {
            return new AndroidMergePlan(cow.version(), cow.header().blockSize(), false, cow.error(), OrderKind.NONE,
                    userspace, new int[0], new int[0], 0, numMergeOps, false, null, -1, findings.result());
        }
        Sequence seq = cow.version() >= 3 ? sequenceV3(cow, source, findings) : sequenceV2(cow, source, findings);
        String error = null;
        for (int k = 0; k < seq.blocksSize && error == null; k++) {
            long block = seq.blocks[k] & 0xffffffffL;
            if (seq.blockMap.get(block) < 0) {
                error = "Invalid Sequence Ops. Could not find Cow Op for new block " + block;
            }
        }
        if (error == null && seq.missingZeros) {
            error = "Invalid Sequence Ops. Could not find Cow Op for new block 0";
        }
        if (error != null) {
            findings.addFirst(FindingKind.ANDROID_MERGE_SEQUENCE_INVALID, Location.DEVICE, error
                    + ": AOSP's CowReader::Parse fails in its merge preparation, though the ops parse");
            return new AndroidMergePlan(cow.version(), cow.header().blockSize(), false, error, seq.kind, userspace,
                    seq.entries(), new int[0], 0, numMergeOps, false, null, -1, findings.result());
        }
        int[] others = Arrays.copyOf(seq.others, seq.othersSize);
        Arrays.sort(others); // std::vector<int>: blocks past 2^31 sort as negative numbers
        if (!userspace) {
            reverse(others);
        }
        long total = (long) seq.blocksSize + others.length;
        requireFits(cow, total, "merge steps");
        int[] order = new int[(int) total];
        for (int k = 0; k < seq.blocksSize; k++) {
            order[k] = seq.blockMap.get(seq.blocks[k] & 0xffffffffL);
        }
        for (int k = 0; k < others.length; k++) {
            order[seq.blocksSize + k] = seq.blockMap.get(others[k] & 0xffffffffL);
        }
        if (Long.compareUnsigned(numMergeOps, total) > 0 || Long.compareUnsigned(numMergeOps, cow.ops().size()) > 0) {
            findings.add(FindingKind.ANDROID_MERGE_PROGRESS_PAST_END, Location.offset(26), String.format(Locale.ROOT,
                    "num_merge_ops %s is more than the %d merge steps or the %d ops: AOSP's merge iterators (or "
                            + "GetOpIter(true)) would start past the end of their vectors",
                    Long.toUnsignedString(numMergeOps), total, cow.ops().size()));
        }
        AndroidMergeVerifier.Verdict verdict = AndroidMergeVerifier.verify(cow, order, findings);
        return new AndroidMergePlan(cow.version(), cow.header().blockSize(), true, null, seq.kind, userspace, seq.entries(),
                order, seq.blocksSize, numMergeOps, verdict.ok(), verdict.error(), verdict.failStep(), findings.result());
    }

    /** {@code merge_op_blocks}, {@code other_ops} and {@code block_map} as AOSP's sequence readers leave them. */
    private static final class Sequence {
        OrderKind kind;
        int[] blocks = new int[16];
        int blocksSize;
        int[] others = new int[16];
        int othersSize;
        int[] entries = new int[0];
        int entriesSize;
        FirstIndexByBlock blockMap;
        /** v3: {@code sequence_data_count} zero entries left by a failed read, too many to list. */
        boolean missingZeros;

        void append(int block) {
            blocks = grow(blocks, blocksSize);
            blocks[blocksSize++] = block;
        }

        void other(int block) {
            others = grow(others, othersSize);
            others[othersSize++] = block;
        }

        int[] entries() {
            return Arrays.copyOf(entries, entriesSize);
        }
    }

    /**
     * {@code GetSequenceDataV2}: one walk over the ops. A sequence op grows {@code merge_op_blocks} by its
     * entries but writes them from {@code num_seqs} on, over what is already there; COPY/XOR ops go to
     * {@code merge_op_blocks} while no sequence entry has been seen, every other data op not named by an
     * earlier sequence entry to {@code other_ops}.
     */
    private Sequence sequenceV2(AndroidCow cow, BlockSource source, FindingCollector findings) throws IOException {
        AndroidCowOps ops = cow.ops();
        Sequence s = new Sequence();
        int n = ops.size();
        int stop = n; // the walk ends early at a sequence op it cannot read
        int firstEntryOp = n; // the first op after which seq_ops_set is not empty
        long numSeqs = 0;
        FirstIndexByBlock seqSet = new FirstIndexByBlock(0);
        for (int i = 0; i < n && stop == n; i++) {
            int type = ops.type(i);
            if (type == AndroidOpType.SEQUENCE) {
                long length = ops.dataLength(i);
                long seqLen = length / 4;
                requireFits(cow, s.blocksSize + seqLen, "sequence entries");
                int oldSize = s.blocksSize;
                s.blocksSize += (int) seqLen; // resize: the new entries are zero
                s.blocks = growTo(s.blocks, s.blocksSize);
                Arrays.fill(s.blocks, oldSize, s.blocksSize, 0);
                byte[] raw = rawBytes(cow, source, ops.source(i), length);
                if (raw == null) {
                    findings.add(FindingKind.ANDROID_SEQUENCE_UNREADABLE, opLocation(cow, i), String.format(Locale.ROOT,
                            "Failed to read sequence op! (%d bytes at %d, file of %d bytes): AOSP stops reading the sequence "
                                    + "here and keeps %d zero entries", length, ops.source(i), cow.sizeBytes(), seqLen));
                    stop = i;
                    break;
                }
                if (length % 4 != 0) {
                    findings.add(FindingKind.ANDROID_SEQUENCE_UNREADABLE, opLocation(cow, i), String.format(Locale.ROOT,
                            "sequence op data_length %d is not a multiple of 4: AOSP reads all %d bytes into room for %d "
                                    + "entries (up to 3 bytes past its vector)", length, length, seqLen));
                }
                writeBytes(s, numSeqs, raw);
                s.entries = growTo(s.entries, s.entriesSize + (int) seqLen);
                for (long j = numSeqs; j < numSeqs + seqLen; j++) {
                    int block = s.blocks[(int) j];
                    s.entries[s.entriesSize++] = block;
                    seqSet.add(block & 0xffffffffL, i);
                }
                if (seqLen > 0 && firstEntryOp == n) {
                    firstEntryOp = i;
                }
                numSeqs += seqLen;
            }
            if (AndroidOpType.isMetadata(type)) {
                continue;
            }
            if (firstEntryOp == n && isOrdered(type)) {
                s.append((int) ops.newBlock(i));
            }
        }
        seqSet.seal();
        s.blockMap = new FirstIndexByBlock(stop);
        for (int i = 0; i < stop; i++) {
            int type = ops.type(i);
            if (AndroidOpType.isMetadata(type)) {
                continue;
            }
            long block = ops.newBlock(i);
            boolean inSet = seqSet.get(block) >= 0 && seqSet.get(block) < i;
            if (!(i < firstEntryOp && isOrdered(type)) && !inSet) {
                s.other((int) block);
            }
            s.blockMap.add(block, i);
        }
        s.blockMap.seal();
        s.kind = s.entriesSize > 0 ? OrderKind.SEQUENCE_DATA : OrderKind.ORDERED_THEN_SORTED;
        return s;
    }

    /**
     * {@code GetSequenceData}: the sequence buffer ({@code sequence_data_count} u32 after the header and
     * scratch), then every op (v3 has no metadata ops) in stream order: all of them to
     * {@code merge_op_blocks} when there is no sequence data, else those not listed to {@code other_ops}.
     */
    private Sequence sequenceV3(AndroidCow cow, BlockSource source, FindingCollector findings) throws IOException {
        AndroidCowOps ops = cow.ops();
        AndroidCowHeader h = cow.header();
        Sequence s = new Sequence();
        long count = h.sequenceDataCount();
        long offset = (long) h.headerSize() + h.bufferSize();
        FirstIndexByBlock seqSet = null;
        if (count != 0) {
            s.kind = OrderKind.SEQUENCE_DATA;
            boolean fits = offset <= cow.sizeBytes() && Long.compareUnsigned(count, (cow.sizeBytes() - offset) / 4) <= 0;
            if (!fits) {
                findings.add(FindingKind.ANDROID_SEQUENCE_UNREADABLE, Location.offset(offset), String.format(Locale.ROOT,
                        "failed to read sequence buffer. seq_data_count: %s at offset: %d: it reaches past the end of the "
                                + "file (%d bytes); AOSP goes on with that many zero entries and no ops",
                        Long.toUnsignedString(count), offset, cow.sizeBytes()));
                s.missingZeros = true;
                s.blockMap = new FirstIndexByBlock(0).seal();
                return s;
            }
            requireFits(cow, count, "sequence entries");
            s.entries = readEntries(source, offset, (int) count);
            s.entriesSize = s.entries.length;
            s.blocks = s.entries.clone();
            s.blocksSize = s.entries.length;
            seqSet = new FirstIndexByBlock(s.entriesSize);
            for (int block : s.entries) {
                seqSet.add(block & 0xffffffffL, 0);
            }
            seqSet.seal();
        } else {
            s.kind = OrderKind.STREAM_ORDER;
        }
        int n = ops.size();
        s.blockMap = new FirstIndexByBlock(n);
        for (int i = 0; i < n; i++) {
            long block = ops.newBlock(i);
            if (seqSet == null) {
                s.append((int) block);
            } else if (seqSet.get(block) < 0) {
                s.other((int) block);
            }
            s.blockMap.add(block, i);
        }
        s.blockMap.seal();
        return s;
    }

    /** {@code GetRawBytes(offset, len)}: the bytes, or null where AOSP refuses the range. */
    private static byte[] rawBytes(AndroidCow cow, BlockSource source, long offset, long length) throws IOException {
        long size = cow.sizeBytes();
        if (offset < cow.header().headerSize() || offset >= size || length > size - offset || length >= size) {
            return null;
        }
        byte[] raw = new byte[(int) length]; // a v2 data_length is a u16
        source.readFully(offset, ByteBuffer.wrap(raw));
        return raw;
    }

    /** The read into {@code &merge_op_blocks[num_seqs]}: little-endian bytes; those past the vector's size are lost. */
    private static void writeBytes(Sequence s, long numSeqs, byte[] raw) {
        for (int b = 0; b < raw.length; b++) {
            long at = numSeqs * 4 + b;
            if (at >= (long) s.blocksSize * 4) {
                break;
            }
            int entry = (int) (at >>> 2);
            int shift = (int) (at & 3) * 8;
            s.blocks[entry] = (s.blocks[entry] & ~(0xff << shift)) | ((raw[b] & 0xff) << shift);
        }
    }

    private static int[] readEntries(BlockSource source, long offset, int count) throws IOException {
        int[] out = new int[count];
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < count; ) {
            int now = Math.min(count - done, buffer.capacity() / 4);
            buffer.clear().limit(now * 4);
            source.readFully(offset + (long) done * 4, buffer);
            buffer.flip();
            for (int k = 0; k < now; k++) {
                out[done + k] = buffer.getInt();
            }
            done += now;
        }
        return out;
    }

    private void requireFits(AndroidCow cow, long count, String what) throws CowFormatException {
        if (count > maxEntries) {
            throw new CowFormatException(CowFormatException.Kind.TOO_LARGE, 0, String.format(Locale.ROOT,
                    "%s: the merge preparation needs %d %s, more than this process can hold in memory (%d)",
                    cow.name(), count, what, maxEntries));
        }
    }

    static Location opLocation(AndroidCow cow, int op) {
        return Location.op(op, cow.version() >= 3 ? cow.opAreaOffset() + (long) op * AndroidCowParser.V3_OP_BYTES : -1);
    }


    /** {@code IsOrderedOp}: the ops that read old blocks. */
    static boolean isOrdered(int type) {
        return type == AndroidOpType.COPY || type == AndroidOpType.XOR;
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] grow(int[] a, int size) {
        return size < a.length ? a : growTo(a, size + 1);
    }

    private static int[] growTo(int[] a, int needed) {
        if (needed <= a.length) {
            return a;
        }
        return Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, (long) a.length + (a.length >> 1) + 16)));
    }
}
