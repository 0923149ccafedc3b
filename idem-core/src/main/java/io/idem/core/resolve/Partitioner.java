package io.idem.core.resolve;

import io.idem.core.match.Similarity;
import io.idem.core.resolve.Resolver.Rec;
import io.idem.core.resolve.Resolver.Val;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits one connected component of records into people. A pure function of the records and the
 * status of their identifiers; the order the records are given in does not matter.
 *
 * <ol>
 *   <li>Records are sorted by key; identifier values are processed strongest kind first (document,
 *       loyalty id, customer id, social id, email, device id, phone), then rarest first, then by value.
 *   <li>Each value unites the groups of the records carrying it, unless that would put two different
 *       documents in one group. Values a household shares (email, phone, device id) moreover unite
 *       only groups whose names could all be one person's ({@link #namesConflict}). A document
 *       does not unite two groups whose names are unrelated (no token equal, one typo apart or an
 *       initial of another) unless
 *       the fuzzy score of some pair of its carriers across them, the equal document included, is a
 *       match (a birth date, an address...): otherwise it is a document typed with a digit wrong
 *       that is another customer's.
 *   <li>When the groups carrying a value hold two or more different documents (a family email, a
 *       household landline), the value is shared: a group without a document joins the documented
 *       group whose name matches, if exactly one does. Otherwise it stays on its own (and is tried
 *       again after the fuzzy edges, which may have made two documented groups one).
 *   <li>Quarantined values are ignored.
 *   <li>Then pairs a person accepted in review are joined, and then fuzzy match edges, strongest
 *       first. A different document on the edge's own records has already counted against it in
 *       the score; any other pair of documents across the two groups must be equal or one typo
 *       apart, so a record without a document never bridges two documented people.
 *   <li>No union ever puts the two records of a rejected pair in one group.
 * </ol>
 */
final class Partitioner {

    /**
     * @param clusters local indices per cluster, largest first, then by smallest key
     * @param clusterOf cluster index per local index
     */
    record Result(List<int[]> clusters, int[] clusterOf) {
    }

    /** A fuzzy match between local records {@code a < b}. */
    record Edge(int a, int b, double probability) {
    }

    /**
     * Pair constraints inside a component, by local index.
     *
     * @param fuzzy match edges
     * @param must pairs a person accepted (one person)
     * @param cannot pairs a person rejected (two people)
     */
    record Links(List<Edge> fuzzy, List<int[]> must, List<int[]> cannot, Apart apart) {
        static final Links NONE = new Links(List.of(), List.of(), List.of(), (a, b) -> false);
    }

    /** Whether the score of two local records, their shared document included, falls short of a match. */
    interface Apart {
        boolean test(int a, int b);
    }

    private Partitioner() {
    }

    static Result partition(Rec[] members, Map<String, Val> values, Links links) {
        // in phases, each its own method: the JIT compiles (and, as new data takes new branches,
        // recompiles) them one by one instead of one 60 kB method (see BENCHMARKS.md)
        Integer[] order = keyOrder(members);
        LinkedHashMap<String, List<Integer>> carriers = new LinkedHashMap<>();
        Set<String> family = new HashSet<>();
        collectCarriers(members, values, order, carriers, family);
        List<String> sortedValues = new ArrayList<>(carriers.keySet());
        sortedValues.sort(Comparator.comparingInt(Partitioner::strength)
                .thenComparingInt(v -> carriers.get(v).size())
                .thenComparing(Comparator.naturalOrder()));

        UnionFind uf = new UnionFind(members, links.cannot());
        List<List<Integer>> sharedValues = new ArrayList<>();
        List<String> sharedNames = new ArrayList<>();
        for (String v : sortedValues) {
            uniteByValue(uf, v, carriers.get(v), family, links, sharedValues, sharedNames);
        }
        for (int[] m : links.must()) {
            uf.union(m[0], m[1]);
        }
        applyEdges(uf, members, links.fuzzy());
        for (int s = 0; s < sharedValues.size(); s++) {
            reattachShared(uf, sharedValues.get(s), sharedNames.get(s), family);
        }
        return clusters(uf, order, members.length);
    }

