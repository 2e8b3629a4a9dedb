package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.ApplicationName;
import io.github.lmsdb.core.db.ClientCommand;
import io.github.lmsdb.core.db.RunOwner;
import io.github.lmsdb.core.db.ServerAdmin;
import io.github.lmsdb.core.db.ShadowDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What interrupted runs leave behind (a JVM killed mid-goal runs no clean-up): unfinished backup
 * files, the private copy a plain restore feeds psql, temporary restore databases, the databases a
 * restore kept aside, and shadow databases. Each is found with whether its run is certainly dead
 * (its JVM, named in the file name or on the database, is gone from this host; a file has stopped
 * growing; a database has no sessions) and the command that removes it. Only what is certainly
 * dead is ever removed; a run on another host is reported, never judged.
 */
public final class Leftovers {
    /** A file written this recently may still be growing (a pg_dump orphaned by its killed JVM). */
    static final Duration QUIET = Duration.ofSeconds(10);

    /**
     * Prefix of the private copy of a plain backup that restores before the one-pass restore made in the temporary
     * directory, before the owner token: none is made any more, those of dead runs of earlier versions are still removed.
     */
    static final String RESTORE_COPY_PREFIX = "lmsdb-restore-";

    private static final String TOKEN = RunOwner.tokenPattern();
    /** {@code .<name>.<pid>@<host>.partial}, and {@code .<name>.partial} of runs that did not name themselves. */
    private static final Pattern PARTIAL = Pattern.compile("\\.(.+?)(?:\\.(" + TOKEN + "))?\\.partial");
    /** {@code lmsdb-restore-<pid>@<host>-<random>.sql}; without the owner from runs that did not name themselves. */
    private static final Pattern RESTORE_COPY = Pattern.compile(Pattern.quote(RESTORE_COPY_PREFIX) + "(?:(" + TOKEN + ")-)?\\d+\\.sql");
    /** The stamp a restore puts at the end of its names: {@code yyyyMMdd_HHmmss[_n]}. */
    private static final Pattern STAMP = Pattern.compile("_restore_(\\d{8}_\\d{6}(?:_\\d+)?)$");

    /** What kind of leftover; {@code removedBy} is the goal that removes it when its run is dead, or null. */
    public enum Kind {
        UNFINISHED_BACKUP("unfinished backup file", "backup"),
        RESTORE_COPY("copy of a plain backup made for psql", "restore"),
        RESTORE_DATABASE("temporary restore database", "restore"),
        ASIDE_DATABASE("database kept aside by a restore", null),
        /** Removed before a preview (a rollback's plan, a dry run); no goal to name here, as none runs only for that. */
        SHADOW_DATABASE("shadow database", null);

        private final String label;
        private final String removedBy;

        Kind(String label, String removedBy) {
            this.label = label;
            this.removedBy = removedBy;
        }

        public String label() {
            return label;
        }

        /** The goal that removes it at its start when its run is dead; null when only the user does. */
        public String removedBy() {
            return removedBy;
        }

        public boolean database() {
            return this == RESTORE_DATABASE || this == ASIDE_DATABASE || this == SHADOW_DATABASE;
        }
    }

    /**
     * One leftover.
     *
     * @param name the database name, or the file name
     * @param path the file, or null for a database
     * @param sizeBytes its size, or -1 when it cannot be read
     * @param runDead whether the run that made it is certainly gone (only then is it removed)
     * @param owner the JVM that made it, when known
     * @param state its run's state in words ("its run (pid 4711 on build-7) is gone")
     * @param removeCommand the command that removes it ({@code dropdb ...} or {@code rm -r ...})
     */
    public record Leftover(Kind kind, String name, Path path, long sizeBytes, boolean runDead, RunOwner owner, String state,
            String removeCommand) {}

    private final ConnectionSettings target;
    private final Path backupDirectory;
    private final Path tempDirectory;

    public Leftovers(ConnectionSettings target, Path backupDirectory, Path tempDirectory) {
        this.target = target;
        this.backupDirectory = backupDirectory;
        this.tempDirectory = tempDirectory;
    }

    /** The temporary directory plain restores copy into. */
    public static Path systemTempDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    // ------------------------------------------------------------------ names of this run's temporary things

    /** Where {@code file} is written until complete: {@code .<name>.<pid>@<host>.partial}, beside it. */
    static Path partialFor(Path file) {
        return file.resolveSibling("." + file.getFileName() + "." + RunOwner.current().token() + ".partial");
    }


