package io.github.lmsdb.core.lint;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lint findings a change was allowed to run with: error-level findings run only when each is acknowledged by its
 * {@link Finding#id() id}, after review. Which environments ask for this is the policy's question, not this class's.
 */
public final class Acknowledgements {
    private final Set<String> ids;

    private Acknowledgements(Set<String> ids) {
        this.ids = ids;
    }

    /** The ids given, in a comma-separated list, each trimmed; blanks ignored. */
    public static Acknowledgements of(Collection<String> given) {
        Set<String> ids = new TreeSet<>();
        for (String g : given == null ? List.<String>of() : given) {
            for (String id : g.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.trim());
                }
            }
        }
        return new Acknowledgements(ids);
    }

    public static final Acknowledgements NONE = new Acknowledgements(Set.of());

    public Set<String> ids() {
        return ids;
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }

    /** These and those. */
    public Acknowledgements and(Collection<String> more) {
        Set<String> all = new TreeSet<>(ids);
        all.addAll(of(more).ids);
        return new Acknowledgements(all);
    }

    public boolean covers(Finding f) {
        return ids.contains(f.id());
    }

    /** The error-level findings not acknowledged, in order. */
    public List<Finding> unacknowledged(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR && !covers(f)).toList();
    }

    /**
     * Refuses, changing nothing, when an error-level finding is not acknowledged: the message names each one with its
     * evidence and the safer rewrite; the hint gives the exact setting that acknowledges each, and all of them at once.
     *
     * @param goal the goal that was refused ({@code migrate}, {@code rollback})
     * @param where why acknowledgements are asked for here, e.g. {@code in production}
     */
    public void refuseUnacknowledged(String goal, String where, List<Finding> findings) throws LmsdbException {
        List<Finding> open = unacknowledged(findings);
        if (open.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("The " + goal + " was refused " + where + ": " + open.size()
                + " error-level lint finding(s) are not acknowledged. Nothing was changed.");
        for (Finding f : open) {
            message.append("\n  ").append(f.id()).append(": ").append(f.location())
                    .append("\n    ").append(f.rule().description()).append('.')
                    .append("\n    Evidence: ").append(f.describeEvidence())
                    .append("\n    Safer: ").append(f.rule().fix());
        }
        Set<String> each = new LinkedHashSet<>();
        open.forEach(f -> each.add(f.id()));
        Hint hint = Hint.line("Rewrite the migration as each finding says, or, once a reviewer accepts the risk, acknowledge it by its id:");
        for (String id : each) {
            hint = hint.then("  ", Hint.set("acknowledge", id));
        }
        List<String> all = new ArrayList<>(ids);
        each.stream().filter(id -> !ids.contains(id)).forEach(all::add);
        if (all.size() > 1) {
            hint = hint.then("All of them at once: ", Hint.set("acknowledge", String.join(",", all)));
        }
        throw new LmsdbException(message.toString(), hint);
    }
}
