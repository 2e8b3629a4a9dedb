package io.github.lmsdb.core.generate.hibernate;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.tool.schema.spi.DelayedDropRegistryNotAvailableImpl;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

/**
 * The only class that calls Hibernate ORM. Its bytes are defined in an isolated class loader over the project's classpath
 * (see {@code IsolatedHibernate}), so it runs against whichever Hibernate that loader sees: the project's own (6.6, 7.x) or
 * the plugin's. It therefore uses no lmsdb class, no lambda and no nested class, only the API common to Hibernate 6.6 and 7,
 * and takes and returns plain JDK types.
 */
public final class HibernateDdl {
    private HibernateDdl() {}

    /** The version of the Hibernate ORM this class was loaded against, e.g. {@code 6.6.33.Final}. */
    public static String version() {
        return org.hibernate.Version.getVersionString();
    }

    /**
     * The CREATE script Hibernate writes for {@code classNames} with {@code settings} (dialect, naming strategies), without a
     * database connection: statements separated by {@code ;} and line breaks; and null, or why the SessionFactory (whose
     * integrators apply Bean Validation's constraints) could not be built, the script then coming from the mapping alone.
     * Hibernate's own exceptions from the mapping are thrown as they are, for the caller to word.
     */
    public static String[] createScript(String[] classNames, Map<String, String> settings) throws Exception {
        ClassLoader loader = HibernateDdl.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Hibernate's INFO and WARN lines (version banner, deprecations) go to java.util.logging without a backend: keep the build log quiet.
        Logger hibernateLog = Logger.getLogger("org.hibernate");
        Level previousLevel = hibernateLog.getLevel();
        hibernateLog.setLevel(Level.SEVERE);
        thread.setContextClassLoader(loader);
        // jboss-logging would pick the project's logback (Spring Boot) and print Hibernate's INFO lines: JUL, at SEVERE, instead.
        // It reads the JVM-wide property once, when this loader's copy is first used: set it for that moment only (the caller
        // serializes calls, so parallel builds neither see it nor restore it under each other).
        String provider = System.getProperty("org.jboss.logging.provider");
        System.setProperty("org.jboss.logging.provider", "jdk");
        try {
            // Hibernate's own dependency, not the plugin's compile one: called by name.
            Class.forName("org.jboss.logging.Logger", true, loader).getMethod("getLogger", String.class).invoke(null, "org.hibernate");
        } finally {
            if (provider == null) {
                System.clearProperty("org.jboss.logging.provider");
            } else {
                System.setProperty("org.jboss.logging.provider", provider);
            }
        }
        StandardServiceRegistry registry = null;
        SessionFactory factory = null;
        try {
            Map<String, Object> all = new HashMap<String, Object>(settings);
            StringWriter script = new StringWriter();
            all.put("jakarta.persistence.schema-generation.database.action", "none");
            all.put("jakarta.persistence.schema-generation.scripts.action", "create");
            all.put("jakarta.persistence.schema-generation.scripts.create-target", script);
            all.put("jakarta.persistence.schema-generation.create-source", "metadata");
            all.put("hibernate.hbm2ddl.delimiter", ";");
            all.put("hibernate.format_sql", "false");
            all.put("hibernate.hbm2ddl.halt_on_error", "true");
            registry = new StandardServiceRegistryBuilder().applySettings(all).build();
            Metadata metadata = metadata(registry, classNames, loader);
            // A SessionFactory, as the application builds at startup: its integrators run, among them Bean Validation's, which
            // applies @NotNull, @Size, @Digits, @Min/@Max to the mapping (when jakarta.validation and a provider are on the
            // classpath and the validation mode allows it), and then it writes the script. No connection is opened.
            String warning = null;
            try {
                factory = metadata.buildSessionFactory();
            } catch (RuntimeException e) {
                // What fails here is past the tables (a named query, an entity listener): the script is still wanted, from the
                // mapping alone (the failed factory has closed its registry: a new one), and the reason said.
                warning = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                if (script.getBuffer().length() == 0) {
                    try {
                        StandardServiceRegistryBuilder.destroy(registry);
                    } catch (RuntimeException alreadyClosed) {
                        // nothing left to release
                    }
                    registry = new StandardServiceRegistryBuilder().applySettings(all).build();
                    SchemaManagementToolCoordinator.process(metadata(registry, classNames, loader), registry, all,
                            DelayedDropRegistryNotAvailableImpl.INSTANCE);
                }
            }
            return new String[] {script.toString(), warning};
        } finally {
            if (factory != null) {
                factory.close();
            }
            if (registry != null) {
                StandardServiceRegistryBuilder.destroy(registry);
            }
            thread.setContextClassLoader(previous);
            hibernateLog.setLevel(previousLevel);
        }
    }

    private static Metadata metadata(StandardServiceRegistry registry, String[] classNames, ClassLoader loader) throws ClassNotFoundException {
        MetadataSources sources = new MetadataSources(registry);
        for (String name : classNames) {
            sources.addAnnotatedClass(Class.forName(name, false, loader));
        }
        return sources.buildMetadata();
    }
}
