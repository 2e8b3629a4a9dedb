package io.github.lmsdb.core.db;

import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tablespace in memory (a directory on a tmpfs, Linux's {@code /dev/shm}) on a local throwaway
 * shadow server, for shadow databases that hold a schema and no data. Creating a thousand tables
 * creates some six thousand files; on a disk file system that costs the server as much kernel time
 * as the DDL itself (bench/generate-1000-tables.sh: psql builds the declared schema in 1.6 s in
 * memory against 2.5 to 3.0 s on ext4, fsync off both times).
 *
 * <p>One per run: {@link #create} makes a new directory (owner only, a random name, never an
 * existing path) and the tablespace on it; {@link #close} drops both once the run's shadow
 * databases are gone. What a killed run leaves (a tablespace, its directory) the next
 * {@link #create} removes, and {@link #recreateMissingDirectories} lets a server whose memory
 * directories a reboot emptied start again (its recovery stops on a tablespace whose directory
 * is missing); a directory of ours unchanged for a day (a killed build on a server no build starts
 * again) any run's {@link #create} deletes. Only the local shadow server, whose superuser the
 * plugin is, ever gets one.
 */
public final class MemoryTablespace implements AutoCloseable {
    /** Every such tablespace's name starts so. */
    public static final String PREFIX = "lmsdb_memory_";
    /** Every such directory's name starts so. */
    static final String DIRECTORY_PREFIX = "lmsdb-shadow-";
    /** Linux's memory file system, when it is one. */
    private static final Path SHM = Path.of("/dev/shm");
    /** At least this much free memory there, whatever the schema: a shadow of 1,000 tables takes about 50 MB. */
    static final long MINIMUM_FREE = 1L << 30;
    /** Per relation of the target, for each of the (at most three) shadows of a run: twice what one takes. */
    static final long PER_RELATION = 3 * 128 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The tablespaces of runs in this JVM: another run's leftovers are removed, never these. */
    private static final Set<String> IN_USE = ConcurrentHashMap.newKeySet();

    private final ConnectionSettings server;
    private final String name;
    private final Path directory;

    private MemoryTablespace(ConnectionSettings server, String name, Path directory) {
        this.server = server;
        this.name = name;
        this.directory = directory;
    }

    /** The tablespace's name, for {@code CREATE DATABASE ... TABLESPACE}. */
    public String name() {
        return name;
    }

    /** Its directory, in memory. */
    public Path directory() {
        return directory;
    }

    /**
     * Where a memory tablespace can go on this machine for a target of {@code relations} relations: {@code /dev/shm}
     * when it is a tmpfs with {@link #MINIMUM_FREE} free, and {@link #PER_RELATION} per relation more; else empty.
     */
    public static Optional<Path> memoryFileSystem(long relations) {
        return memoryFileSystem(SHM, relations);
    }

    static Optional<Path> memoryFileSystem(Path root, long relations) {
        try {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            FileStore store = Files.getFileStore(root);
            long needed = MINIMUM_FREE + PER_RELATION * Math.max(0, relations);
            return "tmpfs".equals(store.type()) && store.getUsableSpace() >= needed ? Optional.of(root) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates a tablespace on a new directory under {@code root}, on the server {@code superuser} reaches as its superuser,
     * after removing the leftovers of runs that are gone (a tablespace of ours that no database uses, and its directory).
     * Null when the server refuses (it is not on this machine, or not its superuser): the shadows then go where they did.
     */
    public static MemoryTablespace create(ConnectionSettings superuser, Path root) {
        try (ServerAdmin admin = ServerAdmin.open(superuser)) {
            removeLeftovers(admin, root);
            removeStale(root);
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            String suffix = HexFormat.of().formatHex(bytes);
            // createDirectory fails on any existing path, a symbolic link planted there included; owner only from the start.
            Path directory = Files.createDirectory(root.resolve(DIRECTORY_PREFIX + suffix),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            String name = PREFIX + suffix;
            try {
                admin.createTablespace(name, directory.toString());
            } catch (SQLException e) {
                FileTrees.delete(directory);
                return null;
            }
            IN_USE.add(name);
            return new MemoryTablespace(superuser, name, directory);
        } catch (SQLException | IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Drops the tablespace (its databases dropped before) and deletes its directory; quietly, a leftover is removed later. */
    @Override
    public void close() {
        try (ServerAdmin admin = ServerAdmin.open(server)) {
            admin.dropTablespace(name);
            FileTrees.delete(directory);
        } catch (SQLException | IOException e) {
            // A database still in it (dropping it failed): the next run removes both.
        } finally {
            IN_USE.remove(name);
        }
    }

    /** Our tablespaces no database uses and no run of this JVM holds: dropped, and their directories (ours by name) deleted. */
    private static void removeLeftovers(ServerAdmin admin, Path root) throws SQLException {
        List<String[]> leftovers = new ArrayList<>();
        try (PreparedStatement ps = admin.connection().prepareStatement(
                "select t.spcname, pg_tablespace_location(t.oid) from pg_tablespace t where t.spcname like ? "
                        + "and not exists (select 1 from pg_database d where d.dattablespace = t.oid)")) {
            ps.setString(1, PREFIX.replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leftovers.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] l : leftovers) {
            if (IN_USE.contains(l[0])) {
                continue;
            }
            try {
                admin.dropTablespace(l[0]);
            } catch (SQLException notEmpty) {
                continue;
            }
            Path location = Path.of(l[1]);
            if (ours(location) && location.getParent() != null && location.getParent().equals(root)) {
                try {
                    FileTrees.delete(location);
                } catch (IOException e) {
                    // Gone already, or not ours to delete.
                }
            }
        }
    }

    /**
     * Directories of ours under {@code root} in which nothing has changed for {@link #STALE}: a run's tablespace lives as
     * long as the run, so these are what killed builds left on servers no build starts again (a deleted project). Deleted,
     * so that memory is not held until the next reboot; the tablespace a server may still list is dropped by its next run.
     */
    static void removeStale(Path root) {
        java.time.Instant before = java.time.Instant.now().minus(STALE);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, DIRECTORY_PREFIX + "*")) {
            for (Path directory : entries) {
                if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) && FileTrees.lastModified(directory).isBefore(before)) {
                    try {
                        FileTrees.delete(directory);
                    } catch (IOException e) {
                        // Another user's, or in use after all: left.
                    }
                }
            }
        } catch (IOException e) {
            // Nothing to sweep that can be read.
        }
    }

    /** How long a directory of ours may stay unchanged before {@link #removeStale} deletes it. */
    static final java.time.Duration STALE = java.time.Duration.ofDays(1);

    /**
     * Before a local shadow server starts: recreates, owner only, the missing directory of each of our tablespaces in its
     * data directory ({@code pg_tblspc/<oid>} links to it). A reboot empties the memory file system; without the directory
     * the server's recovery after a killed run stops ("could not create missing directory"), and with it the next run
     * drops the tablespace. Does nothing else, and nothing for a link that is not to one of ours.
     */
    public static void recreateMissingDirectories(Path dataDirectory) {
        Path links = dataDirectory.resolve("pg_tblspc");
        if (!Files.isDirectory(links)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(links)) {
            for (Path link : entries) {
                if (!Files.isSymbolicLink(link)) {
                    continue;
                }
                Path target = Files.readSymbolicLink(link);
                if (ours(target) && target.isAbsolute() && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                        && target.getParent() != null && Files.isDirectory(target.getParent())) {
                    try {
                        Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    } catch (IOException | UnsupportedOperationException e) {
                        // The start reports what is wrong.
                    }
                }
            }
        } catch (IOException e) {
            // Nothing to repair that can be read.
        }
    }

    private static boolean ours(Path location) {
        Path file = location.getFileName();
        return file != null && file.toString().startsWith(DIRECTORY_PREFIX);
    }
}
