package io.github.lmsdb.core.schema;

import io.github.lmsdb.core.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A kind of object present in the current or the declared schema that {@link SchemaDiff} does not
 * compare: a report lists it, so that "no changes" never silently means "equal" for it.
 *
 * @param kind what it is: {@code policy}, {@code function or procedure}
 * @param objects how many there are, the larger of the two schemas' counts
 */
public record NotCompared(String kind, int objects) {
    /** {@code not compared: policy (3 objects)}. */
    public String describe() {
        return "not compared: " + kind + " (" + objects + (objects == 1 ? " object)" : " objects)");
    }

    /**
     * The kinds neither diff looks at, from both sides: those the catalog model reads but
     * {@link SchemaDiff} does not compare, and those the model does not read at all
     * ({@code unreadFrom}, {@code unreadTo}, as {@link io.github.lmsdb.core.catalog.UnreadObjects} counts them).
     */
    public static List<NotCompared> of(Catalog from, Map<String, Integer> unreadFrom, Catalog to, Map<String, Integer> unreadTo) {
        Map<String, Integer> counts = new TreeMap<>();
        readButNotCompared(from).forEach((k, n) -> counts.merge(k, n, Math::max));
        readButNotCompared(to).forEach((k, n) -> counts.merge(k, n, Math::max));
        unreadFrom.forEach((k, n) -> counts.merge(k, n, Math::max));
        unreadTo.forEach((k, n) -> counts.merge(k, n, Math::max));
        List<NotCompared> list = new ArrayList<>();
        counts.forEach((k, n) -> {
            if (n > 0) {
                list.add(new NotCompared(k, n));
            }
        });
        return List.copyOf(list);
    }

    /** What the catalog holds and the diff leaves alone. A kind the diff starts comparing leaves this list in the same commit. */
    private static Map<String, Integer> readButNotCompared(Catalog c) {
        Map<String, Integer> counts = new TreeMap<>();
        // Aggregates have no CREATE statement to read back: functions and procedures are compared, they are not.
        counts.put("aggregate", (int) c.functions().values().stream().filter(f -> f.kind().equals("a")).count());
        return counts;
    }
}
