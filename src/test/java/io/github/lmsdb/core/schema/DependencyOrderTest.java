package io.github.lmsdb.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.catalog.Catalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ordering alone, on catalogs whose only content is their dependencies: what the corpus cannot
 * hold (a cycle PostgreSQL would refuse to build, thousands of objects).
 */
class DependencyOrderTest {
    private static Catalog withDependencies(Map<String, List<String>> dependencies) {
        Catalog empty = Catalog.empty(List.of("public"));
        return new Catalog(empty.schemas(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), empty.presentSchemas(), dependencies);
    }

    private static Change change(int phase, String description) {
        return new Change(phase, description, null, null, List.of(), List.of());
    }

    @Test
    void creationsWithoutDependenciesKeepThePhaseOrder() {
        List<Change> changes = List.of(change(Change.CREATE_VIEW, "view"), change(Change.CREATE_TABLE, "table"), change(Change.CREATE_FUNCTION, "function"));

        List<Change> ordered = DependencyOrder.order(changes, List.of("view public.v", "table public.t", "function public.f()"),
                Catalog.empty(List.of("public")), Catalog.empty(List.of("public")));

        assertThat(ordered).extracting(Change::description).containsExactly("function", "table", "view");
    }

    @Test
    void aFunctionWhoseBodyReadsANewTableComesRightAfterIt() {
        List<Change> changes = List.of(change(Change.CREATE_FUNCTION, "function"), change(Change.CREATE_SEQUENCE, "sequence"),
                change(Change.CREATE_TABLE, "table"), change(Change.CREATE_VIEW, "view"));
        Catalog to = withDependencies(Map.of("function public.f()", List.of("table public.t")));

        List<Change> ordered = DependencyOrder.order(changes, List.of("function public.f()", "sequence public.s", "table public.t", "view public.v"),
                Catalog.empty(List.of("public")), to);

        assertThat(ordered).extracting(Change::description).containsExactly("sequence", "table", "function", "view");
    }

    @Test
    void aDroppedFunctionWhoseBodyReadsADroppedTableGoesJustBeforeIt() {
        List<Change> changes = List.of(change(Change.DROP_VIEW, "view"), change(Change.DROP_TABLE, "table"), change(Change.CREATE_TABLE, "new table"),
                change(Change.DROP_FUNCTION, "function"), change(Change.DROP_TYPE, "type"));
        Catalog from = withDependencies(Map.of("function public.f()", List.of("table public.t", "type public.mood")));

        List<Change> ordered = DependencyOrder.order(changes, List.of("view public.v", "table public.t", "table public.n", "function public.f()",
                "type public.mood"), from, Catalog.empty(List.of("public")));

        assertThat(ordered).extracting(Change::description).containsExactly("view", "function", "table", "new table", "type");
    }

    @Test
    void aCycleKeepsThePhaseOrderAmongItsMembersAndEnds() {
        // A function reading a table whose default calls it: PostgreSQL could only build it in two steps.
        List<Change> changes = List.of(change(Change.CREATE_TABLE, "table"), change(Change.CREATE_FUNCTION, "function"),
                change(Change.CREATE_VIEW, "view"));
        Catalog to = withDependencies(Map.of("function public.f()", List.of("table public.t"), "table public.t", List.of("function public.f()"),
                "view public.v", List.of("function public.f()")));

        List<Change> ordered = DependencyOrder.order(changes, List.of("table public.t", "function public.f()", "view public.v"),
                Catalog.empty(List.of("public")), to);

        assertThat(ordered).extracting(Change::description).containsExactly("function", "table", "view");
    }

    @Test
    void tenThousandChainedObjectsAreOrderedInLinearishTime() {
        int n = 10_000;
        List<Change> changes = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        Map<String, List<String>> dependencies = new HashMap<>();
        // Each function reads the table created after it in the diff's order, and each table's default calls the next function: one long chain.
        for (int i = 0; i < n; i++) {
            changes.add(change(i % 2 == 0 ? Change.CREATE_FUNCTION : Change.CREATE_TABLE, "object " + i));
            objects.add("object " + i);
            if (i + 1 < n) {
                dependencies.put("object " + i, List.of("object " + (i + 1)));
            }
        }
        long start = System.nanoTime();

        List<Change> ordered = DependencyOrder.order(changes, objects, Catalog.empty(List.of("public")), withDependencies(dependencies));

        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(2_000);
        assertThat(ordered.get(0).description()).isEqualTo("object " + (n - 1));
        assertThat(ordered.get(n - 1).description()).isEqualTo("object 0");
    }
}
