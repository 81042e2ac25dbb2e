package dev.cowscope.android;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * AOSP's {@code StreamDecompressor} (gz and brotli): the stored bytes are fed in 4 KiB pieces, the first
 * {@code ignore} decoded bytes dropped, the buffer filled; a full buffer ends the read, whatever input is
 * left. gz is a zlib stream ({@code inflateInit}, as the writer's {@code compress2} emits), decoded by the
 * JDK's {@link Inflater}; brotli by Google's Java decoder. Both decode into our fixed buffers: their memory
 * is their window (zlib 32 KiB, brotli at most 16 MiB), whatever the stream claims.
 */
final class StreamDecoder {
    /** AOSP's {@code kChunkSize}. */
    static final int CHUNK = 4096;

    /** Opens a decoder over the stored bytes. */
    interface Opener {
        InputStream open(InputStream stored) throws IOException;
    }

    private StreamDecoder() {
    }

    static Opener gz() {
        return stored -> new InflaterInputStream(stored, new Inflater(), CHUNK);
    }

    static Opener brotli() {
        return stored -> new org.brotli.dec.BrotliInputStream(stored, CHUNK);
    }

    /** {@code StreamDecompressor::Decompress}: the bytes written to {@code dst}, or a {@link OpDataReader.DataError}. */
    static long decode(Opener opener, OpDataReader.DataStream stored, byte[] dst, int dstOffset, int bufferSize, long ignore)
            throws IOException {
        Pieces in = new Pieces(stored);
        int written = 0;
        boolean ended = false;
        try (InputStream decoded = opener.open(in)) {
            byte[] sink = new byte[(int) Math.min(CHUNK, Math.max(1, ignore))];
            while (ignore > 0 && !ended) {
                int n = decoded.read(sink, 0, (int) Math.min(sink.length, ignore));
                if (n < 0) {
                    ended = true;
                } else {
                    ignore -= n;
                }
            }
            while (written < bufferSize && !ended) {
                int n = decoded.read(dst, dstOffset + written, bufferSize - written);
                if (n < 0) {
                    ended = true;
                } else {
                    written += n;
                }
            }
        } catch (java.io.EOFException e) {
            throw new OpDataReader.DataError("Decompressor expected more bytes (" + e.getMessage() + ")");
        } catch (OpDataReader.DataError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new OpDataReader.DataError("decode failed: " + e.getMessage());
        }
        boolean full = ignore == 0 && written == bufferSize;
        if (ended && !full && stored.remaining() > 0) {
            throw new OpDataReader.DataError("Decompressor terminated early: " + stored.remaining() + " stored bytes left");
        }
        return written;
    }

    /** The stored bytes as an input stream, read a piece at a time (never more than the op's data). */
    private static final class Pieces extends InputStream {
        private final OpDataReader.DataStream stored;
        private final byte[] piece = new byte[CHUNK];

        Pieces(OpDataReader.DataStream stored) {
            this.stored = stored;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = stored.read(piece, Math.min(len, CHUNK));
            if (n == 0) {
                return -1;
            }
            System.arraycopy(piece, 0, b, off, n);
            return n;
        }
    }
}