    /** The comment on a temporary restore database: which run made it and for what. */
    static String restoreMarker(ApplicationName run, String database) {
        return run.forGoal("restore").value() + " temporary restore of " + database;
    }

    // ------------------------------------------------------------------ finding

    /** Files and databases, files first. Databases are skipped when the maintenance database cannot be reached. */
    public List<Leftover> find() {
        List<Leftover> all = new ArrayList<>(files());
        try (ServerAdmin admin = ServerAdmin.open(target)) {
            all.addAll(databases(admin));
        } catch (SQLException e) {
            // Without the maintenance database (no CONNECT on it), only the files are known.
        }
        return all;
    }

    /** Unfinished backup files in the backup directory and copies of plain backups in the temporary directory. */
    public List<Leftover> files() {
        List<Leftover> found = new ArrayList<>();
        for (Path f : list(backupDirectory)) {
            Matcher m = PARTIAL.matcher(f.getFileName().toString());
            if (m.matches()) {
                found.add(file(Kind.UNFINISHED_BACKUP, f, m.group(2)));
            }
        }
        for (Path f : list(tempDirectory)) {
            Matcher m = RESTORE_COPY.matcher(f.getFileName().toString());
            if (m.matches()) {
                found.add(file(Kind.RESTORE_COPY, f, m.group(1)));
            }
        }
        return found;
    }

    private Leftover file(Kind kind, Path f, String token) {
        Optional<RunOwner> owner = RunOwner.parse(token);
        RunOwner.Liveness liveness = owner.map(RunOwner::liveness).orElse(RunOwner.Liveness.UNKNOWN);
        boolean quiet = io.github.lmsdb.core.io.FileTrees.lastModified(f).plus(QUIET).isBefore(Instant.now());
        boolean dead = liveness == RunOwner.Liveness.DEAD && quiet;
        String state = liveness == RunOwner.Liveness.DEAD && !quiet ? "its run (" + owner.get().describe() + ") is gone, but the file is still growing"
                : state(owner, liveness);
        long size;
        try {
            size = Checksums.size(f);
        } catch (IOException e) {
            size = -1;
        }
        return new Leftover(kind, f.getFileName().toString(), f, size, dead, owner.orElse(null), state,
                "rm -r " + ClientCommand.shell(f.toAbsolutePath().toString()));
    }

