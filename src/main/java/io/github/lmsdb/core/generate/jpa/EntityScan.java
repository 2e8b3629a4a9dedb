package io.github.lmsdb.core.generate.jpa;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The JPA classes among the compiled classes, found by reading each class file's constant pool for the annotations'
 * descriptors ({@code Ljakarta/persistence/Entity;}): no class is loaded, so no static initializer runs and a class whose
 * dependencies are missing does not stop the scan. An annotation's descriptor is in a class file's constant pool only
 * when the class (or one of its members) carries it, and these four annotations only go on types.
 *
 * @param mapped the classes to give Hibernate, sorted: entities, embeddables, mapped superclasses, converters
 * @param entities how many of them are {@code @Entity}
 * @param packagesScanned the packages whose classes were read, sorted
 * @param javaxEntities classes annotated with {@code javax.persistence.Entity} (Hibernate 5 and older), sorted
 */
public record EntityScan(List<String> mapped, int entities, List<String> packagesScanned, int classFiles, List<String> javaxEntities) {
    static final String ENTITY = "Ljakarta/persistence/Entity;";
    private static final Set<String> MAPPED = Set.of(ENTITY, "Ljakarta/persistence/Embeddable;", "Ljakarta/persistence/MappedSuperclass;",
            "Ljakarta/persistence/Converter;");
    private static final String JAVAX_ENTITY = "Ljavax/persistence/Entity;";

    public EntityScan {
        mapped = List.copyOf(mapped);
        packagesScanned = List.copyOf(packagesScanned);
        javaxEntities = List.copyOf(javaxEntities);
    }

    /**
     * Reads every class file under {@code classes} whose package is one of {@code packages} or below it (all when
     * {@code packages} is empty).
     */
    public static EntityScan scan(Path classes, List<String> packages) throws IOException {
        Set<String> mapped = new TreeSet<>();
        Set<String> scannedPackages = new TreeSet<>();
        Set<String> javax = new TreeSet<>();
        int entities = 0;
        int files = 0;
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(classes)) {
            classFiles = walk.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path file : classFiles) {
            String name = className(classes.relativize(file));
            if (name.endsWith("module-info") || name.endsWith("package-info") || !inPackages(name, packages)) {
                continue;
            }
            files++;
            scannedPackages.add(packageOf(name));
            Set<String> utf8;
            try {
                utf8 = constantStrings(Files.readAllBytes(file));
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                continue; // not a class file we can read: it cannot be an entity Hibernate can read either
            }
            if (utf8.stream().anyMatch(MAPPED::contains)) {
                mapped.add(name);
                if (utf8.contains(ENTITY)) {
                    entities++;
                }
            }
            if (utf8.contains(JAVAX_ENTITY)) {
                javax.add(name);
            }
        }
        return new EntityScan(new ArrayList<>(mapped), entities, new ArrayList<>(scannedPackages), files, new ArrayList<>(javax));
    }

    /** {@code com/example/User$Address.class} to {@code com.example.User$Address}. */
    static String className(Path relative) {
        String path = relative.toString().replace('\\', '/');
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    static boolean inPackages(String className, List<String> packages) {
        if (packages.isEmpty()) {
            return true;
        }
        return packages.stream().anyMatch(p -> className.startsWith(p + "."));
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "(the unnamed package)" : className.substring(0, dot);
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS 4.4). */
    static Set<String> constantStrings(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        Set<String> strings = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // longs and doubles take two entries
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        return strings;
    }
}
