package io.github.lmsdb.core.safety;

import io.github.lmsdb.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audited run of a goal that changes the database. Parameters never include a password.
 *
 * @param outcome {@code success} or {@code failure}
 */
public record AuditRecord(
        Instant at,
        String goal,
        String environment,
        String databaseUser,
        String osUser,
        String host,
        String pluginVersion,
        Map<String, String> parameters,
        String outcome,
        Duration duration,
        String versionBefore,
        String versionAfter,
        String message) {

    public AuditRecord {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("at", at.toString());
        doc.put("goal", goal);
        doc.put("environment", environment);
        doc.put("databaseUser", databaseUser);
        doc.put("osUser", osUser);
        doc.put("host", host);
        doc.put("pluginVersion", pluginVersion);
        doc.put("parameters", new LinkedHashMap<String, Object>(parameters));
        doc.put("outcome", outcome);
        doc.put("durationMs", duration.toMillis());
        doc.put("versionBefore", versionBefore);
        doc.put("versionAfter", versionAfter);
        doc.put("message", message);
        return Json.write(doc);
    }
}
