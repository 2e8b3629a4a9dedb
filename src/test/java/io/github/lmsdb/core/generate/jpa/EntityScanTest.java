package io.github.lmsdb.core.generate.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The constant-pool scan on classes javac compiles here: what is mapped is found, nothing else, and no class is loaded. */
class EntityScanTest {
    @TempDir
    Path temp;

    @Test
    void findsEntitiesEmbeddablesSuperclassesAndConvertersInTheGivenPackagesOnly() throws Exception {
        write("com/example/domain/Person.java", "package com.example.domain; @jakarta.persistence.Entity public class Person "
                + "{ @jakarta.persistence.Id Long id; Address address; static { if (true) throw new IllegalStateException(\"loaded\"); } }");
        write("com/example/domain/Address.java", "package com.example.domain; @jakarta.persistence.Embeddable public class Address { String city; }");
        write("com/example/domain/Base.java", "package com.example.domain; @jakarta.persistence.MappedSuperclass public abstract class Base {}");
        write("com/example/domain/YesNo.java", "package com.example.domain; @jakarta.persistence.Converter public class YesNo "
                + "implements jakarta.persistence.AttributeConverter<Boolean, String> { public String convertToDatabaseColumn(Boolean b) { return b ? \"Y\" : \"N\"; }"
                + " public Boolean convertToEntityAttribute(String s) { return \"Y\".equals(s); } }");
        write("com/example/domain/Repository.java", "package com.example.domain; public class Repository { Object find() { return Person.class.getAnnotation(jakarta.persistence.Entity.class); } }");
        write("com/example/other/Invoice.java", "package com.example.other; @jakarta.persistence.Entity public class Invoice { @jakarta.persistence.Id Long id; }");
        Path classes = EntitiesSchemaTest.compile(temp.resolve("src"), temp.resolve("classes"), null);

        EntityScan all = EntityScan.scan(classes, List.of());
        assertThat(all.mapped()).containsExactly("com.example.domain.Address", "com.example.domain.Base", "com.example.domain.Person",
                "com.example.domain.YesNo", "com.example.other.Invoice");
        assertThat(all.entities()).isEqualTo(2);
        assertThat(all.packagesScanned()).containsExactly("com.example.domain", "com.example.other");

        EntityScan domain = EntityScan.scan(classes, List.of("com.example.domain"));
        assertThat(domain.mapped()).doesNotContain("com.example.other.Invoice").hasSize(4);
        assertThat(domain.classFiles()).isEqualTo(5);
        assertThat(EntityScan.scan(classes, List.of("com.example.dom")).mapped()).isEmpty(); // a prefix is not a package
    }

    @Test
    void aFileThatIsNotAClassFileIsSkipped() throws Exception {
        Path classes = temp.resolve("classes/com/example");
        Files.createDirectories(classes);
        Files.writeString(classes.resolve("Broken.class"), "not a class");
        assertThat(EntityScan.scan(temp.resolve("classes"), List.of()).mapped()).isEmpty();
    }

    private void write(String path, String source) throws Exception {
        Path file = temp.resolve("src").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
    }
}