    /** Local indices in record-key order. */
    private static Integer[] keyOrder(Rec[] members) {
        Integer[] order = new Integer[members.length];
        for (int i = 0; i < members.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> members[i].key));
        return order;
    }

    /** The carriers of each usable value, in key order, and the family addresses among them. */
    private static void collectCarriers(Rec[] members, Map<String, Val> values, Integer[] order,
            LinkedHashMap<String, List<Integer>> carriers, Set<String> family) {
        for (int i : order) {
            for (String v : members[i].ids) {
                Val val = values.get(v);
                if (val.status != Status.QUARANTINED) {
                    carriers.computeIfAbsent(v, k -> new ArrayList<>(2)).add(i);
                    if (val.family) {
                        family.add(v);
                    }
                }
            }
        }
    }

    /**
     * Unites the groups carrying value {@code v}, or, when they hold two or more documents, records it
     * as shared (in {@code sharedValues} / {@code sharedNames}) and assigns its groups by name.
     */
    private static void uniteByValue(UnionFind uf, String v, List<Integer> cs, Set<String> family, Links links,
            List<List<Integer>> sharedValues, List<String> sharedNames) {
        if (cs.size() < 2) {
            return;
        }
        List<Integer> roots = new ArrayList<>();
        Set<String> docs = new HashSet<>();
        for (int c : cs) {
            int r = uf.find(c);
            if (!roots.contains(r)) {
                roots.add(r);
                docs.addAll(uf.docs[r]);
            }
        }
        if (roots.size() < 2) {
            return;
        }
        if (docs.size() <= 1) {
            // each group joins the first earlier group it may join: a person's decision (two
            // people) refuses some unions, and then the others must still be tried. An email,
            // phone or device also links household members: join only groups whose names do not
            // contradict each other
            boolean weak = isWeak(v);
            boolean familyAddress = !family.isEmpty() && family.contains(v);
            boolean document = v.startsWith("document:");
            for (int k = 1; k < roots.size(); k++) {
                for (int j = 0; j < k; j++) {
                    int a = uf.find(roots.get(k));
                    int b = uf.find(roots.get(j));
                    if (a == b) {
                        break;
                    }
                    boolean refused = weak ? namesConflict(uf.names[a], uf.names[b])
                                    || familyAddress && (uf.names[a].isEmpty() || uf.names[b].isEmpty())
                            : document && namesUnrelated(uf.names[a], uf.names[b])
                                    && scoredApart(uf, cs, a, b, links.apart());
                    if (!refused && uf.union(a, b)) {
                        break;
                    }
                }
            }
            return;
        }
        sharedValues.add(cs);
        sharedNames.add(v);
        attachByName(uf, roots);
        groupAnonymous(uf, roots, v);
    }

    /** Fuzzy match edges, strongest first, where the groups' documents allow. */
    private static void applyEdges(UnionFind uf, Rec[] members, List<Edge> fuzzy) {
        List<Edge> edges = new ArrayList<>(fuzzy);
        edges.sort(Comparator.comparingDouble((Edge e) -> -e.probability())
                .thenComparing(e -> members[e.a()].key.compareTo(members[e.b()].key) < 0 ? members[e.a()].key
                        : members[e.b()].key)
                .thenComparing(e -> members[e.a()].key.compareTo(members[e.b()].key) < 0 ? members[e.b()].key
                        : members[e.a()].key));
        for (Edge e : edges) {
            int a = uf.find(e.a());
            int b = uf.find(e.b());
            if (a != b && documentsCompatible(uf.docs[a], uf.docs[b], members[e.a()].docs, members[e.b()].docs)) {
                uf.union(a, b);
            }
        }
    }

    /**
     * A shared value once more, after the fuzzy edges: they may have joined the documented groups of
     * one person (a document typed with a digit wrong). When its documented groups are now one group
     * it links like any value; otherwise its groups without a document are assigned by name again.
     */
    private static void reattachShared(UnionFind uf, List<Integer> carriers, String value, Set<String> family) {
        List<Integer> roots = new ArrayList<>();
        int documented = -1;
        boolean oneDocumented = true;
        for (int c : carriers) {
            int r = uf.find(c);
            if (!roots.contains(r)) {
                roots.add(r);
                if (!uf.docs[r].isEmpty()) {
                    oneDocumented &= documented < 0;
                    documented = r;
                }
            }
        }
        if (!oneDocumented || documented < 0) {
            attachByName(uf, roots);
            groupAnonymous(uf, roots, value);
            return;
        }
        boolean weak = isWeak(value);
        boolean familyAddress = family.contains(value);
        for (int r : roots) {
            int a = uf.find(r);
            int b = uf.find(documented);
            if (a != b && (!weak || !namesConflict(uf.names[a], uf.names[b]))
                    && !(familyAddress && (uf.names[a].isEmpty() || uf.names[b].isEmpty()))) {
                uf.union(a, b);
            }
        }
    }

    /** The clusters, largest first, then by smallest key ({@code order} is key order). */
    private static Result clusters(UnionFind uf, Integer[] order, int n) {
        LinkedHashMap<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        for (int i : order) {
            byRoot.computeIfAbsent(uf.find(i), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> lists = new ArrayList<>(byRoot.values());
        lists.sort(Comparator.comparingInt((List<Integer> l) -> -l.size()));
        List<int[]> clusters = new ArrayList<>();
        int[] clusterOf = new int[n];
        for (int c = 0; c < lists.size(); c++) {
            int[] arr = lists.get(c).stream().mapToInt(Integer::intValue).toArray();
            clusters.add(arr);
            for (int i : arr) {
                clusterOf[i] = c;
            }
        }
        return new Result(clusters, clusterOf);
    }

    /**
     * The groups carrying a shared value: each one without a document joins the documented group
     * whose name matches, if exactly one does; otherwise it stays on its own.
     */
    /**
     * A shared device's records that carry neither a document nor a name, and so could join none of
     * the people who logged in on it, are one anonymous history: the device's, not one profile per
     * event. Only for devices: the nameless calls from a household landline are the household's
     * several people.
     */
    private static void groupAnonymous(UnionFind uf, List<Integer> roots, String value) {
        if (!value.startsWith("device_id:")) {
            return;
        }
        int first = -1;
        for (int r : roots) {
            int g = uf.find(r);
            if (uf.docs[g].isEmpty() && uf.names[g].isEmpty()) {
                if (first < 0) {
                    first = g;
                } else {
                    uf.union(first, g);
                    first = uf.find(first);
                }
            }
        }
    }

    private static void attachByName(UnionFind uf, List<Integer> roots) {
        List<Integer> documented = new ArrayList<>();
        for (int r : roots) {
            if (!uf.docs[r].isEmpty()) {
                documented.add(r);
            }
        }
        for (int r : roots) {
            if (!uf.docs[uf.find(r)].isEmpty()) {
                continue;
            }
            int match = -1;
            int matches = 0;
            for (int d : documented) {
                if (namesCompatible(uf.names[uf.find(r)], uf.names[uf.find(d)])) {
                    if (match < 0 || uf.find(d) != uf.find(match)) {
                        matches++;
                    }
                    match = d;
                }
            }
            if (matches == 1) {
                uf.union(match, r);
            }
        }
    }

    /**
     * Whether a fuzzy edge between records {@code ra} and {@code rb} may join their groups. Every
     * pair of the groups' documents must be equal or one typo apart, unless the two documents are
     * (up to a typo) the edge's own: then the score has already weighed them (strong evidence
     * against, not a veto).
     * A record without a document never bridges two people with different documents.
     */
    static boolean documentsCompatible(Set<String> a, Set<String> b, String[] ra, String[] rb) {
        for (String x : a) {
            for (String y : b) {
                if (!near(x, y) && !(nearAny(x, ra) && nearAny(y, rb))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Equal, or one typo apart. */
    private static boolean near(String x, String y) {
        return x.equals(y) || Similarity.oneEdit(x, y);
    }

    private static boolean nearAny(String x, String[] docs) {
        for (String d : docs) {
            if (near(x, d)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Kinds a household shares: they link only where names agree. A family's address by its name
     * ({@code flia.veron@}, {@link io.idem.core.normalize.Households}) moreover never links a group
     * without a name: an app login with it is any member's.
     */
    static boolean isWeak(String valueKey) {
        return valueKey.startsWith("email:") || valueKey.startsWith("phone:") || valueKey.startsWith("device_id:");
    }

    /**
     * Names conflict when some name of one group could not be some name of the other: every token
     * of the shorter must be in the longer, give or take a typo or an initial ({@code juan perez}
     * and {@code juan jose perez}, {@code jaun perez}, {@code j perez}, or {@code perez} alone). So
     * {@code ernesto} conflicts with {@code guadalupe veron}, and {@code juan perez} with
     * {@code maria perez}: a household shares a surname as well as a landline or an email. Every
     * pair must agree, not one: a call from the landline with just {@code perez} could be either,
     * and must not make the son and the mother one group.
     */
    static boolean namesConflict(List<String[]> a, List<String[]> b) {
        for (String[] x : a) {
            for (String[] y : b) {
                if (!couldBeOne(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether two names (sorted token arrays) could be one person's: see {@link #namesConflict}. */
    static boolean couldBeOne(String[] x, String[] y) {
        return x.length <= y.length ? within(x, y) : within(y, x);
    }

    /** Whether every token of {@code small} is in {@code large}, equal, one typo off or as its initial. */
    private static boolean within(String[] small, String[] large) {
        for (String t : small) {
            if (Arrays.binarySearch(large, t) >= 0) {
                continue;
            }
            boolean found = false;
            for (int i = 0; i < large.length && !found; i++) {
                found = related(t, large[i]);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Two name tokens that could be one: equal, one typo apart, or one the other's initial. */
    private static boolean related(String t, String u) {
        return t.equals(u) || Similarity.oneEdit(t, u) || t.length() == 1 && u.charAt(0) == t.charAt(0)
                || u.length() == 1 && t.charAt(0) == u.charAt(0);
    }

    /**
     * Names are unrelated when both groups have names and no token of one is related to a token of
     * the other (equal, one typo apart, an initial): {@code maria gomez} against
     * {@code juan perez}, not {@code jaun prez} against {@code juan perez}. One document carried by
     * unrelated names is, unless the rest agrees, two people, one of whose documents was typed with
     * a digit wrong (24 of the 678 mixed profiles at 250,000 generated persons before this guard).
     */
    static boolean namesUnrelated(List<String[]> a, List<String[]> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        for (String[] x : a) {
            for (String[] y : b) {
                for (String t : x) {
                    for (String u : y) {
                        if (related(t, u)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** Whether no pair of {@code carriers} across groups {@code a} and {@code b} scores a match. */
    private static boolean scoredApart(UnionFind uf, List<Integer> carriers, int a, int b, Apart apart) {
        for (int x : carriers) {
            if (uf.find(x) != a) {
                continue;
            }
            for (int y : carriers) {
                if (uf.find(y) == b && !apart.test(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Two sets of name token arrays are compatible when one name's tokens (at least two of them: a
     * first name and a surname) are all contained in the other's, e.g. {@code juan perez} and
     * {@code garcia juan perez}. {@code juan perez} and {@code maria perez} are not.
     */
    static boolean namesCompatible(List<String[]> a, List<String[]> b) {
        for (String[] x : a) {
            for (String[] y : b) {
                String[] small = x.length <= y.length ? x : y;
                String[] large = small == x ? y : x;
                if (small.length >= 2 && containsAll(large, small)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsAll(String[] sortedLarge, String[] small) {
        for (String t : small) {
            if (Arrays.binarySearch(sortedLarge, t) < 0) {
                return false;
            }
        }
        return true;
    }

    static int strength(String valueKey) {
        int colon = valueKey.indexOf(':');
        String kind = colon < 0 ? valueKey : valueKey.substring(0, colon);
        return switch (kind) {
            case "document" -> 0;
            case "loyalty_id" -> 1;
            case "customer_id" -> 2;
            case "social_id" -> 3;
            case "email" -> 4;
            case "device_id" -> 5;
            case "phone" -> 6;
            default -> 7;
        };
    }

    /** Union-find whose roots carry the documents and names of their group. */
    private static final class UnionFind {
        final int[] parent;
        final Set<String>[] docs;
        final List<String[]>[] names;
        /** Per root: the rejected pairs touching its group, or {@code null}. */
        final List<int[]>[] cannot;

        @SuppressWarnings("unchecked")
        UnionFind(Rec[] members, List<int[]> rejected) {
            int n = members.length;
            parent = new int[n];
            docs = new Set[n];
            names = new List[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                docs[i] = new HashSet<>(Arrays.asList(members[i].docs));
                names[i] = new ArrayList<>(1);
                if (members[i].nameTokens.length > 0) {
                    names[i].add(members[i].nameTokens);
                }
            }
            cannot = new List[n];
            for (int[] pair : rejected) {
                for (int end : pair) {
                    if (cannot[end] == null) {
                        cannot[end] = new ArrayList<>(1);
                    }
                    cannot[end].add(pair);
                }
            }
        }

        /** False when joining the two groups would put both records of a rejected pair together. */
        boolean allowed(int ra, int rb) {
            if (cannot[ra] == null || cannot[rb] == null) {
                return true;
            }
            for (int[] pair : cannot[ra]) {
                int x = find(pair[0]);
                int y = find(pair[1]);
                if ((x == ra && y == rb) || (x == rb && y == ra)) {
                    return false;
                }
            }
            return true;
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        /** Joins two groups unless a person's decision forbids it; true when they are one group after. */
        boolean union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return true;
            }
            if (!allowed(ra, rb)) {
                return false;
            }
            // keep the smaller index as root so the result does not depend on union order
            int root = Math.min(ra, rb);
            int child = Math.max(ra, rb);
            parent[child] = root;
            docs[root].addAll(docs[child]);
            names[root].addAll(names[child]);
            if (cannot[child] != null) {
                if (cannot[root] == null) {
                    cannot[root] = new ArrayList<>(cannot[child].size());
                }
                cannot[root].addAll(cannot[child]);
            }
            return true;
        }
    }
}
