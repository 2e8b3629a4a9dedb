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
            assertThat(result.kept()).contains("check constraint public.users.users_email_check", "trigger public.users.users_set_updated_at",
                    "function public.set_updated_at()", "default of public.users.role ('student'::text)",
                    "index public.users_email_lower_key on public.users (on an expression)");
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
