package io.github.lmsdb.core.generate.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class NamingTest {
    private static final Predicate<String> NO_BOOT = c -> false;
    private static final Predicate<String> BOOT3 = Set.of(Naming.BOOT_MARKER, "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy")::contains;
    private static final Predicate<String> BOOT4 = Set.of(Naming.BOOT_MARKER, "org.springframework.boot.hibernate.SpringImplicitNamingStrategy")::contains;

    @Test
    void withoutSpringBootHibernatesDefaultsAreUsed() {
        Naming n = Naming.choose(null, Map.of(), Map.of(), NO_BOOT);
        assertThat(n.settings()).isEmpty();
        assertThat(n.describe()).isEqualTo("naming: Hibernate's default: physical PhysicalNamingStrategyStandardImpl (Hibernate's default), "
                + "implicit ImplicitNamingStrategyJpaCompliantImpl (Hibernate's default)");
    }

    @Test
    void springBootOnTheClasspathGivesBootsSnakeCaseAndItsImplicitStrategyOfThatBootVersion() {
        assertThat(Naming.choose(null, Map.of(), Map.of(), BOOT3).settings())
                .containsEntry("hibernate.physical_naming_strategy", "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy")
                .containsEntry("hibernate.implicit_naming_strategy", "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy");
        Naming boot4 = Naming.choose(null, Map.of(), Map.of(), BOOT4);
        assertThat(boot4.implicit()).isEqualTo("org.springframework.boot.hibernate.SpringImplicitNamingStrategy");
        assertThat(boot4.source()).isEqualTo("Spring Boot's default (Spring Boot is on the classpath)");
    }

    @Test
    void applicationPropertiesWinOverBootsDefaultUnderRelaxedSpellings() {
        Map<String, AppProperties.Found> app = Map.of("spring.jpa.hibernate.naming.physical_strategy",
                new AppProperties.Found("com.example.Upper", "application.yml"));
        Naming n = Naming.choose(null, app, Map.of(), BOOT3);
        assertThat(n.physical()).isEqualTo("com.example.Upper");
        assertThat(n.implicit()).isEqualTo("org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy");
        assertThat(n.source()).isEqualTo("spring.jpa.hibernate.naming in application.yml");
    }

    @Test
    void thePomWinsOverEverything() {
        Map<String, AppProperties.Found> app = Map.of("spring.jpa.hibernate.naming.physical-strategy",
                new AppProperties.Found("com.example.Upper", "application.properties"));
        Naming n = Naming.choose("com.example.Pom", app, Map.of("hibernate.physical_naming_strategy", "com.example.Unit"), BOOT3);
        assertThat(n.physical()).isEqualTo("com.example.Pom");
        assertThat(n.source()).isEqualTo("the POM's physicalNamingStrategy");
    }

    @Test
    void persistenceXmlNamesTheStrategyWithoutSpringBoot() {
        Naming n = Naming.choose(null, Map.of(), Map.of("hibernate.physical_naming_strategy", "com.example.Unit"), NO_BOOT);
        assertThat(n.physical()).isEqualTo("com.example.Unit");
        assertThat(n.implicit()).isNull();
        assertThat(n.source()).contains("persistence.xml");
    }
}
