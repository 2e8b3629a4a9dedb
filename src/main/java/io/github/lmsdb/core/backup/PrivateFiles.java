package io.github.lmsdb.core.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Backups hold every row of the database: on POSIX file systems they are readable by their owner
 * only, files 0600 and directories 0700, from the moment they are created (not after the dump).
 */
final class PrivateFiles {
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} and its missing parents; the ones created here are 0700. */
    static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            if (posix(absolute)) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
                Files.setPosixFilePermissions(absolute, DIRECTORY); // whatever the umask
            } else {
                Files.createDirectory(absolute);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // Another run, or another target of a fleet backup, created it between the check and here.
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
    }

    /** An empty file (0600) or directory (0700) for a tool to write into. */
    static void create(Path path, boolean directory) throws IOException {
        boolean posix = posix(path);
        if (directory) {
            if (posix) {
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } else {
                Files.createDirectory(path);
            }
        } else if (posix) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(FILE));
        } else {
            Files.createFile(path);
        }
        restrict(path);
    }

    /** Sets 0600 on a file, 0700 on a directory and 0600 on the files in it (a tool may have created them). */
    static void restrict(Path path) throws IOException {
        if (!posix(path)) {
            return;
        }
        if (Files.isDirectory(path)) {
            Files.setPosixFilePermissions(path, DIRECTORY);
            List<Path> inside;
            try (Stream<Path> s = Files.list(path)) {
                inside = s.toList();
            }
            for (Path p : inside) {
                restrict(p);
            }
        } else {
            Files.setPosixFilePermissions(path, FILE);
        }
    }
}
