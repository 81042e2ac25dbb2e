package dev.cowscope.format;

import java.lang.ref.SoftReference;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Large scratch arrays and direct buffers kept from one use to the next, softly (the GC takes them back
 * when memory is short). Why: on a fresh heap the first touch of every 4 KiB page costs a fault (10–13 µs
 * on a VM, measured), so a job run again in the same process (a crash replay re-reading the store, a
 * second image built) should not pay for its scratch arrays twice. Only scratch that is dead when given
 * back may be given back; thread-safe. Direct buffers are freed when the heap, not direct memory, runs
 * short: keep their pools small (a few MiB).
 */
public final class Spares<A> {
    private final ConcurrentLinkedDeque<SoftReference<A>> spares = new ConcurrentLinkedDeque<>();
    private final int max;
    private final IntFunction<A> allocate;
    private final ToIntFunction<A> length;

    private Spares(int max, IntFunction<A> allocate, ToIntFunction<A> length) {
        this.max = max;
        this.allocate = allocate;
        this.length = length;
    }

    /** At most {@code max} spare byte arrays. */
    public static Spares<byte[]> ofBytes(int max) {
        return new Spares<>(max, byte[]::new, a -> a.length);
    }

    /** At most {@code max} spare direct buffers (a fresh one is a fresh mapping: every page of it faults). */
    public static Spares<java.nio.ByteBuffer> ofDirect(int max) {
        return new Spares<>(max, java.nio.ByteBuffer::allocateDirect, java.nio.ByteBuffer::capacity);
    }

    /** At most {@code max} spare char arrays. */
    public static Spares<char[]> ofChars(int max) {
        return new Spares<>(max, char[]::new, a -> a.length);
    }

    /**
     * An array (buffer) of exactly {@code n} elements, contents (position, limit, order) undefined: a spare if one of
     * that size is kept (spares of other sizes stay kept), else a new one.
     */
    public A take(int n) {
        for (SoftReference<A> ref : spares) {
            A spare = ref.get();
            if (spare == null) {
                spares.remove(ref); // the GC took it
            } else if (length.applyAsInt(spare) == n && spares.remove(ref)) {
                return spare; // removed by this thread alone: no other taker has it
            }
        }
        return allocate.apply(n);
    }

    /**
     * Keeps {@code array} for a later {@link #take}, the caller no longer using it. The last {@code max} given are
     * kept: a job with other sizes (a small store after a large one) replaces the spares, it is not refused.
     */
    public void give(A array) {
        if (array == null) {
            return;
        }
        spares.push(new SoftReference<>(array));
        while (spares.size() > max && spares.pollLast() != null) {
            // the oldest goes
        }
    }
}
