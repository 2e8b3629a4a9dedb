package io.github.lmsdb.core.schema;

import io.github.lmsdb.core.catalog.Catalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Puts a diff's changes in an order PostgreSQL can apply, from the dependencies both catalogs read
 * ({@link Catalog#dependencies}): a change's phase ({@link Change}) is where it goes unless a dependency
 * says otherwise. Each change is about one object (its key, as {@link Catalog#dependencyKey} names it; a
 * change without one, a comment or a grant, keeps its phase). The rules, for changes X and Y:
 * <ol>
 *   <li>a creation or alteration of X comes after the creations and alterations of what X depends on in the
 *       desired catalog;</li>
 *   <li>a drop of X comes before the drops of what X depends on in the current catalog, and before its
 *       alterations (a dependant that goes away goes before what it used changes); a dropped table or view
 *       takes its constraints, indexes, triggers and policies along, so their dependencies count as its own
 *       (unless they are dropped first on their own, as foreign keys are);</li>
 *   <li>an alteration in place of X (X is not dropped and created again) comes before the drop of what X
 *       depends on in the current catalog and no longer does in the desired one (the alteration is what lets
 *       it go: a column's default stops calling a function, which is then dropped);</li>
 *   <li>an object dropped and created again is dropped before it is created.</li>
 * </ol>
 * Among the changes no dependency orders, the phase order stands (then the order the diff found them
 * in), so a schema without such dependencies gets the statements it always got. A drop that must come
 * before an earlier-phase drop is pulled forward to just before it (a function whose body reads a
 * dropped table is dropped with the tables, not after the types), and a creation is pushed back to just
 * after what it needs (a function whose body reads a new table comes right after that table).
 *
 * <p>Cycles (a function whose body reads a table whose default calls it; two objects PostgreSQL itself
 * could only create in two steps) cannot all be honoured: within each strongly connected group of
 * changes, the edges that go against the phase order are ignored, so the group keeps the phase order,
 * deterministically, and never loops. Foreign keys make no cycle: they are changes of their own, after
 * the tables.
 *
 * <p>O((changes + dependencies) log changes): one pass to build the edges from hash maps, Tarjan's
 * strongly connected components, and Kahn's topological sort with a priority queue.
 */
final class DependencyOrder {
    private DependencyOrder() {}

    /** The phases whose changes remove an object (for good, or to create it again in a later change). */
    private static final Set<Integer> DROPS = Set.of(Change.DROP_TRIGGER, Change.DROP_POLICY, Change.DROP_VIEW, Change.DROP_FOREIGN_KEY,
            Change.DROP_INDEX, Change.DROP_CONSTRAINT, Change.DROP_COLUMN, Change.DROP_TABLE, Change.DROP_SEQUENCE,
            Change.DROP_TYPE_BEFORE_FUNCTIONS, Change.DROP_FUNCTION, Change.DROP_TYPE, Change.DROP_EXTENSION, Change.DROP_SCHEMA);

    /**
     * @param changes in the order the diff found them
     * @param objects for each change, the key of the object it is about, or null
     * @param from the current catalog
     * @param to the desired catalog
     */
    static List<Change> order(List<Change> changes, List<String> objects, Catalog from, Catalog to) {
        int n = changes.size();
        Integer[] byPhase = new Integer[n];
        for (int i = 0; i < n; i++) {
            byPhase[i] = i;
        }
        // Stable: the same phase keeps the diff's order.
        Arrays.sort(byPhase, (a, b) -> Integer.compare(changes.get(a).phase(), changes.get(b).phase()));
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) {
            rank[byPhase[r]] = r;
        }
        boolean[] drop = new boolean[n];
        Map<String, List<Integer>> creates = new HashMap<>();
        Map<String, List<Integer>> drops = new HashMap<>();
        for (int i = 0; i < n; i++) {
            drop[i] = DROPS.contains(changes.get(i).phase());
            if (objects.get(i) != null) {
                (drop[i] ? drops : creates).computeIfAbsent(objects.get(i), k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, List<String>> now = from.dependencies();
        Map<String, List<String>> then = to.dependencies();
        Map<String, List<String>> parts = parts(from);

        Edges edges = new Edges(n);
        for (int change = 0; change < n; change++) {
            int i = change;
            String key = objects.get(i);
            if (key == null) {
                continue;
            }
            if (!drop[i]) {
                List<String> needs = then.getOrDefault(key, List.of());
                for (String dep : needs) {
                    creates.getOrDefault(dep, List.of()).forEach(j -> edges.add(j, i));
                }
                if (!drops.containsKey(key)) {
                    Set<String> still = new HashSet<>(needs);
                    for (String dep : now.getOrDefault(key, List.of())) {
                        if (!still.contains(dep)) {
                            drops.getOrDefault(dep, List.of()).forEach(j -> edges.add(i, j));
                        }
                    }
                }
                continue;
            }
            List<String> needed = new ArrayList<>(now.getOrDefault(key, List.of()));
            for (String part : parts.getOrDefault(key, List.of())) {
                if (!drops.containsKey(part)) {
                    // It goes with the table (a foreign key dropped first on its own orders itself).
                    needed.addAll(now.getOrDefault(part, List.of()));
                }
            }
            for (String dep : needed) {
                if (!dep.equals(key)) {
                    drops.getOrDefault(dep, List.of()).forEach(j -> edges.add(i, j));
                    creates.getOrDefault(dep, List.of()).forEach(j -> edges.add(i, j));
                }
            }
            creates.getOrDefault(key, List.of()).forEach(j -> edges.add(i, j));
        }
        edges.breakCycles(rank);

        // How early each change may go: a drop as early as the earliest change that must follow it.
        int[] earliest = new int[n];
        List<Integer> topological = edges.topological();
        for (int t = topological.size() - 1; t >= 0; t--) {
            int u = topological.get(t);
            earliest[u] = changes.get(u).phase();
            if (drop[u]) {
                for (int v : edges.after(u)) {
                    earliest[u] = Math.min(earliest[u], earliest[v]);
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>((a, b) -> earliest[a] != earliest[b] ? Integer.compare(earliest[a], earliest[b])
                : Integer.compare(rank[a], rank[b]));
        int[] waiting = edges.indegrees();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Change> ordered = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int u = ready.poll();
            ordered.add(changes.get(u));
            for (int v : edges.after(u)) {
                if (--waiting[v] == 0) {
                    ready.add(v);
                }
            }
        }
        return ordered;
    }

    /** The constraints, indexes, triggers and policies of each table and view of {@code c}, which go when it is dropped. */
    private static Map<String, List<String>> parts(Catalog c) {
        Map<String, List<String>> parts = new HashMap<>();
        c.tables().values().forEach(t -> t.constraints().keySet().forEach(k -> part(parts, "table " + t.name(), "constraint " + t.name() + "." + k)));
        c.partitions().values().forEach(p -> p.constraints().keySet().forEach(k -> part(parts, "table " + p.name(), "constraint " + p.name() + "." + k)));
        c.indexes().values().forEach(i -> part(parts, (c.views().containsKey(i.table()) ? "view " : "table ") + i.table(), "index " + i.name()));
        c.triggers().values().forEach(t -> part(parts, (c.views().containsKey(t.table()) ? "view " : "table ") + t.table(), "trigger " + t.name()));
        c.policies().values().forEach(p -> part(parts, "table " + p.table(), "policy " + p.name()));
        return parts;
    }

    private static void part(Map<String, List<String>> parts, String owner, String part) {
        parts.computeIfAbsent(owner, k -> new ArrayList<>()).add(part);
    }

    /** "u before v" edges between changes, without duplicates. */
    private static final class Edges {
        private final List<List<Integer>> after;
        private final Set<Long> seen = new HashSet<>();

        Edges(int n) {
            after = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                after.add(new ArrayList<>());
            }
        }

        void add(int u, int v) {
            if (u != v && seen.add((long) u << 32 | v)) {
                after.get(u).add(v);
            }
        }

        List<Integer> after(int u) {
            return after.get(u);
        }

        int[] indegrees() {
            int[] in = new int[after.size()];
            after.forEach(vs -> vs.forEach(v -> in[v]++));
            return in;
        }

        /** Kahn's order (any one): the edges must be acyclic. */
        List<Integer> topological() {
            int[] in = indegrees();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int i = 0; i < in.length; i++) {
                if (in[i] == 0) {
                    queue.add(i);
                }
            }
            List<Integer> order = new ArrayList<>(in.length);
            while (!queue.isEmpty()) {
                int u = queue.poll();
                order.add(u);
                for (int v : after.get(u)) {
                    if (--in[v] == 0) {
                        queue.add(v);
                    }
                }
            }
            return order;
        }

        /**
         * Within each strongly connected component (Tarjan's, iterative so that a long chain cannot overflow
         * the stack), drops the edges that go against {@code rank}: what is left keeps the rank order there,
         * and the graph is acyclic.
         */
        void breakCycles(int[] rank) {
            int n = after.size();
            int[] index = new int[n];
            int[] low = new int[n];
            int[] component = new int[n];
            Arrays.fill(index, -1);
            boolean[] onStack = new boolean[n];
            ArrayDeque<Integer> stack = new ArrayDeque<>();
            int[] next = new int[n];
            int counter = 0;
            int components = 0;
            for (int root = 0; root < n; root++) {
                if (index[root] != -1) {
                    continue;
                }
                ArrayDeque<Integer> call = new ArrayDeque<>();
                call.push(root);
                index[root] = low[root] = counter++;
                stack.push(root);
                onStack[root] = true;
                while (!call.isEmpty()) {
                    int u = call.peek();
                    if (next[u] < after.get(u).size()) {
                        int v = after.get(u).get(next[u]++);
                        if (index[v] == -1) {
                            index[v] = low[v] = counter++;
                            stack.push(v);
                            onStack[v] = true;
                            call.push(v);
                        } else if (onStack[v]) {
                            low[u] = Math.min(low[u], index[v]);
                        }
                        continue;
                    }
                    call.pop();
                    if (!call.isEmpty()) {
                        low[call.peek()] = Math.min(low[call.peek()], low[u]);
                    }
                    if (low[u] == index[u]) {
                        int w;
                        do {
                            w = stack.pop();
                            onStack[w] = false;
                            component[w] = components;
                        } while (w != u);
                        components++;
                    }
                }
            }
            for (int u = 0; u < n; u++) {
                int from = u;
                after.get(u).removeIf(v -> component[v] == component[from] && rank[v] < rank[from]);
            }
        }
    }
}
