package io.github.lmsdb.core.generate.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppPropertiesTest {
    @TempDir
    Path temp;

    @Test
    void yamlNestedKeysBecomeDottedKeysWithCommentsAndQuotesRemoved() {
        Map<String, String> values = AppProperties.yaml("""
                # the application
                spring:
                  jpa:
                    hibernate:
                      naming:
                        physical-strategy: "com.example.Snake"   # ours
                        implicit-strategy: 'com.example.Implicit'
                    open-in-view: false
                  datasource:
                    url: jdbc:postgresql://db:5432/app#not-a-comment
                server.port: 8081
                """);
        assertThat(values).containsEntry("spring.jpa.hibernate.naming.physical-strategy", "com.example.Snake")
                .containsEntry("spring.jpa.hibernate.naming.implicit-strategy", "com.example.Implicit")
                .containsEntry("spring.jpa.open-in-view", "false")
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/app#not-a-comment")
                .containsEntry("server.port", "8081");
    }

    @Test
    void yamlDocumentsOfAProfileAreSkipped() {
        Map<String, String> values = AppProperties.yaml("""
                spring.jpa.hibernate.naming.physical-strategy: com.example.Default
                ---
                spring:
                  config:
                    activate:
                      on-profile: test
                  jpa.hibernate.naming.physical-strategy: com.example.TestOnly
                """);
        assertThat(values).containsEntry("spring.jpa.hibernate.naming.physical-strategy", "com.example.Default");
    }

    @Test
    void propertiesFileIsReadAndEachValueSaysItsFile() throws Exception {
        Files.writeString(temp.resolve("application.properties"), "spring.jpa.hibernate.naming.physical-strategy = com.example.Snake\n");
        Files.writeString(temp.resolve("application.yml"), "spring:\n  jpa:\n    show-sql: true\n");
        Map<String, AppProperties.Found> all = AppProperties.read(temp);
        assertThat(all.get("spring.jpa.hibernate.naming.physical-strategy")).isEqualTo(new AppProperties.Found("com.example.Snake", "application.properties"));
        assertThat(all.get("spring.jpa.show-sql")).isEqualTo(new AppProperties.Found("true", "application.yml"));
    }
}