    /** The temporary restore databases and the ones kept aside of the target database, and every shadow database of the server. */
    public List<Leftover> databases(ServerAdmin admin) throws SQLException {
        String database = target.url().database();
        List<Leftover> found = new ArrayList<>();
        try (PreparedStatement ps = admin.connection().prepareStatement(
                "select d.datname, shobj_description(d.oid, 'pg_database'), "
                        + "(select array_agg(coalesce(a.application_name, '')) from pg_stat_activity a "
                        + "where a.datid = d.oid and a.pid <> pg_backend_pid()), "
                        + "case when has_database_privilege(d.oid, 'CONNECT') then pg_database_size(d.oid) else -1 end "
                        + "from pg_database d where d.datname like '%\\_restore\\_%' or d.datname like ? order by d.datname")) {
            ps.setString(1, ShadowDatabase.PREFIX.replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    Kind kind = kindOf(name, database);
                    if (kind != null) {
                        java.sql.Array sessions = rs.getArray(3);
                        List<String> names = sessions == null ? List.of() : List.of((String[]) sessions.getArray());
                        found.add(database(kind, name, rs.getString(2), names, rs.getLong(4)));
                    }
                }
            }
        }
        return found;
    }

    /** The time in a restore's database name as a sortable key ({@code yyyyMMdd_HHmmss} and the collision number, padded). */
    static String restoreStamp(String name) {
        Matcher m = STAMP.matcher(name);
        if (!m.find()) {
            return "";
        }
        String stamp = m.group(1);
        String base = stamp.substring(0, 15);
        String n = stamp.length() > 16 ? stamp.substring(16) : "0";
        return base + "_" + "0".repeat(Math.max(0, 9 - n.length())) + n;
    }

    /** A restore's names are derived from the target's (maybe cut and hashed): only this target's are its leftovers. */
    private static Kind kindOf(String name, String database) {
        if (name.startsWith(ShadowDatabase.PREFIX)) {
            return Kind.SHADOW_DATABASE;
        }
        Matcher m = STAMP.matcher(name);
        if (!m.find()) {
            return null;
        }
        if (BackupService.derivedName(database, "_restore_" + m.group(1)).equals(name)) {
            return Kind.RESTORE_DATABASE;
        }
        return BackupService.derivedName(database, "_before_restore_" + m.group(1)).equals(name) ? Kind.ASIDE_DATABASE : null;
    }

    /**
     * @param sessionNames the application_name of each session on it: a session of a certainly dead
     *     lmsdb run (a statement its killed JVM left running) does not keep it in use, and is ended with it
     */
    private Leftover database(Kind kind, String name, String comment, List<String> sessionNames, long size) {
        int sessions = sessionNames.size();
        int orphaned = (int) sessionNames.stream().filter(Leftovers::ofDeadRun).count();
        String remove = ClientCommand.of("dropdb", target, ClientCommand.shell(name));
        if (kind == Kind.ASIDE_DATABASE) {
            // The user's previous database: theirs to drop, whatever became of the run.
            return new Leftover(kind, name, null, size, false, null,
                    sessions > 0 ? "the previous database, in use by " + sessions + " session(s)" : "the previous database, kept as a safety copy",
                    remove);
        }
        Optional<RunOwner> owner = Optional.ofNullable(comment).map(c -> c.split(" ", 2)[0]).flatMap(ApplicationName::parse)
                .flatMap(ApplicationName::owner);
        RunOwner.Liveness liveness = owner.map(RunOwner::liveness).orElse(RunOwner.Liveness.UNKNOWN);
        boolean dead = liveness == RunOwner.Liveness.DEAD && sessions == orphaned;
        String state = liveness != RunOwner.Liveness.DEAD ? state(owner, liveness)
                : sessions > orphaned ? "its run (" + owner.get().describe() + ") is gone, but " + (sessions - orphaned) + " session(s) still use it"
                : orphaned > 0 ? "its run (" + owner.get().describe() + ") is gone; " + orphaned + " statement(s) it left running there end with it"
                : state(owner, liveness);
        return new Leftover(kind, name, null, size, dead, owner.orElse(null), state, remove);
    }

    /** Whether a session's application_name names an lmsdb run whose JVM is certainly gone from this host. */
    private static boolean ofDeadRun(String applicationName) {
        return ApplicationName.parse(applicationName).flatMap(ApplicationName::owner).map(RunOwner::liveness)
                .filter(l -> l == RunOwner.Liveness.DEAD).isPresent();
    }

    private static String state(Optional<RunOwner> owner, RunOwner.Liveness liveness) {
        if (owner.isEmpty()) {
            return "made by a run that did not name itself: cannot tell whether it is still running";
        }
        return switch (liveness) {
            case DEAD -> "its run (" + owner.get().describe() + ") is gone";
            case ALIVE -> "its run (" + owner.get().describe() + ") is still running";
            case UNKNOWN -> "made on another host (" + owner.get().describe() + "): cannot tell whether its run is still running";
        };
    }

    // ------------------------------------------------------------------ removing

    /** {@code Removed unfinished backup file <path> (1.2 MB) left by a dead lmsdb run (pid 4711 on build-7).} */
    public static String removedLine(Leftover l, String size) {
        return "Removed " + l.kind().label() + " " + (l.path() != null ? l.path() : l.name()) + (l.sizeBytes() >= 0 ? " (" + size + ")" : "")
                + " left by a dead lmsdb run" + (l.owner() == null ? "" : " (" + l.owner().describe() + ")") + ".";
    }

    /**
     * Removes the leftovers of these kinds whose run is certainly dead (found again here, just
     * before each is removed); returns those removed. One that cannot be removed is left and listed
     * by status.
     */
    public List<Leftover> removeDead(Set<Kind> kinds) {
        List<Leftover> removed = new ArrayList<>();
        for (Leftover l : files()) {
            if (kinds.contains(l.kind()) && l.runDead()) {
                if (deleteRecursively(l.path())) {
                    removed.add(l);
                }
            }
        }
        if (kinds.stream().anyMatch(Kind::database)) {
            try (ServerAdmin admin = ServerAdmin.open(target)) {
                for (Leftover l : databases(admin)) {
                    if (kinds.contains(l.kind()) && l.runDead() && l.kind() != Kind.ASIDE_DATABASE) {
                        try {
                            admin.terminateAndDrop(l.name());
                            removed.add(l);
                        } catch (SQLException e) {
                            // left for status to list, with the command that removes it
                        }
                    }
                }
            } catch (SQLException e) {
                // no maintenance database: nothing removed, status lists them
            }
        }
        return removed;
    }

    private static List<Path> list(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean deleteRecursively(Path path) {
        try {
            io.github.lmsdb.core.io.FileTrees.delete(path);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
