package io.github.lmsdb.core.fleet;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.util.List;
import java.util.stream.Collectors;

/** {@code lmsdb:drift} on a fleet: per target, how it differs from what its applied migrations build; in the fleet's order. */
public record FleetDriftReport(List<Line> targets) {
    /**
     * One target's drift check.
     *
     * @param appliedVersion the newest applied migration, replayed up to; null when none is applied
     * @param differences each difference, from the target's point of view (empty: no drift)
     * @param error why it could not be checked (first line, never a password), else null
     */
    public record Line(String target, String appliedVersion, List<String> differences, String error, Hint fix) {
        public Line {
            differences = differences == null ? List.of() : List.copyOf(differences);
            fix = fix == null ? Hint.NONE : fix;
        }
    }

    public FleetDriftReport {
        targets = List.copyOf(targets);
    }

    public long drifted() {
        return targets.stream().filter(l -> !l.differences().isEmpty()).count();
    }

    public long unreadable() {
        return targets.stream().filter(l -> l.error() != null).count();
    }

    /** Fails when a target drifted or could not be checked, naming them. */
    public void requireNone() throws LmsdbException {
        List<Line> bad = targets.stream().filter(l -> l.error() != null || !l.differences().isEmpty()).toList();
        if (bad.isEmpty()) {
            return;
        }
        throw new LmsdbException(drifted() + " of " + targets.size() + " target(s) drifted from their migrations"
                + (unreadable() > 0 ? " and " + unreadable() + " could not be checked" : "") + ": "
                + bad.stream().limit(10).map(Line::target).collect(Collectors.joining(", ")) + (bad.size() > 10 ? ", ..." : "") + ".",
                Hint.line("Adopt one's drift into a migration: ", Hint.run("drift", Hint.set("url", "<its url>"), Hint.set("name", "AdoptHotfix")),
                        ", or undo it by hand; to only report: ", Hint.set("failOnDrift", "false")));
    }
}
