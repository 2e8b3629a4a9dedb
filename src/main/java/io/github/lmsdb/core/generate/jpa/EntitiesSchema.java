package io.github.lmsdb.core.generate.jpa;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.generate.DesiredSchema;
import io.github.lmsdb.core.sql.SqlScript;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The declared schema as the project's JPA classes: Hibernate ORM (the project's own, else the plugin's) writes their CREATE
 * script for PostgreSQL of the shadow's major version, without any database connection, and the script is run on the empty
 * shadow database, so that what is compared is PostgreSQL's catalog on both sides.
 */
public final class EntitiesSchema implements DesiredSchema {
    /** Hibernate writes {@code timestamp(6)}: in PostgreSQL the same type as {@code timestamp}, whose default precision is 6. */
    private static final Pattern SIX_DIGITS = Pattern.compile("(?i)\\b(timestamp|time)\\(6\\)");
    private static final Pattern MISSING_TYPE = Pattern.compile("type \"([^\"]+)\" does not exist");
    private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+");

    /**
     * What the entities source reads.
     *
     * @param classes the project's compiled classes ({@code target/classes})
     * @param classpath the project's compile and runtime classpath
     * @param pluginHibernate the plugin's Hibernate ORM jars, used when the project has none
     * @param packages the packages to scan (and below); empty for all
     * @param dropUnmapped drop what the entities do not describe (checks, triggers, views...) instead of keeping it
     * @param physicalNaming the POM's physical naming strategy class, or null
     */
    public record Source(Path classes, List<Path> classpath, List<Path> pluginHibernate, List<String> packages, boolean dropUnmapped,
            String physicalNaming) {
        public Source {
            classpath = List.copyOf(classpath);
            pluginHibernate = List.copyOf(pluginHibernate);
            packages = packages.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
        }
    }

    private final Source source;
    private final List<String> notes = new ArrayList<>();
    private EntityScan scan;
    private PersistenceXml unit;

    public EntitiesSchema(Source source) {
        this.source = source;
    }

    @Override
    public String describe() {
        return "the JPA entities in " + source.classes();
    }

