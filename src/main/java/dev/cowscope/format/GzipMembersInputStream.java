package dev.cowscope.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip stream of one or more members (RFC 1952), as {@code zcat} reads it: each member's header,
 * deflate data, CRC-32 and size are checked; bytes after the last member that do not start a new
 * one are ignored, as gzip does ("trailing garbage ignored").
 * <p>
 * Unlike {@link java.util.zip.GZIPInputStream}, which reads the next member by calling itself and
 * so overflows the stack on a file of many empty members (200 000 of them, 4 MB, were enough),
 * this walks the members in a loop: the cost is the bytes in the file.
 */
final class GzipMembersInputStream extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[1 << 16];
    private int inputPos;
    private int inputLen;
    private boolean inMember;
    private boolean ended;
    private long memberBytes;

    GzipMembersInputStream(InputStream in) throws IOException {
        this.in = in;
        if (!readHeader(true)) {
            throw new EOFException("the file is empty");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            if (!inMember) {
                if (!readHeader(false)) {
                    ended = true;
                }
                continue;
            }
            if (inflater.needsInput()) {
                if (inputPos == inputLen && !refill()) {
                    throw new EOFException("Unexpected end of the deflate data");
                }
                inflater.setInput(input, inputPos, inputLen - inputPos);
                inputPos = inputLen;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("invalid deflate data: " + (e.getMessage() == null ? "format violated" : e.getMessage()));
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                inputPos = inputLen - inflater.getRemaining();
                readTrailer();
                inMember = false;
            } else if (inflater.needsDictionary()) {
                throw new ZipException("invalid deflate data: it asks for a preset dictionary");
            }
        }
        return -1;
    }

    /** Reads a member header; false at the end of the file or before bytes that start no member. */
    private boolean readHeader(boolean first) throws IOException {
        int id1 = nextByte();
        if (id1 < 0) {
            return false;
        }
        int id2 = nextByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            if (first) {
                throw new ZipException("Not in GZIP format");
            }
            return false; // trailing garbage, ignored as gzip does
        }
        int method = headerByte();
        if (method != 8) {
            throw new ZipException("unsupported compression method " + method + " in a gzip member header");
        }
        int flags = headerByte();
        for (int i = 0; i < 6; i++) {
            headerByte(); // mtime, extra flags, OS
        }
        if ((flags & FEXTRA) != 0) {
            int length = headerByte() | headerByte() << 8;
            for (int i = 0; i < length; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte() != 0) {
                // the original file name
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte() != 0) {
                // the comment
            }
        }
        if ((flags & FHCRC) != 0) {
            headerByte();
            headerByte();
        }
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        inMember = true;
        return true;
    }

    private void readTrailer() throws IOException {
        long expectedCrc = trailerWord();
        long expectedSize = trailerWord();
        if (expectedCrc != crc.getValue()) {
            throw new ZipException(String.format(java.util.Locale.ROOT, "CRC-32 mismatch at the end of a gzip member (%08x in the file, %08x of the data)",
                    expectedCrc, crc.getValue()));
        }
        if (expectedSize != (memberBytes & 0xffffffffL)) {
            throw new ZipException("size mismatch at the end of a gzip member (" + expectedSize + " in the file, "
                    + (memberBytes & 0xffffffffL) + " of the data, modulo 2^32)");
        }
    }

    private long trailerWord() throws IOException {
        long word = 0;
        for (int i = 0; i < 4; i++) {
            int b = nextByte();
            if (b < 0) {
                throw new EOFException("the gzip member's trailer is cut short");
            }
            word |= (long) b << (8 * i);
        }
        return word;
    }

    private int headerByte() throws IOException {
        int b = nextByte();
        if (b < 0) {
            throw new EOFException("the gzip member header is cut short");
        }
        return b;
    }

    private int nextByte() throws IOException {
        if (inputPos == inputLen && !refill()) {
            return -1;
        }
        return input[inputPos++] & 0xff;
    }

    private boolean refill() throws IOException {
        int n = in.read(input, 0, input.length);
        if (n <= 0) {
            return false;
        }
        inputPos = 0;
        inputLen = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
