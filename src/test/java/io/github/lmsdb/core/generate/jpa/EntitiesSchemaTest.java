package io.github.lmsdb.core.generate.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.generate.GenerateResult;
import io.github.lmsdb.core.generate.GenerateService;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.schema.Change;
import io.github.lmsdb.core.schema.ScratchDatabase;
import io.github.lmsdb.maven.MavenWords;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entities source on the real server with the plugin's own Hibernate ORM: entities-example (compiled here with javac)
 * against the LMS migrations, a change to it, and the refusals.
 */
class EntitiesSchemaTest {
    private static final Path LMS_MIGRATIONS = Path.of("migrations-example/src/main/resources/db/migration");
    private static final Path EXAMPLE = Path.of("entities-example/src/main/java");
    private static final List<String> PUBLIC = List.of("public");
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    Path temp;

    @Test
    void lmsEntitiesMatchTheLmsMigrationsAndKeepWhatJpaCannotSay() throws Exception {
        Path classes = compile(EXAMPLE, temp.resolve("classes"), null);
        try (ScratchDatabase db = ScratchDatabase.create("ent_lms")) {
            new MigrationService(db.gateway(), PUBLIC, LMS_MIGRATIONS).migrate(false, false, null, MigrationListener.NONE);
            EntitiesSchema entities = new EntitiesSchema(source(classes, false));
            GenerateResult result = new GenerateService(db.gateway(), PUBLIC, LMS_MIGRATIONS, entities).generate("X", false, true, false, NOW);

            assertThat(result.changes()).extracting(EntitiesSchemaTest::describe).isEmpty();
            assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("13 JPA classes (11 entities)", "(the plugin's: the project has none)"));
            assertThat(result.notes()).contains("naming: Hibernate's default: physical PhysicalNamingStrategyStandardImpl (Hibernate's default), "
                    + "implicit ImplicitNamingStrategyJpaCompliantImpl (Hibernate's default)");
            assertThat(result.keptLines()).contains("check constraint public.users.users_email_check", "trigger public.users.users_set_updated_at",
                    "function public.set_updated_at()", "default of public.users.role ('student'::text)",
                    "index public.users_email_lower_key on public.users (on an expression)");
        }
    }

    /**
     * What JPA cannot say about a mapped table (row-level security, storage parameters, replica identity; UNLOGGED,
     * inheritance and partitioning too) is the database's: kept, never turned off. Turning row-level security off would
     * open the table.
     */
    @Test
    void tableSettingsJpaCannotSayAreKeptNotReset() throws Exception {
        Path classes = compile(EXAMPLE, temp.resolve("classes"), null);
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        try (Stream<Path> lms = Files.list(LMS_MIGRATIONS)) {
            for (Path f : lms.toList()) {
                Files.copy(f, migrations.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(migrations.resolve("V20991231000000__TableSettings.sql"), """
                alter table users enable row level security;
                alter table users force row level security;
                alter table users set (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.05);
                alter table users replica identity full;
                """);
        try (ScratchDatabase db = ScratchDatabase.create("ent_settings")) {
            new MigrationService(db.gateway(), PUBLIC, migrations).migrate(false, false, null, MigrationListener.NONE);
            GenerateResult result = new GenerateService(db.gateway(), PUBLIC, migrations, new EntitiesSchema(source(classes, false)))
                    .generate("X", false, true, false, NOW);

            assertThat(result.changes()).extracting(EntitiesSchemaTest::describe).isEmpty();
            assertThat(result.keptLines()).contains("row-level security of public.users (forced)",
                    "storage parameters of public.users (autovacuum_vacuum_scale_factor=0.05, fillfactor=80)",
                    "replica identity of public.users (FULL)");
        }
    }

    @Test
    void dropUnmappedDropsWhatTheEntitiesDoNotDescribe() throws Exception {
        Path classes = compile(EXAMPLE, temp.resolve("classes"), null);
        try (ScratchDatabase db = ScratchDatabase.create("ent_drop")) {
            new MigrationService(db.gateway(), PUBLIC, LMS_MIGRATIONS).migrate(false, false, null, MigrationListener.NONE);
            GenerateResult result = new GenerateService(db.gateway(), PUBLIC, LMS_MIGRATIONS, new EntitiesSchema(source(classes, true)))
                    .generate("X", false, true, false, NOW);
            assertThat(result.kept()).isEmpty();
            assertThat(result.changes()).extracting(EntitiesSchemaTest::describe)
                    .anySatisfy(d -> assertThat(d).contains("users_email_check"))
                    .anySatisfy(d -> assertThat(d).contains("set_updated_at"));
        }
    }

    @Test
    void beforeCompileTheRefusalSaysToCompileInTheSameCommand() {
        EntitiesSchema entities = new EntitiesSchema(source(temp.resolve("target/classes"), false));
        assertThatThrownBy(entities::check).isInstanceOf(LmsdbException.class)
                .satisfies(e -> assertThat(((LmsdbException) e).describe(MavenWords.INSTANCE))
                        .contains("No compiled classes in " + temp.resolve("target/classes"))
                        .contains("mvn compile lmsdb:generate"));
    }

    @Test
    void noEntityListsThePackagesScanned() throws Exception {
        Path src = temp.resolve("src/com/example/util");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Strings.java"), "package com.example.util; public class Strings {}");
        Path classes = compile(temp.resolve("src"), temp.resolve("classes"), null);
        assertThatThrownBy(new EntitiesSchema(source(classes, false))::check).isInstanceOf(LmsdbException.class)
                .satisfies(e -> assertThat(((LmsdbException) e).describe(MavenWords.INSTANCE))
                        .contains("No @Entity class found in " + classes, "packages scanned: com.example.util", "-Dlmsdb.entityPackages="));
    }

    @Test
    void aBrokenMappingNamesTheEntityAndTheField() throws Exception {
        Path src = temp.resolve("src/com/example/shop");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Cart.java"), """
                package com.example.shop;
                import jakarta.persistence.*;
                @Entity public class Cart {
                    @Id Long id;
                    @OneToMany(mappedBy = "basket") java.util.List<Item> items;
                }""");
        Files.writeString(src.resolve("Item.java"), """
                package com.example.shop;
                import jakarta.persistence.*;
                @Entity public class Item { @Id Long id; @ManyToOne Cart cart; }""");
        Path classes = compile(temp.resolve("src"), temp.resolve("classes"), null);
        try (ScratchDatabase db = ScratchDatabase.create("ent_broken")) {
            EntitiesSchema entities = new EntitiesSchema(source(classes, false));
            entities.check();
            assertThatThrownBy(() -> entities.applyTo(db.gateway().connection())).isInstanceOf(LmsdbException.class)
                    .satisfies(e -> assertThat(((LmsdbException) e).describe(MavenWords.INSTANCE))
                            .contains("Hibernate cannot map the entities (entity Cart, field items)", "basket", "mvn compile lmsdb:generate"));
        }
    }

    @Test
    void aTypePostgresqlLacksNamesTheColumn() throws Exception {
        Path src = temp.resolve("src/com/example/shop");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Gauge.java"), """
                package com.example.shop;
                import jakarta.persistence.*;
                @Entity public class Gauge { @Id Long id; @Column(columnDefinition = "tinyint") Integer level; }""");
        Path classes = compile(temp.resolve("src"), temp.resolve("classes"), null);
        try (ScratchDatabase db = ScratchDatabase.create("ent_type")) {
            EntitiesSchema entities = new EntitiesSchema(source(classes, false));
            assertThatThrownBy(() -> entities.applyTo(db.gateway().connection())).isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("The entities map column Gauge.level to type tinyint, which PostgreSQL does not have");
        }
    }

    /** A migration that made the columns what hibernate-validator makes of the annotations: NOT NULL, lengths, checks. */
    private static final String BOOKS_MIGRATION = """
            create sequence book_seq start with 1 increment by 50;
            create table book (
                id bigint primary key,
                title varchar(255) not null,
                author varchar(80) not null,
                isbn varchar(255) not null,
                summary varchar(2000),
                pages integer check (pages >= 1 and pages <= 5000),
                price numeric(8,2),
                rating integer not null check (rating >= 0 and rating <= 5)
            );
            """;

    private Path validatedBooks() throws IOException {
        Path src = temp.resolve("books/com/example/books");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Book.java"), """
                package com.example.books;
                import jakarta.persistence.*;
                import jakarta.validation.constraints.*;
                import java.math.BigDecimal;
                @Entity public class Book {
                    @Id @GeneratedValue Long id;
                    @NotNull String title;
                    @NotBlank @Size(max = 80) String author;
                    @NotEmpty String isbn;
                    @Size(max = 2000) String summary;
                    @Min(1) @Max(5000) Integer pages;
                    @Digits(integer = 6, fraction = 2) BigDecimal price;
                    @Min(0) @Max(5) int rating;
                }""");
        Path migrations = temp.resolve("book-migrations");
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("V1__books.sql"), BOOKS_MIGRATION);
        return compile(temp.resolve("books"), temp.resolve("book-classes"), null);
    }

    private GenerateResult generateBooks(String db, Path classes, List<Path> hibernate) throws Exception {
        Path migrations = temp.resolve("book-migrations");
        try (ScratchDatabase scratch = ScratchDatabase.create(db)) {
            new MigrationService(scratch.gateway(), PUBLIC, migrations).migrate(false, false, null, MigrationListener.NONE);
            EntitiesSchema entities = new EntitiesSchema(new EntitiesSchema.Source(classes, hibernate, hibernate, List.of(), false, null));
            return new GenerateService(scratch.gateway(), PUBLIC, migrations, entities).generate("X", false, true, false, NOW);
        }
    }

    @Test
    void beanValidationConstraintsAreAppliedAsHibernateDoesAtStartup() throws Exception {
        Path classes = validatedBooks();
        GenerateResult result = generateBooks("ent_bv", classes, withClasses(classes, pluginJars()));
        assertThat(result.changes()).extracting(EntitiesSchemaTest::describe).isEmpty();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).startsWith("bean validation: @NotNull, @NotBlank").contains("(validation mode AUTO)"));
    }

    @Test
    void withoutAValidationProviderTheDifferenceIsReported() throws Exception {
        Path classes = validatedBooks();
        List<Path> noProvider = pluginJars().stream().filter(p -> !p.getFileName().toString().startsWith("hibernate-validator")).toList();
        GenerateResult result = generateBooks("ent_nobv", classes, withClasses(classes, noProvider));
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("jakarta.validation without a provider"));
        assertThat(result.changes()).extracting(EntitiesSchemaTest::describe)
                .contains("Changed column: book.title (now nullable)", "Changed column: book.isbn (now nullable)",
                        "Changed column: book.author (character varying(80) -> character varying(255); now nullable)",
                        "Changed column: book.summary (character varying(2000) -> character varying(255))",
                        "Changed column: book.price (numeric(8,2) -> numeric(38,2))");
        // The checks written in SQL are kept, not dropped: the entities without a validator do not describe them.
        assertThat(result.keptLines()).contains("check constraint public.book.book_pages_check", "check constraint public.book.book_rating_check");
    }

    @Test
    void persistenceXmlValidationModeNoneTurnsTheConstraintsOff() throws Exception {
        Path classes = validatedBooks();
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/persistence.xml"), """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                  <persistence-unit name="books">
                    <class>com.example.books.Book</class>
                    <validation-mode>NONE</validation-mode>
                    <properties><property name="hibernate.id.new_generator_mappings" value="true"/></properties>
                  </persistence-unit>
                </persistence>""");
        GenerateResult result = generateBooks("ent_bvnone", classes, withClasses(classes, pluginJars()));
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("persistence unit books"))
                .anySatisfy(n -> assertThat(n).contains("validation mode NONE"));
        assertThat(result.changes()).extracting(EntitiesSchemaTest::describe)
                .contains("Changed column: book.title (now nullable)");
    }

    @Test
    void whenNoSessionFactoryCanBeBuiltTheDdlComesFromTheMappingAndTheReportSaysWhy() throws Exception {
        Path src = temp.resolve("src/com/example/shop");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Order.java"), """
                package com.example.shop;
                import jakarta.persistence.*;
                import jakarta.validation.constraints.*;
                @Entity @Table(name = "orders") @NamedQuery(name = "broken", query = "select o.nothing from Order o")
                public class Order { @Id Long id; @NotNull String customer; }""");
        Path classes = compile(temp.resolve("src"), temp.resolve("classes"), null);
        try (ScratchDatabase db = ScratchDatabase.create("ent_nosf")) {
            EntitiesSchema entities = new EntitiesSchema(new EntitiesSchema.Source(classes, withClasses(classes, pluginJars()), pluginJars(),
                    List.of(), false, null));
            GenerateResult result = new GenerateService(db.gateway(), PUBLIC, Files.createDirectories(temp.resolve("none")), entities).generate("X", false, true, false, NOW);
            assertThat(result.notes()).anySatisfy(n -> assertThat(n).startsWith("session factory: Hibernate could not build one (").contains("broken"));
            assertThat(result.changes()).extracting(EntitiesSchemaTest::describe).anySatisfy(d -> assertThat(d).contains("orders"));
        }
    }

    private static List<Path> withClasses(Path classes, List<Path> jars) {
        List<Path> all = new ArrayList<>(List.of(classes));
        all.addAll(jars);
        return all;
    }

    private static EntitiesSchema.Source source(Path classes, boolean dropUnmapped) {
        return new EntitiesSchema.Source(classes, List.of(classes), pluginJars(), List.of(), dropUnmapped, null);
    }

    /** The test's classpath jars stand in for the plugin's: Hibernate 7 and its dependencies are among them. */
    private static List<Path> pluginJars() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).filter(p -> p.endsWith(".jar")).map(Path::of).toList();
    }

    static Path compile(Path sources, Path classes, String extraClasspath) throws IOException {
        Files.createDirectories(classes);
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"));
        args.addAll(files);
        assertThat(javac.run(null, null, null, args.toArray(new String[0]))).as("javac " + sources).isZero();
        return classes;
    }

    private static String describe(Change c) {
        return c.description() != null ? c.description() : String.join("; ", c.statements());
    }
}
