package dev.cowscope.format;

import java.io.IOException;
import java.io.InputStream;

/** The compressed image formats CowScope opens, recognised by their magic bytes (not their name). */
enum Compression {
    GZIP("gzip", SourceKind.GZIP, new byte[] {0x1f, (byte) 0x8b}) {
        @Override
        InputStream decoder(InputStream in) throws IOException {
            return new GzipMembersInputStream(in);
        }
    },
    XZ("xz", SourceKind.XZ, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}) {
        @Override
        InputStream decoder(InputStream in) throws IOException {
            return new org.tukaani.xz.XZInputStream(in, XZ_MEMORY_LIMIT_KIB);
        }
    },
    ZSTD("zstd", SourceKind.ZSTD, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}) {
        @Override
        InputStream decoder(InputStream in) throws IOException {
            return new com.github.luben.zstd.ZstdInputStream(in);
        }
    };

    static final int LONGEST_MAGIC = 6;
    /**
     * Memory an xz stream may take to decode, in KiB: 256 MiB covers every preset ({@code xz -9e}
     * needs 65 MiB); a header asking for a 1.5 GiB dictionary is refused instead of filling the heap.
     */
    static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;
    private final String label;
    private final SourceKind kind;
    private final byte[] magic;

    Compression(String label, SourceKind kind, byte[] magic) {
        this.label = label;
        this.kind = kind;
        this.magic = magic;
    }

    abstract InputStream decoder(InputStream in) throws IOException;

    String label() {
        return label;
    }

    SourceKind kind() {
        return kind;
    }

    /** The format whose magic {@code head} starts with, or null. */
    static Compression of(byte[] head, int length) {
        for (Compression c : values()) {
            if (length >= c.magic.length && java.util.Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) {
                return c;
            }
        }
        return null;
    }
}
