package io.github.lmsdb.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting a directory and what is in it, and when anything in it last changed: the one way the plugin does each. */
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

    /**
     * The newest modification time in {@code path} (a file, or a directory and everything in it; a symbolic link's own,
     * never its target's). Now when it cannot be read, or a part of it cannot: whoever asks whether it has been quiet
     * long enough to remove must then wait.
     */
    public static java.time.Instant lastModified(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.map(p -> {
                try {
                    return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
                } catch (IOException gone) {
                    return java.time.Instant.now();
                }
            }).max(Comparator.naturalOrder()).orElse(java.time.Instant.now());
        } catch (IOException | java.io.UncheckedIOException e) {
            return java.time.Instant.now();
        }
    }
}
