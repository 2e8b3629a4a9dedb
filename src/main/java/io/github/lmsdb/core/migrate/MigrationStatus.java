package io.github.lmsdb.core.migrate;

import java.util.List;
import java.util.Optional;

/** Every known migration in version order, with the counts a status report shows. */
public record MigrationStatus(List<MigrationEntry> entries) {
    public MigrationStatus {
        entries = List.copyOf(entries);
    }

    /** Migration files found (applied or not). */
    public int total() {
        return (int) entries.stream().filter(e -> e.script() != null && e.state() != MigrationEntry.State.MISSING).count();
    }

    public List<MigrationEntry> applied() {
        return with(MigrationEntry.State.APPLIED);
    }

    public List<MigrationEntry> pending() {
        return with(MigrationEntry.State.PENDING);
    }

    public List<MigrationEntry> missing() {
        return with(MigrationEntry.State.MISSING);
    }

    public List<MigrationEntry> failed() {
        return with(MigrationEntry.State.FAILED);
    }

    public List<MigrationEntry> ignored() {
        return with(MigrationEntry.State.IGNORED);
    }

    /** The newest migration that is applied (present or missing its file). */
    public Optional<MigrationEntry> last() {
        return entries.stream()
                .filter(e -> e.state() == MigrationEntry.State.APPLIED || e.state() == MigrationEntry.State.MISSING)
                .reduce((first, second) -> second);
    }

    private List<MigrationEntry> with(MigrationEntry.State state) {
        return entries.stream().filter(e -> e.state() == state).toList();
    }
}
