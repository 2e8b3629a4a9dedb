package io.github.lmsdb.maven;

import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.fleet.FleetOptions;
import io.github.lmsdb.core.fleet.Target;
import io.github.lmsdb.core.fleet.Targets;
import java.util.List;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The fleet a goal's {@code targets}, {@code targetsQuery} or {@code targetSchemas} names, each target with its own settings. */
final class FleetTargets {
    private FleetTargets() {}

    static boolean given(AbstractLmsdbMojo m) {
        return sources(m) > 0;
    }

    private static int sources(AbstractLmsdbMojo m) {
        int n = 0;
        n += m.targets != null && m.targets.stream().anyMatch(t -> t != null && !t.isBlank()) ? 1 : 0;
        n += m.targetsQuery != null && !m.targetsQuery.isBlank() ? 1 : 0;
        n += m.targetSchemas != null && !m.targetSchemas.isBlank() ? 1 : 0;
        return n;
    }

    /** The targets, in order; {@code registry} ({@code url}'s settings) is where a query or a schema pattern runs. */
    static List<Target> resolve(AbstractLmsdbMojo m, SettingsDecrypter decrypter, Settings registry) throws LmsdbException {
        if (sources(m) > 1) {
            throw new LmsdbException("Give the fleet one way: targets, targetsQuery or targetSchemas, not several.",
                    Hint.line("For example: ", Hint.set("targetSchemas", "tenant_%")));
        }
        // Named by the URLs as configured: with the embedded server, registry (and each target) connects to its random port.
        JdbcUrl configured = JdbcUrl.parse(m.url);
        if (m.targetSchemas != null && !m.targetSchemas.isBlank()) {
            return Targets.schemasLike(registry, configured, m.targetSchemas);
        }
        if (m.targetsQuery != null && !m.targetsQuery.isBlank()) {
            return Targets.fromQuery(registry, configured, m.targetsQuery, url -> TargetSettings.resolveTarget(m, decrypter, url));
        }
        return Targets.ofUrls(m.targets, url -> TargetSettings.resolveTarget(m, decrypter, url));
    }

    /** The fleet run's options from the shared parameters. */
    static FleetOptions options(AbstractLmsdbMojo m, boolean checkDrift, String confirm) throws LmsdbException {
        return new FleetOptions(m.parallel, m.canary, FleetOptions.OnError.parse(m.onError), m.maxFailures, checkDrift, confirm).check();
    }
}
