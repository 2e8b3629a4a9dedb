package io.github.lmsdb.core.app;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.lint.Acknowledgements;
import io.github.lmsdb.core.migrate.LockSafety;
import java.nio.file.Path;
import java.util.List;

/** What the user asked of each goal, one record per goal. */
public final class Options {
    private Options() {}

    /**
     * The reviewed-plan files of a migrate or rollback.
     *
     * @param write write a plan here and change nothing, or null
     * @param apply apply exactly the plan in this file (with a dry run, only show it), or null
     */
    public record Plans(Path write, Path apply) {
        public static final Plans NONE = new Plans(null, null);

        public boolean any() {
            return write != null || apply != null;
        }

        /** Refuses both at once: a plan is either made or applied. */
        public Plans check(String goal) throws LmsdbException {
            if (write != null && apply != null) {
                throw new LmsdbException("Give either a plan to write or a plan to apply, not both.",
                        Hint.line("Write one: ", Hint.run(goal, Hint.set("planFile", write))).then("Then apply it: ",
                                Hint.run(goal, Hint.set("plan", write))));
            }
            return this;
        }
    }

    /**
     * @param dryRun preview only, change nothing
     * @param atomic all pending migrations in one transaction
     * @param baselineVersion adopt an existing database at this version first, or null
     * @param backup the {@code backup} parameter (the policy decides what it means)
     * @param confirm the batch confirmation, or null
     * @param shadowUrl the server where a preview makes its shadow copy, or null for the target's server
     * @param lockSafety the lock and statement timeouts of the sessions that apply the migrations, and the retries
     * @param plans the plan to write or to apply
     * @param acknowledged the lint findings the user acknowledged by id: in production, error-level ones not acknowledged
     *     (here or in the plan applied) refuse the migrate; a plan written records them
     */
    public record Migrate(boolean dryRun, boolean atomic, String baselineVersion, boolean backup, String confirm, String shadowUrl,
            LockSafety lockSafety, Plans plans, Acknowledgements acknowledged) {
        public Migrate {
            lockSafety = lockSafety == null ? LockSafety.DEFAULT : lockSafety;
            plans = plans == null ? Plans.NONE : plans;
            acknowledged = acknowledged == null ? Acknowledgements.NONE : acknowledged;
        }

        public Migrate(boolean dryRun, boolean atomic, String baselineVersion, boolean backup, String confirm, String shadowUrl,
                LockSafety lockSafety, Plans plans) {
            this(dryRun, atomic, baselineVersion, backup, confirm, shadowUrl, lockSafety, plans, Acknowledgements.NONE);
        }

        public Migrate(boolean dryRun, boolean atomic, String baselineVersion, boolean backup, String confirm, String shadowUrl,
                LockSafety lockSafety) {
            this(dryRun, atomic, baselineVersion, backup, confirm, shadowUrl, lockSafety, Plans.NONE);
        }

        public Migrate(boolean dryRun, boolean atomic, String baselineVersion, boolean backup, String confirm, String shadowUrl) {
            this(dryRun, atomic, baselineVersion, backup, confirm, shadowUrl, LockSafety.DEFAULT);
        }

        public Migrate(boolean dryRun, boolean atomic, String baselineVersion, boolean backup, String confirm) {
            this(dryRun, atomic, baselineVersion, backup, confirm, null);
        }
    }

    /**
     * Record the next pending migration as applied without running it, after proving on a shadow that the database already has
     * what it makes (a hot fix adopted by {@code drift}).
     *
     * @param version the migration's version
     * @param shadowUrl the server for the proof's shadow database, or null for the target's server (or a local one)
     */
    public record MarkApplied(String version, boolean backup, String confirm, String shadowUrl) {}

    /**
     * @param shadowUrl the server where the preview makes its shadow copy, or null for the target's server
     * @param lockSafety the lock and statement timeouts of the session that runs the undo scripts, and the retries
     * @param plans the plan to write or to apply (which then says how many steps)
     * @param acknowledged the lint findings of the undo scripts the user acknowledged by id (as for migrate)
     */
    public record Rollback(int steps, boolean dryRun, boolean backup, String confirm, String shadowUrl, LockSafety lockSafety, Plans plans,
            Acknowledgements acknowledged) {
        public Rollback {
            lockSafety = lockSafety == null ? LockSafety.DEFAULT : lockSafety;
            plans = plans == null ? Plans.NONE : plans;
            acknowledged = acknowledged == null ? Acknowledgements.NONE : acknowledged;
        }

        public Rollback(int steps, boolean dryRun, boolean backup, String confirm, String shadowUrl, LockSafety lockSafety, Plans plans) {
            this(steps, dryRun, backup, confirm, shadowUrl, lockSafety, plans, Acknowledgements.NONE);
        }

        public Rollback(int steps, boolean dryRun, boolean backup, String confirm, String shadowUrl, LockSafety lockSafety) {
            this(steps, dryRun, backup, confirm, shadowUrl, lockSafety, Plans.NONE);
        }

        public Rollback(int steps, boolean dryRun, boolean backup, String confirm, String shadowUrl) {
            this(steps, dryRun, backup, confirm, shadowUrl, LockSafety.DEFAULT);
        }

        public Rollback(int steps, boolean dryRun, boolean backup, String confirm) {
            this(steps, dryRun, backup, confirm, null);
        }

        /** The {@code steps} parameter as a number, or a refusal naming it. */
        public static int steps(String value) throws LmsdbException {
            try {
                return Integer.parseInt(value == null ? "1" : value.trim());
            } catch (NumberFormatException e) {
                throw new LmsdbException("Invalid steps '" + value + "': give the number of migrations to revert.",
                        Hint.line("For example: ", Hint.run("rollback", Hint.set("steps", "2"))));
            }
        }
    }

