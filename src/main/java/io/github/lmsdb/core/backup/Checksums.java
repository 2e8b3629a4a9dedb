package io.github.lmsdb.core.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 of a backup: of the file, or for a directory dump, of each file's name and hash in name
 * order. Plain and custom backups are hashed by {@link Hashing} while their bytes pass through the
 * plugin (pg_dump writing, psql's private copy, pg_restore's stdin); only a directory dump, which
 * pg_dump writes itself, and a parallel restore, where pg_restore reads the file itself, are read
 * again by {@link #sha256(Path)}.
 */
final class Checksums {
    private Checksums() {}

    /** Passes bytes on to {@code out}, hashing and counting them. */
    static final class Hashing extends FilterOutputStream {
        private final MessageDigest digest = digest();
        private long size;

        Hashing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            size += len;
        }

        /** The hash of every byte written so far, in hex; call once, at the end. */
        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }

        long size() {
            return size;
        }
    }

    static String sha256(Path backup) throws IOException {
        if (!Files.isDirectory(backup)) {
            return fileHash(backup);
        }
        MessageDigest digest = digest();
        List<Path> files;
        try (Stream<Path> s = Files.list(backup)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            digest.update((f.getFileName() + "\0" + fileHash(f) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static long size(Path backup) throws IOException {
        if (!Files.isDirectory(backup)) {
            return Files.size(backup);
        }
        try (Stream<Path> s = Files.list(backup)) {
            long total = 0;
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }

    private static String fileHash(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 of a string's UTF-8 bytes, in hex. */
    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
