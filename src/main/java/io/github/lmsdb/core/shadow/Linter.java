package io.github.lmsdb.core.shadow;

import io.github.lmsdb.core.catalog.SchemaChange;
import io.github.lmsdb.core.catalog.SchemaObject;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.lint.Finding;
import io.github.lmsdb.core.lint.Finding.Severity;
import io.github.lmsdb.core.lint.LintReport;
import io.github.lmsdb.core.lint.Rule;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.Preview;
import io.github.lmsdb.core.sql.SqlScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints migrations by observation where the shadow preview saw them (locks, rewrites, statements refused in a
 * transaction, dropped objects), else by the statement's text; either way against the target's table sizes and whether
 * they hold rows, read read-only. A statement's text only says which rule may apply and to which table; the preview
 * says what it did. The {@link ShadowPreviewer} lints each script it previews, so dry runs, rollback previews, plans and
 * {@code lint} show the same findings from the same observation. It lives beside the previewer, not in {@code lint}
 * (which holds the findings and rules as data), because previews carry findings: {@code migrate} depends on {@code lint}.
 */
public final class Linter {
    /** A rewrite of a table at least this large is an error, below it a warning. Not measured: a round line to draw. */
    public static final long LARGE_BYTES = 10L * 1024 * 1024;

    private static final String IDENT = "(\"(?:[^\"]|\"\")+\"|[\\w$]+)(?:\\s*\\.\\s*(\"(?:[^\"]|\"\")+\"|[\\w$]+))?";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern SET_LOCK_TIMEOUT = Pattern.compile("^(set\\s+(session\\s+|local\\s+)?lock_timeout\\b|select\\s+set_config\\s*\\(\\s*'lock_timeout')", FLAGS);
    private static final Pattern SET = Pattern.compile("^(set|reset)\\s", FLAGS);
    private static final Pattern ALTER_TABLE = Pattern.compile("^alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + IDENT, FLAGS);
    private static final Pattern CREATE_INDEX = Pattern.compile("^create\\s+(?:unique\\s+)?index\\s+(?!concurrently\\b)", FLAGS);
    private static final Pattern CONCURRENTLY = Pattern.compile("^(create\\s+(unique\\s+)?index|drop\\s+index|reindex\\s+\\w+)\\s+concurrently\\b", FLAGS);
    private static final Pattern INDEX_ON = Pattern.compile("\\son\\s+(?:only\\s+)?" + IDENT, FLAGS);
    private static final Pattern ADD_CONSTRAINT = Pattern.compile("\\badd\\s+(?:constraint\\s+" + IDENT + "\\s+)?(foreign\\s+key|check)\\b", FLAGS);
    private static final Pattern NOT_VALID = Pattern.compile("\\bnot\\s+valid\\b", FLAGS);
    private static final Pattern SET_NOT_NULL = Pattern.compile("\\balter\\s+(?:column\\s+)?" + IDENT + "\\s+set\\s+not\\s+null\\b", FLAGS);
    private static final Pattern TYPE_CHANGE = Pattern.compile("\\balter\\s+(?:column\\s+)?" + IDENT + "\\s+(?:set\\s+data\\s+)?type\\b", FLAGS);
    private static final Pattern DROP_COLUMN = Pattern.compile("\\bdrop\\s+(?:column\\s+)?(?:if\\s+exists\\s+)?" + IDENT, FLAGS);
    private static final Set<String> NOT_COLUMNS = Set.of("constraint", "default", "not", "identity", "expression");
    private static final Pattern RENAME_COLUMN = Pattern.compile("\\brename\\s+(?:column\\s+)?(?!to\\b|constraint\\b)" + IDENT + "\\s+to\\b", FLAGS);
    private static final Pattern DROP_TABLE = Pattern.compile("^drop\\s+table\\s+(?:if\\s+exists\\s+)?(.*?)(?:\\s+(?:cascade|restrict))?$", FLAGS);
    /** ALTER TABLE forms that take less than ACCESS EXCLUSIVE: what the text fallback does not count. */
    private static final Pattern WEAKER_ALTER = Pattern.compile("\\b(validate\\s+constraint|foreign\\s+key|set\\s+statistics|set\\s*\\(|cluster\\s+on)\\b", FLAGS);
    private static final String ACCESS_EXCLUSIVE = "ACCESS EXCLUSIVE";

    private final TargetTables target;
    private final long largeBytes;

    public Linter(TargetTables target) {
        this(target, LARGE_BYTES);
    }

    public Linter(TargetTables target, long largeBytes) {
        this.target = target;
        this.largeBytes = largeBytes;
    }

    /**
     * One migration to lint: its entry, its file, its preview on the shadow (or null when it was not previewed), and its text
     * as it runs (placeholders expanded), or null to read the file.
     */
    public record Input(MigrationEntry migration, Path file, Preview preview, String text) {
        public Input(MigrationEntry migration, Path file, Preview preview) {
            this(migration, file, preview, null);
        }
    }

    /** The report over these inputs: a previewed one's findings are those its preview carries, the others are linted now. */
    public LintReport lint(Path migrationsDirectory, List<Input> inputs) throws LmsdbException, SQLException {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> textOnly = new LinkedHashMap<>();
        for (Input in : inputs) {
            findings.addAll(in.preview() != null ? in.preview().findings() : lint(in));
            String file = in.file().getFileName().toString();
            if (in.preview() == null) {
                textOnly.put(file, "already applied: read from its text");
            } else if (in.preview().problem() != null) {
                textOnly.put(file, in.preview().problem());
            }
        }
        return new LintReport(migrationsDirectory, inputs.stream().map(i -> i.file().getFileName().toString()).toList(), findings, textOnly);
    }

    /** The findings of one script, by what its preview observed (by the statements' text where there is none). */
    public List<Finding> lint(Input in) throws LmsdbException, SQLException {
        String script = in.text();
        try {
            script = script != null ? script : Files.readString(in.file());
        } catch (IOException e) {
            throw new LmsdbException("Cannot read " + in.file() + ": " + e.getMessage(), Hint.text("Check the migration file is readable."), e);
        }
        return new Pass(in, SqlScript.split(script)).run();
    }

    /** One migration's statements in order, with what the shadow saw of each. */
    private final class Pass {
        private final Input in;
        private final List<SqlScript.Statement> statements;
        private final boolean observed;
        private final List<Finding> findings = new ArrayList<>();
        private boolean lockTimeout;
        private boolean lockReported;

        Pass(Input in, List<SqlScript.Statement> statements) {
            this.in = in;
            this.statements = statements;
            this.observed = in.preview() != null && in.preview().problem() == null;
        }

        List<Finding> run() throws LmsdbException, SQLException {
            for (SqlScript.Statement statement : statements) {
                String sql = clean(statement.sql());
                if (SET_LOCK_TIMEOUT.matcher(sql).find()) {
                    lockTimeout = true;
                    continue;
                }
                statement(statement.line(), sql);
            }
            return findings;
        }

        private List<Preview.TableEffect> effects(int line) {
            return observed ? in.preview().effects().stream().filter(e -> e.line() == line).toList() : List.of();
        }

        private void statement(int line, String sql) throws LmsdbException, SQLException {
            List<Preview.TableEffect> effects = effects(line);
            // Observed: every lock and rewrite the statement took on a table of the target.
            for (Preview.TableEffect e : effects) {
                TargetTables.Size size = target.size(e.table()).orElse(null);
                if (size == null || !target.hasRows(size)) {
                    continue;
                }
                if (e.rewrites()) {
                    add(Rule.TABLE_REWRITE, e.bytes() >= largeBytes ? Severity.ERROR : Severity.WARNING, line, size, true, "rewrites it");
                }
                if (ACCESS_EXCLUSIVE.equals(e.lock())) {
                    accessExclusive(line, size, true);
                }
            }
            Matcher create = CREATE_INDEX.matcher(sql);
            Matcher on = INDEX_ON.matcher(sql);
            if (create.find() && on.find()) {
                withRows(name(on), size -> add(Rule.INDEX_NOT_CONCURRENT, Severity.ERROR, line, size, lock(effects, size) != null,
                        "takes " + orDefault(lock(effects, size), "SHARE") + " while the index builds"));
            }
            if (CONCURRENTLY.matcher(sql).find()) {
                concurrently(line, sql);
            }
            if (DROP_TABLE.matcher(sql).find()) {
                dropTables(line, sql);
            }
            Matcher alter = ALTER_TABLE.matcher(sql);
            if (alter.find()) {
                alterTable(line, sql, name(alter), effects);
            }
        }

        private void alterTable(int line, String sql, String table, List<Preview.TableEffect> effects) throws LmsdbException, SQLException {
            TargetTables.Size size = target.size(table).orElse(null);
            if (size == null) {
                return;
            }
            boolean rows = target.hasRows(size);
            String lock = lock(effects, size);
            if (rows && ADD_CONSTRAINT.matcher(sql).find() && !NOT_VALID.matcher(sql).find()) {
                add(Rule.CONSTRAINT_NOT_VALID, Severity.ERROR, line, size, lock != null, "scans every row" + (lock != null ? " holding " + lock : " under lock"));
            }
            Matcher notNull = SET_NOT_NULL.matcher(sql);
            if (rows && notNull.find() && !provenNotNull(size, ident(notNull.group(2) != null ? notNull.group(2) : notNull.group(1)))) {
                add(Rule.NOT_NULL_ON_ROWS, Severity.ERROR, line, size, lock != null, "scans every row holding " + orDefault(lock, ACCESS_EXCLUSIVE));
            }
            if (rows && !observed && TYPE_CHANGE.matcher(sql).find()) {
                add(Rule.TABLE_REWRITE, Severity.WARNING, line, size, false, "a type change may rewrite it (not previewed, so not seen)");
            }
            if (rows && !observed && !WEAKER_ALTER.matcher(sql).find()) {
                accessExclusive(line, size, false);
            }
            Matcher drop = DROP_COLUMN.matcher(sql);
            while (drop.find()) {
                String column = ident(drop.group(2) != null ? drop.group(2) : drop.group(1));
                if (!NOT_COLUMNS.contains(column.toLowerCase(Locale.ROOT)) && (!observed || dropped(SchemaObject.Kind.COLUMN, table + "." + column))) {
                    add(Rule.DROP_COLUMN, Severity.WARNING, line, size, observed, "drops column " + column);
                }
            }
            Matcher rename = RENAME_COLUMN.matcher(sql);
            if (rename.find()) {
                add(Rule.RENAME_COLUMN, Severity.WARNING, line, size, false, "renames column " + ident(rename.group(2) != null ? rename.group(2) : rename.group(1)));
            }
        }

        private void dropTables(int line, String sql) throws LmsdbException, SQLException {
            Matcher m = DROP_TABLE.matcher(sql);
            m.find();
            Matcher each = Pattern.compile(IDENT).matcher(m.group(1));
            while (each.find()) {
                String table = name(each);
                TargetTables.Size size = target.size(table).orElse(null);
                if (size != null && (!observed || dropped(SchemaObject.Kind.TABLE, table))) {
                    add(Rule.DROP_TABLE, Severity.WARNING, line, size, observed, "drops it");
                    if (target.hasRows(size) && !observed) {
                        accessExclusive(line, size, false);
                    }
                }
            }
        }

        /** The shadow refuses CONCURRENTLY in a transaction; alone in its migration it runs outside one, so only company is a finding. */
        private void concurrently(int line, String sql) {
            boolean company = statements.stream().map(s -> clean(s.sql()))
                    .anyMatch(s -> !s.isEmpty() && !CONCURRENTLY.matcher(s).find() && !SET.matcher(s).find());
            if (!company) {
                return;
            }
            String problem = in.preview() == null ? null : in.preview().problem();
            boolean seen = problem != null && problem.startsWith("cannot be previewed");
            findings.add(new Finding(Rule.CONCURRENTLY_IN_TRANSACTION, Severity.ERROR, version(), file(), line, null, seen,
                    seen ? "the preview could not run it in a transaction (" + problem + ")" : "shares its migration with other statements", -1, -1));
        }

        private void accessExclusive(int line, TargetTables.Size size, boolean seen) {
            if (lockTimeout || lockReported) {
                return;
            }
            lockReported = true;
            add(Rule.ACCESS_EXCLUSIVE, Severity.WARNING, line, size, seen, "takes ACCESS EXCLUSIVE with no lock_timeout set before it in the migration");
        }

        private boolean dropped(SchemaObject.Kind kind, String name) {
            return in.preview().changes().stream().anyMatch(c -> c.action() == SchemaChange.Action.DROP && c.object().kind() == kind
                    && c.object().name().equals(name));
        }

        /** A validated {@code CHECK (col IS NOT NULL)} on the target lets SET NOT NULL skip its scan (PostgreSQL 12 and later). */
        private boolean provenNotNull(TargetTables.Size size, String column) throws SQLException {
            Pattern proof = Pattern.compile("^CHECK \\(+\"?" + Pattern.quote(column) + "\"? IS NOT NULL\\)+$", Pattern.CASE_INSENSITIVE);
            return target.validChecks(size).stream().anyMatch(c -> proof.matcher(c.trim()).matches());
        }

        private void withRows(String table, SizeAction action) throws LmsdbException, SQLException {
            TargetTables.Size size = target.size(table).orElse(null);
            if (size != null && target.hasRows(size)) {
                action.on(size);
            }
        }

        private void add(Rule rule, Severity severity, int line, TargetTables.Size size, boolean seen, String evidence) {
            String table = TargetTables.display(target.scope(), size.schema(), size.name());
            findings.add(new Finding(rule, severity, version(), file(), line, table, seen, evidence, size.bytes(), size.estimatedRows()));
        }

        private String version() {
            return in.migration() == null ? null : in.migration().version();
        }

        private String file() {
            return in.file().getFileName().toString();
        }
    }

    private interface SizeAction {
        void on(TargetTables.Size size);
    }

    /** The lock the shadow saw this statement take on the table, or null. */
    private String lock(List<Preview.TableEffect> effects, TargetTables.Size size) {
        String table = TargetTables.display(target.scope(), size.schema(), size.name());
        return effects.stream().filter(e -> e.table().equals(table))
                .map(Preview.TableEffect::lock).filter(l -> l != null).findFirst().orElse(null);
    }

    private static String orDefault(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    /** Comments out, whitespace folded, no trailing semicolon: enough to recognise a statement, never to run it. */
    static String clean(String sql) {
        String s = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ").replaceAll("\\s+", " ").trim();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).trim() : s;
    }

    /** The table a match names, as previews name it: bare in the first schema. */
    private String name(Matcher m) {
        if (m.group(2) == null) {
            return ident(m.group(1));
        }
        return TargetTables.display(target.scope(), ident(m.group(1)), ident(m.group(2)));
    }

    private static String ident(String raw) {
        if (raw.startsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return raw.toLowerCase(Locale.ROOT);
    }
}
