package io.github.lmsdb.core.backup;

import java.time.Duration;
import java.util.List;

/**
 * A finished restore.
 *
 * @param previousDatabase the name the replaced database was kept under, or null (there was none, or it was dropped)
 * @param previousDropped whether the replaced database was dropped after the verified swap
 * @param tables how many tables the restored database has
 * @param verifiedAgainstManifest whether row counts were checked against a manifest
 * @param warnings what went wrong after the swap (which no longer fails the restore)
 * @param droppedAside older databases of earlier restores dropped to keep the newest {@code keepAside}
 * @param choice the format and jobs used and why, or null
 */
public record RestoreResult(
        RestorePlan plan, String temporaryDatabase, String previousDatabase, boolean previousDropped, int tables,
        boolean verifiedAgainstManifest, Duration took, List<String> warnings, List<String> droppedAside, DumpChoice choice) {
    public RestoreResult {
        warnings = List.copyOf(warnings);
        droppedAside = List.copyOf(droppedAside);
    }

    /** The same result, saying which jobs were chosen and why. */
    public RestoreResult withChoice(DumpChoice how) {
        return new RestoreResult(plan, temporaryDatabase, previousDatabase, previousDropped, tables, verifiedAgainstManifest, took, warnings,
                droppedAside, how);
    }
}
