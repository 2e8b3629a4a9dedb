package io.github.lmsdb.core.generate.jpa;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The naming strategies Hibernate is given, and where they came from, so that the report can say which was used.
 * In order: the POM's {@code physicalNamingStrategy}; {@code spring.jpa.hibernate.naming.*} (or
 * {@code spring.jpa.properties.hibernate.*_naming_strategy}) in application.properties/yml; persistence.xml's
 * {@code hibernate.*_naming_strategy}; Spring Boot's defaults when Boot is on the classpath; else Hibernate's own.
 *
 * @param physical the physical naming strategy's class, or null for Hibernate's default
 * @param implicit the implicit naming strategy's class, or null for Hibernate's default
 * @param source where they came from, for the report
 */
public record Naming(String physical, String implicit, String source) {
    /** Spring Boot 3 and 4 both default to Hibernate's snake_case strategy. */
    static final String BOOT_PHYSICAL = "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy";
    /** Boot's implicit strategy (join tables named after the owning table): its package moved in Boot 4. */
    static final List<String> BOOT_IMPLICIT = List.of("org.springframework.boot.hibernate.SpringImplicitNamingStrategy",
            "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy");
    static final String BOOT_MARKER = "org.springframework.boot.SpringApplication";

    /**
     * @param pomPhysical the POM's {@code physicalNamingStrategy}, or null
     * @param app application.properties/yml, flat keys
     * @param unit persistence.xml's properties
     * @param present whether a class is on the project's classpath
     */
    public static Naming choose(String pomPhysical, Map<String, AppProperties.Found> app, Map<String, String> unit, Predicate<String> present) {
        String bootImplicit = BOOT_IMPLICIT.stream().filter(present).findFirst().orElse(null);
        boolean boot = present.test(BOOT_MARKER);
        String implicitFromApp = springValue(app, "implicit");
        if (pomPhysical != null && !pomPhysical.isBlank()) {
            return new Naming(strategy(pomPhysical), implicitFromApp != null ? implicitFromApp : boot ? bootImplicit : unit.get("hibernate.implicit_naming_strategy"),
                    "the POM's physicalNamingStrategy");
        }
        String physicalFromApp = springValue(app, "physical");
        if (physicalFromApp != null || implicitFromApp != null) {
            String file = springFile(app);
            return new Naming(physicalFromApp != null ? strategy(physicalFromApp) : boot ? BOOT_PHYSICAL : null,
                    implicitFromApp != null ? strategy(implicitFromApp) : boot ? bootImplicit : null,
                    "spring.jpa.hibernate.naming in " + file);
        }
        if (unit.containsKey("hibernate.physical_naming_strategy") || unit.containsKey("hibernate.implicit_naming_strategy")) {
            return new Naming(unit.get("hibernate.physical_naming_strategy"), unit.get("hibernate.implicit_naming_strategy"),
                    "hibernate.*_naming_strategy in META-INF/persistence.xml");
        }
        if (boot) {
            return new Naming(BOOT_PHYSICAL, bootImplicit, "Spring Boot's default (Spring Boot is on the classpath)");
        }
        return new Naming(null, null, "Hibernate's default");
    }

    /** One line for the report. */
    public String describe() {
        return "naming: " + source + ": physical " + shortName(physical, "PhysicalNamingStrategyStandardImpl") + ", implicit "
                + shortName(implicit, "ImplicitNamingStrategyJpaCompliantImpl");
    }

    /** The settings Hibernate is given. */
    public Map<String, String> settings() {
        Map<String, String> s = new java.util.LinkedHashMap<>();
        if (physical != null) {
            s.put("hibernate.physical_naming_strategy", physical);
        }
        if (implicit != null) {
            s.put("hibernate.implicit_naming_strategy", implicit);
        }
        return s;
    }

    private static String shortName(String className, String defaultName) {
        if (className == null) {
            return defaultName + " (Hibernate's default)";
        }
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Boot's short names for Hibernate's own strategies are not classes: they are only valid in hibernate.* settings. */
    private static String strategy(String value) {
        return value.trim();
    }

    /** {@code spring.jpa.hibernate.naming.physical-strategy} under any of Boot's relaxed spellings, or its hibernate.* form. */
    private static String springValue(Map<String, AppProperties.Found> app, String kind) {
        for (Map.Entry<String, AppProperties.Found> e : app.entrySet()) {
            String key = relaxed(e.getKey());
            if (key.equals("spring.jpa.hibernate.naming." + kind + "strategy")
                    || key.equals("spring.jpa.properties.hibernate." + kind + "namingstrategy")) {
                return e.getValue().value();
            }
        }
        return null;
    }

    private static String springFile(Map<String, AppProperties.Found> app) {
        return app.entrySet().stream().filter(e -> relaxed(e.getKey()).contains("namingstrategy") || relaxed(e.getKey()).contains(".naming."))
                .map(e -> e.getValue().file()).findFirst().orElse("application.properties");
    }

    static String relaxed(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
