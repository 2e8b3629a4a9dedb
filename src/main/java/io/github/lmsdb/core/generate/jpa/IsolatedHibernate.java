package io.github.lmsdb.core.generate.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * A class loader over the project's classes and classpath, parented by the platform loader (so that none of the plugin's
 * or Maven's classes leak in), in which the {@code HibernateDdl} bridge is defined from the plugin's copy of its bytes. The
 * bridge thus links against the project's Hibernate when the project has one; otherwise the plugin's Hibernate jars are put
 * first on the path.
 */
final class IsolatedHibernate implements AutoCloseable {
    static final String BRIDGE = "io.github.lmsdb.core.generate.hibernate.HibernateDdl";
    private static final String HIBERNATE_MARKER = "org/hibernate/boot/MetadataSources.class";

    private final BridgeLoader loader;
    private final boolean projects;

    private IsolatedHibernate(BridgeLoader loader, boolean projects) {
        this.loader = loader;
        this.projects = projects;
    }

    /**
     * @param classes the project's compiled classes
     * @param classpath the project's compile and runtime classpath (jars and folders)
     * @param pluginHibernate the plugin's Hibernate ORM and its dependencies, used when the classpath has no Hibernate
     */
    static IsolatedHibernate open(Path classes, List<Path> classpath, List<Path> pluginHibernate) throws IOException {
        boolean own = classpath.stream().anyMatch(IsolatedHibernate::holdsHibernate);
        List<Path> path = new ArrayList<>();
        path.add(classes);
        if (!own) {
            // First, so that its jakarta.persistence 3.2 wins over an older API jar the entities compile against.
            path.addAll(pluginHibernate);
        }
        classpath.stream().filter(p -> !p.equals(classes)).forEach(path::add);
        byte[] bridge;
        try (InputStream in = IsolatedHibernate.class.getClassLoader().getResourceAsStream(BRIDGE.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IOException("The plugin's " + BRIDGE + " class is missing from its jar");
            }
            bridge = in.readAllBytes();
        }
        return new IsolatedHibernate(new BridgeLoader(urls(path), bridge), own);
    }

    /** Whether the Hibernate in use is the project's own (else the plugin's). */
    boolean projects() {
        return projects;
    }

    /** Whether {@code className} is on the isolated path (looked up without loading it). */
    boolean has(String className) {
        return loader.findResource(className.replace('.', '/') + ".class") != null;
    }

    /** Whether a resource ({@code META-INF/services/...}) is on the isolated path. */
    boolean hasResource(String name) {
        return loader.findResource(name) != null;
    }

    String version() throws ReflectiveOperationException {
        return (String) bridgeMethod("version").invoke(null);
    }

    /**
     * Hibernate's CREATE script and null, or why no SessionFactory could be built (see the bridge); Hibernate's own failure is thrown as the {@link InvocationTargetException}'s cause. One call
     * at a time in the JVM (parallel builds, {@code -T}): the bridge briefly sets a JVM-wide logging property and changes the
     * level of the {@code org.hibernate} JUL logger.
     */
    String[] createScript(List<String> classNames, Map<String, String> settings) throws ReflectiveOperationException {
        synchronized (IsolatedHibernate.class) {
            return (String[]) bridgeMethod("createScript", String[].class, Map.class).invoke(null, classNames.toArray(new String[0]), settings);
        }
    }

    private Method bridgeMethod(String name, Class<?>... types) throws ReflectiveOperationException {
        return Class.forName(BRIDGE, true, loader).getMethod(name, types);
    }

    static boolean holdsHibernate(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(HIBERNATE_MARKER));
        }
        if (!Files.isRegularFile(entry) || !entry.getFileName().toString().endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getEntry(HIBERNATE_MARKER) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static URL[] urls(List<Path> path) throws MalformedURLException {
        URL[] urls = new URL[path.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = path.get(i).toUri().toURL();
        }
        return urls;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    /** Parent-first to the platform loader only; the bridge's class is defined here, from the plugin's bytes. */
    private static final class BridgeLoader extends URLClassLoader {
        private final byte[] bridge;

        BridgeLoader(URL[] urls, byte[] bridge) {
            super("lmsdb-entities", urls, ClassLoader.getPlatformClassLoader());
            this.bridge = bridge;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.equals(BRIDGE)) {
                return defineClass(name, bridge, 0, bridge.length);
            }
            return super.findClass(name);
        }
    }
}
