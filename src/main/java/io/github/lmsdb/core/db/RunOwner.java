package io.github.lmsdb.core.db;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM a run lives in, as {@code <pid>@<host>}: written into the run id (and so into
 * {@code application_name}), into the names of temporary files and onto temporary databases, so
 * that a later run can tell whether their creator is gone. Only a process on this host can be
 * checked; one on another host is never called dead.
 *
 * @param host the host token: the host name, lower case, shortened with a hash when long (see {@link #hostToken})
 */
public record RunOwner(long pid, String host) {
    /** Whether a run is alive, as far as this JVM can tell. */
    public enum Liveness {
        ALIVE, DEAD, UNKNOWN
    }

    /** Room for the host in a 63-byte application_name: {@code lmsdb:<goal>:<8 hex>-<pid>@<host>}. */
    static final int MAX_HOST = 24;

    private static final Pattern TOKEN = Pattern.compile("(\\d{1,10})@([a-z0-9.~-]{1," + MAX_HOST + "})");

    private static volatile RunOwner current;

    /** This JVM. */
    public static RunOwner current() {
        RunOwner owner = current;
        if (owner == null) {
            owner = new RunOwner(ProcessHandle.current().pid(), hostToken(hostName()));
            current = owner;
        }
        return owner;
    }

    /** {@code <pid>@<host>}. */
    public String token() {
        return pid + "@" + host;
    }

    /** A regular expression matching a token, for the names it is part of. */
    public static String tokenPattern() {
        return TOKEN.pattern();
    }

    /** The owner in {@code <pid>@<host>}, or empty when it is not one. */
    public static Optional<RunOwner> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunOwner(Long.parseLong(m.group(1)), m.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Alive or dead for a process of this host; unknown for another host. A reused pid reads as
     * alive: the safe side, nothing of a live run is ever removed.
     */
    public Liveness liveness() {
        if (!host.equals(current().host())) {
            return Liveness.UNKNOWN;
        }
        if (pid == current().pid()) {
            return Liveness.ALIVE;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Liveness.ALIVE : Liveness.DEAD;
    }

    /** {@code pid 4711 on build-7}. */
    public String describe() {
        return "pid " + pid + " on " + host;
    }

    /**
     * The host name as a token: lower case, letters, digits, dots and dashes; longer than
     * {@value #MAX_HOST} characters, its start, {@code ~} and 8 hex digits of its hash, so that two
     * long names with the same start stay apart.
     */
    static String hostToken(String hostName) {
        String clean = hostName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        if (clean.isEmpty()) {
            clean = "unknown";
        }
        if (clean.length() <= MAX_HOST) {
            return clean;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(clean.getBytes(StandardCharsets.UTF_8));
            return clean.substring(0, MAX_HOST - 9) + "~" + HexFormat.of().formatHex(hash).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The kernel's host name where it can be read without a name lookup; else the JDK's. */
    private static String hostName() {
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        try {
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String name = System.getenv(variable);
            if (name != null && !name.isBlank()) {
                return name.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
