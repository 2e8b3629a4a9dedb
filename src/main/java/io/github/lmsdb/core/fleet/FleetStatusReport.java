package io.github.lmsdb.core.fleet;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** {@code lmsdb:status} on a fleet: one line per target, sorted (unreachable first, then most pending, then name), with totals. */
public record FleetStatusReport(List<Line> targets) {
    /**
     * One target's state, read without changing anything.
     *
     * @param version the latest applied version, or null
     * @param applied how many migrations are applied
     * @param pending the versions pending
     * @param drift the number of differences when drift was checked, else null
     * @param sizeBytes the database's size (a schema target: its relations' size)
     * @param stamp the environment the database is stamped with, or null
     * @param error why it could not be read (first line, never a password), else null
     */
    public record Line(String target, String version, int applied, List<String> pending, Integer drift, long sizeBytes, String stamp,
            String error, Hint fix) {
        public Line {
            pending = pending == null ? List.of() : List.copyOf(pending);
            fix = fix == null ? Hint.NONE : fix;
        }
    }

    public FleetStatusReport {
        targets = targets.stream().sorted(Comparator.comparing((Line l) -> l.error() == null)
                .thenComparing(Comparator.comparingInt((Line l) -> l.pending().size()).reversed())
                .thenComparing(Line::target)).toList();
    }

    public long withPending() {
        return targets.stream().filter(l -> !l.pending().isEmpty()).count();
    }

    public long pendingTotal() {
        return targets.stream().mapToLong(l -> l.pending().size()).sum();
    }

    public long drifted() {
        return targets.stream().filter(l -> l.drift() != null && l.drift() > 0).count();
    }

    public long unreachable() {
        return targets.stream().filter(l -> l.error() != null).count();
    }

    public long sizeBytes() {
        return targets.stream().mapToLong(Line::sizeBytes).sum();
    }

    /** Fails when a target could not be read or has pending migrations, naming them. */
    public void requireNothingPending() throws LmsdbException {
        List<Line> bad = targets.stream().filter(l -> l.error() != null || !l.pending().isEmpty()).toList();
        if (bad.isEmpty()) {
            return;
        }
        throw new LmsdbException(withPending() + " of " + targets.size() + " target(s) have pending migrations"
                + (unreachable() > 0 ? " and " + unreachable() + " could not be read" : "") + ": "
                + bad.stream().limit(10).map(Line::target).collect(Collectors.joining(", ")) + (bad.size() > 10 ? ", ..." : "") + ".",
                Hint.line("Migrate the fleet before this step: ", Hint.run("migrate"), ", or run without ", Hint.set("failOnPending", "true"), "."));
    }

    /** Fails when a target drifted (drift checked). */
    public void requireNoDrift() throws LmsdbException {
        List<Line> drifted = targets.stream().filter(l -> l.drift() != null && l.drift() > 0).toList();
        if (!drifted.isEmpty()) {
            throw new LmsdbException(drifted.size() + " target(s) drifted from their migrations: "
                    + drifted.stream().map(Line::target).collect(Collectors.joining(", ")) + ".",
                    Hint.line("See the differences of one: ", Hint.run("drift", Hint.set("url", "<its url>"))));
        }
    }
}
