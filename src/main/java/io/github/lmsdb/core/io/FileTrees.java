package io.github.lmsdb.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting a directory and what is in it: the one way the plugin does it. */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Deletes {@code path} (a file, or a directory with everything in it), deepest first; nothing when it does not exist.
     * A symbolic link inside is deleted, never followed: what it points to stays.
     */
    public static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(path)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : deepestFirst) {
            Files.deleteIfExists(p);
        }
    }
}