    /**
     * @param fresh empty the tables first: every application table, or with {@code only} the tables those groups load
     * @param only group names, or empty for all
     */
    public record Seed(boolean fresh, List<String> only, boolean backup, String confirm) {
        public Seed {
            only = only == null ? List.of() : List.copyOf(only);
        }

        /** Without a backup in development. */
        public Seed(boolean fresh, List<String> only, String confirm) {
            this(fresh, only, false, confirm);
        }
    }

    public record Reset(boolean backup, String confirm) {}

    /**
     * @param keepPrevious keep the replaced database under its aside name
     * @param jobs parallel pg_restore jobs, or null: one per core for a directory dump, else one
     * @param unverified accept a file without its manifest (what can be verified still is)
     * @param keepAside after a restore that kept the previous database, how many of this database's aside databases are kept
     *     (newest first; 0 keeps all)
     */
    public record Restore(Path file, Integer jobs, boolean keepPrevious, boolean unverified, boolean backup, String confirm, int keepAside) {
        /** Aside databases kept per database when nothing else is configured. */
        public static final int DEFAULT_KEEP_ASIDE = 5;

        public Restore(Path file, Integer jobs, boolean keepPrevious, boolean unverified, boolean backup, String confirm) {
            this(file, jobs, keepPrevious, unverified, backup, confirm, DEFAULT_KEEP_ASIDE);
        }
    }

    /**
     * A backup as the user configured it: the format and jobs are chosen from these and the database's size.
     *
     * @param backupFormat plain, custom or directory, or null
     * @param jobs parallel pg_dump jobs, or null when not set
     */
    public record Backup(String backupFormat, boolean compress, Integer compressionLevel, Integer jobs, Integer keep) {}

    /**
     * @param name the migration's name
     * @param againstMigrations compare with the migrations replayed in a shadow, not the database
     * @param allowHazards false refuses any hazard
     * @param entities the JPA entities as the declared schema, or null for the SQL files of {@code schemaDirectory}
     */
    /**
     * @param shadowUrl the server where the shadow databases are built, or null for a local throwaway server of the
     *     target's major (the target's server when there is none)
     */
    public record Generate(String name, boolean againstMigrations, boolean allowHazards,
            io.github.lmsdb.core.generate.jpa.EntitiesSchema.Source entities, String shadowUrl) {
        public Generate(String name, boolean againstMigrations, boolean allowHazards,
                io.github.lmsdb.core.generate.jpa.EntitiesSchema.Source entities) {
            this(name, againstMigrations, allowHazards, entities, null);
        }

        public Generate(String name, boolean againstMigrations, boolean allowHazards) {
            this(name, againstMigrations, allowHazards, null, null);
        }
    }

    /**
     * @param shadowUrl the server where the migrations are replayed, or null for the target's server (or a local one)
     * @param name when given, write a migration so named that adopts the drift
     */
    public record Drift(String shadowUrl, String name) {}

    /**
     * @param all lint every migration, the applied ones too (by their text: they cannot run again on a copy of the target),
     *     not only the pending ones
     * @param shadowUrl the server where the pending migrations are previewed, or null for the target's server (or a local one)
     */
    public record Lint(boolean all, String shadowUrl) {
        /** How lint's report is written. */
        public enum Format {
            TEXT, JSON, SARIF;

            public static Format parse(String value) throws LmsdbException {
                return Options.parse(Format.class, value, "format", "sarif");
            }
        }

        /** From which severity lint fails the build; {@code NONE} never. */
        public enum FailOn {
            ERROR, WARNING, NONE;

            public static FailOn parse(String value) throws LmsdbException {
                return Options.parse(FailOn.class, value, "failOn", "warning");
            }

            public io.github.lmsdb.core.lint.Finding.Severity severity() {
                return this == NONE ? null : io.github.lmsdb.core.lint.Finding.Severity.valueOf(name());
            }
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String parameter, String example) throws LmsdbException {
        String v = value == null ? "" : value.trim().toUpperCase(java.util.Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        String allowed = String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList());
        throw new LmsdbException("Unknown " + parameter + " '" + value + "'. Allowed values: " + allowed + ".",
                Hint.line("Set it with ", Hint.set(parameter, example)));
    }

    /** How a report is written: the text report or one JSON document. */
    public enum Format {
        TEXT, JSON;

        /** The {@code format} parameter, or a refusal with the allowed values. */
        public static Format parse(String value) throws LmsdbException {
            String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
            for (Format f : values()) {
                if (f.name().toLowerCase(java.util.Locale.ROOT).equals(v)) {
                    return f;
                }
            }
            throw new LmsdbException("Unknown format '" + value + "'. Allowed values: text, json.", Hint.line("Set it with ", Hint.set("format", "json")));
        }
    }
}