    @Override
    public boolean describesEverything() {
        return source.dropUnmapped();
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Refuses, before any shadow database is made, a project that is not compiled or has no entity. */
    @Override
    public void check() throws LmsdbException {
        Path classes = source.classes();
        try {
            if (!Files.isDirectory(classes) || !hasClassFile(classes)) {
                throw new LmsdbException("No compiled classes in " + classes + ": the entities source reads the JPA entities from the compiled "
                        + "classes, and the project has not been compiled. Nothing was written.",
                        Hint.line("Compile first, in the same command: ", Hint.runAfter("compile", "generate")));
            }
            unit = PersistenceXml.read(classes);
            scan = EntityScan.scan(classes, source.packages());
        } catch (IOException e) {
            throw new LmsdbException("Cannot read the compiled classes in " + classes + ": " + e.getMessage(), "  Check the folder, then run again.", e);
        }
        if (scan.entities() == 0 && unit.classes().isEmpty()) {
            String scanned = scan.packagesScanned().isEmpty() ? "none" : String.join(", ", scan.packagesScanned());
            String where = source.packages().isEmpty() ? "" : " under entityPackages " + String.join(", ", source.packages());
            if (!scan.javaxEntities().isEmpty()) {
                throw new LmsdbException("The entities use javax.persistence (" + String.join(", ", scan.javaxEntities())
                        + "), which Hibernate ORM 6 and later do not read. Nothing was written.",
                        Hint.line("Move them to jakarta.persistence (import jakarta.persistence.Entity), then run ", Hint.runAfter("compile", "generate")));
            }
            throw new LmsdbException("No @Entity class found in " + classes + where + " (" + scan.classFiles() + " class files; packages scanned: "
                    + scanned + "). Nothing was written.",
                    Hint.line("Annotate the entities with @jakarta.persistence.Entity, or name their package: ",
                            Hint.set("entityPackages", "com.example.domain")));
        }
    }

    private static boolean hasClassFile(Path classes) throws IOException {
        try (var walk = Files.walk(classes)) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(".class"));
        }
    }

    @Override
    public void applyTo(Connection c) throws LmsdbException, SQLException {
        if (scan == null) {
            check();
        }
        int major = c.getMetaData().getDatabaseMajorVersion();
        String script;
        try (IsolatedHibernate hibernate = IsolatedHibernate.open(source.classes(), source.classpath(), source.pluginHibernate())) {
            Map<String, AppProperties.Found> app = AppProperties.read(source.classes());
            Naming naming = Naming.choose(source.physicalNaming(), app, unit.properties(), hibernate::has);
            String version = version(hibernate);
            List<String> classes = classes();
            notes.add("declared schema: " + classes.size() + " JPA classes (" + scan.entities() + " entities) in " + source.classes()
                    + (unit.present() ? ", persistence unit " + unit.unit() : "") + ", DDL by Hibernate ORM " + version
                    + (hibernate.projects() ? " (the project's)" : " (the plugin's: the project has none)") + " for PostgreSQL " + major);
            notes.add(naming.describe());
            Map<String, String> settings = settings(major, naming, app);
            notes.add(beanValidation(hibernate, settings));
            script = createScript(hibernate, classes, settings);
        } catch (IOException e) {
            throw new LmsdbException("Cannot read the project's classpath: " + e.getMessage(), "  Run mvn compile, then generate again.", e);
        }
        run(c, SIX_DIGITS.matcher(script).replaceAll("$1"));
    }

    /** The scanned classes, or persistence.xml's list when it excludes unlisted classes (with the scanned converters). */
    private List<String> classes() {
        Set<String> classes = new LinkedHashSet<>();
        if (!unit.excludeUnlisted()) {
            classes.addAll(scan.mapped());
        }
        classes.addAll(unit.classes());
        return new ArrayList<>(classes);
    }

    private Map<String, String> settings(int major, Naming naming, Map<String, AppProperties.Found> app) {
        Map<String, String> settings = new LinkedHashMap<>();
        // Hibernate settings the application itself is given: identifier quoting, default schema, sequence naming...
        unit.properties().forEach((k, v) -> {
            if (passedOn(k)) {
                settings.put(k, v);
            }
        });
        app.forEach((k, v) -> {
            if (k.startsWith("spring.jpa.properties.") && passedOn(k.substring("spring.jpa.properties.".length()))) {
                settings.put(k.substring("spring.jpa.properties.".length()), v.value());
            }
        });
        settings.putAll(naming.settings());
        // The dialect is resolved from the product name and version, as from a connection's metadata (naming the class warns).
        settings.put("jakarta.persistence.database-product-name", "PostgreSQL");
        settings.put("jakarta.persistence.database-major-version", Integer.toString(major));
        settings.put("jakarta.persistence.database-minor-version", "0");
        settings.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        settings.put("hibernate.temp.use_jdbc_metadata_defaults", "false");
        // No connection ever: said explicitly, so that Hibernate does not look for a provider and warn that it found none.
        settings.put("hibernate.connection.provider_class", "org.hibernate.engine.jdbc.connections.internal.UserSuppliedConnectionProviderImpl");
        return settings;
    }

    /**
     * Settings that change names or structure, and the validation mode (NONE turns Bean Validation's DDL constraints off); never
     * connection, dialect or schema-action settings.
     */
    private static boolean passedOn(String key) {
        if (key.equals(PersistenceXml.VALIDATION_MODE) || key.equals("javax.persistence.validation.mode")) {
            return true;
        }
        return key.startsWith("hibernate.") && !key.contains("connection") && !key.contains("dialect") && !key.contains("hbm2ddl")
                && !key.contains("schema_management") && !key.contains("naming_strategy");
    }

    /**
     * Whether Hibernate applies Bean Validation's constraints to the DDL, as it does when the application starts: with
     * jakarta.validation, a provider and Jakarta EL on the classpath, unless the validation mode is NONE (or CALLBACK only).
     */
    static String beanValidation(IsolatedHibernate hibernate, Map<String, String> settings) {
        String mode = settings.getOrDefault(PersistenceXml.VALIDATION_MODE, settings.getOrDefault("javax.persistence.validation.mode", "auto"))
                .trim().toLowerCase(java.util.Locale.ROOT);
        if (!hibernate.has("jakarta.validation.Validation")) {
            return "bean validation: not on the classpath (constraints such as @NotNull are not applied to the DDL, as in the application)";
        }
        if (!hibernate.hasResource("META-INF/services/jakarta.validation.spi.ValidationProvider")) {
            return "bean validation: jakarta.validation without a provider (such as hibernate-validator): its constraints are not applied to "
                    + "the DDL, as in the application";
        }
        if (!hibernate.has("jakarta.el.ExpressionFactory")) {
            return "bean validation: no Jakarta EL implementation on the classpath, so Hibernate cannot start the validator and does not apply "
                    + "its constraints to the DDL, as in the application";
        }
        if (!mode.contains("auto") && !mode.contains("ddl")) {
            return "bean validation: validation mode " + mode.toUpperCase(java.util.Locale.ROOT) + ": its constraints are not applied to the DDL";
        }
        return "bean validation: @NotNull, @NotBlank, @NotEmpty, @Size(max), @Digits, @Min/@Max and similar are applied to the DDL, as "
                + "Hibernate does when the application starts (validation mode " + mode.toUpperCase(java.util.Locale.ROOT) + ")";
    }

    private static String version(IsolatedHibernate hibernate) throws LmsdbException {
        try {
            String version = hibernate.version();
            int major = Integer.parseInt(version.replaceAll("^(\\d+).*", "$1"));
            if (major < 6) {
                throw new LmsdbException("The project's Hibernate ORM " + version + " is older than 6: generate needs Hibernate ORM 6.6 or later.",
                        "  Upgrade Hibernate ORM (Spring Boot 3 and later bring 6.6 or 7).");
            }
            return version;
        } catch (ReflectiveOperationException | LinkageError | NumberFormatException e) {
            throw new LmsdbException("The Hibernate ORM on the project's classpath cannot be used: " + rootMessage(e),
                    "  generate supports Hibernate ORM 6.6 and 7; check the project's hibernate-core version.", e);
        }
    }

    private String createScript(IsolatedHibernate hibernate, List<String> classes, Map<String, String> settings) throws LmsdbException {
        try {
            String[] script = hibernate.createScript(classes, settings);
            if (script[1] != null) {
                notes.add("session factory: Hibernate could not build one (" + script[1].replaceAll("\\s+", " ").strip()
                        + "), as the application would fail at startup; the DDL is the mapping's alone, without Bean Validation's "
                        + "constraints");
            }
            return script[0];
        } catch (InvocationTargetException e) {
            throw mappingError(e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new LmsdbException("Hibernate ORM could not be called to write the entities' DDL: " + rootMessage(e),
                    "  generate supports Hibernate ORM 6.6 and 7; check the project's hibernate-core version.", e);
        }
    }

    /** Hibernate's refusal of a mapping, with the entity and field it names, as the application would fail at startup. */
    LmsdbException mappingError(Throwable error) {
        String message = messages(error);
        String where = location(message);
        return new LmsdbException("Hibernate cannot map the entities" + (where == null ? "" : " (" + where + ")") + ": " + message
                + "\nNothing was written.",
                Hint.line("Fix the mapping" + (where == null ? "" : " of " + where) + " (the application would fail to start the same way), then run ",
                        Hint.runAfter("compile", "generate")), error);
    }

    /** {@code entity Course, field sections} from a qualified name in Hibernate's message that starts with a scanned class. */
    String location(String message) {
        Matcher m = QUALIFIED.matcher(message);
        List<String> known = scan == null ? List.of() : scan.mapped();
        while (m.find()) {
            String name = m.group();
            for (String cls : known) {
                if (name.startsWith(cls + ".") && name.indexOf('.', cls.length() + 1) < 0) {
                    return "entity " + simple(cls) + ", field " + name.substring(cls.length() + 1);
                }
            }
        }
        m.reset();
        while (m.find()) {
            if (known.contains(m.group())) {
                return "entity " + simple(m.group());
            }
        }
        return null;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The distinct messages of an exception chain, outermost first. */
    static String messages(Throwable error) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = error; t != null && messages.size() < 4; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (messages.stream().noneMatch(x -> x.contains(m))) {
                messages.add(m);
            }
        }
        return String.join("; caused by: ", messages);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Runs Hibernate's script on the empty shadow in one transaction; a failure names the statement and what to change. */
    private void run(Connection c, String script) throws LmsdbException, SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (SqlScript.Statement statement : SqlScript.split(script)) {
                try {
                    st.execute(statement.sql());
                } catch (SQLException e) {
                    c.rollback();
                    throw refusal(statement.sql(), e);
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private LmsdbException refusal(String statement, SQLException e) {
        String first = e.getMessage() == null ? e.getSQLState() : e.getMessage().lines().findFirst().orElse("").replaceFirst("^ERROR: ", "");
        Matcher type = MISSING_TYPE.matcher(first);
        if ("42704".equals(e.getSQLState()) && type.find()) {
            String column = columnOfType(statement, type.group(1));
            return new LmsdbException("The entities map " + (column == null ? "a column" : "column " + column) + " to type " + type.group(1)
                    + ", which PostgreSQL does not have (" + first + "). Nothing was written.",
                    Hint.line("Map the field to a PostgreSQL type: change its Java type, its @Column(columnDefinition = \"...\") or its "
                            + "@JdbcTypeCode, then run ", Hint.runAfter("compile", "generate")), e);
        }
        return new LmsdbException("PostgreSQL refused the DDL Hibernate wrote for the entities: " + first + "\n  at: " + statement
                + "\nNothing was written.",
                Hint.line("Change the mapping that produces this statement (a columnDefinition, a @Check, a type), then run ",
                        Hint.runAfter("compile", "generate")), e);
    }

    /** {@code table.column} of the column declared with {@code type} in a CREATE TABLE or ADD COLUMN statement, or null. */
    static String columnOfType(String statement, String type) {
        Matcher table = Pattern.compile("(?i)(?:create table|alter table(?: if exists)?)\\s+([\\w.\"]+)").matcher(statement);
        Matcher column = Pattern.compile("(?i)[(,]\\s*(?:add column\\s+)?([\\w\"]+)\\s+" + Pattern.quote(type) + "\\b").matcher(statement);
        if (!column.find()) {
            column = Pattern.compile("(?i)(?:add column\\s+)?([\\w\"]+)\\s+" + Pattern.quote(type) + "\\b").matcher(statement);
            if (!column.find()) {
                return null;
            }
        }
        String name = column.group(1).replace("\"", "");
        return table.find() ? table.group(1).replace("\"", "") + "." + name : name;
    }

    @Override
    public String toString() {
        return describe() + notes.stream().map(n -> "\n" + n).collect(Collectors.joining());
    }
}
