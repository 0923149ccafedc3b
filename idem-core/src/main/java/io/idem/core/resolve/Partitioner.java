package io.idem.core.resolve;

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
 *       only groups whose names do not contradict each other (no name token in common).
 *   <li>When the groups carrying a value hold two or more different documents (a family email, a
 *       household landline), the value is shared: a group without a document joins the documented
 *       group whose name matches, if exactly one does. Otherwise it stays on its own.
 *   <li>Quarantined values are ignored.
 * </ol>
 */
final class Partitioner {

    /**
     * @param clusters local indices per cluster, largest first, then by smallest key
     * @param clusterOf cluster index per local index
     */
    record Result(List<int[]> clusters, int[] clusterOf) {
    }

    private Partitioner() {
    }

    static Result partition(Rec[] members, Map<String, Val> values) {
        int n = members.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> members[i].key));

        // carriers of each usable value, in key order
        LinkedHashMap<String, List<Integer>> carriers = new LinkedHashMap<>();
        for (int i : order) {
            for (String v : members[i].ids) {
                if (values.get(v).status != Status.QUARANTINED) {
                    carriers.computeIfAbsent(v, k -> new ArrayList<>(2)).add(i);
                }
            }
        }
        List<String> sortedValues = new ArrayList<>(carriers.keySet());
        sortedValues.sort(Comparator.comparingInt(Partitioner::strength)
                .thenComparingInt(v -> carriers.get(v).size())
                .thenComparing(Comparator.naturalOrder()));

        UnionFind uf = new UnionFind(members);
        for (String v : sortedValues) {
            List<Integer> cs = carriers.get(v);
            if (cs.size() < 2) {
                continue;
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
                continue;
            }
            if (docs.size() <= 1) {
                if (!isWeak(v)) {
                    for (int k = 1; k < roots.size(); k++) {
                        uf.union(roots.get(0), roots.get(k));
                    }
                    continue;
                }
                // an email, phone or device also links household members: join only groups whose
                // names do not contradict each other
                for (int k = 1; k < roots.size(); k++) {
                    for (int j = 0; j < k; j++) {
                        int a = uf.find(roots.get(k));
                        int b = uf.find(roots.get(j));
                        if (a != b && !namesConflict(uf.names[a], uf.names[b])) {
                            uf.union(a, b);
                            break;
                        }
                    }
                }
                continue;
            }
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

        // clusters, largest first, then by smallest key (order[] is key order)
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

    /** Kinds a household shares: they link only where names agree. */
    static boolean isWeak(String valueKey) {
        return valueKey.startsWith("email:") || valueKey.startsWith("phone:") || valueKey.startsWith("device_id:");
    }

    /**
     * Names conflict when both groups have names and no name of one shares a single token with a
     * name of the other ({@code ernesto} against {@code guadalupe veron}). A typo in one token, an
     * initial, a missing surname or swapped order is not a conflict.
     */
    static boolean namesConflict(List<String[]> a, List<String[]> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        for (String[] x : a) {
            for (String[] y : b) {
                for (String t : x) {
                    if (Arrays.binarySearch(y, t) >= 0) {
                        return false;
                    }
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

        @SuppressWarnings("unchecked")
        UnionFind(Rec[] members) {
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
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            // keep the smaller index as root so the result does not depend on union order
            int root = Math.min(ra, rb);
            int child = Math.max(ra, rb);
            parent[child] = root;
            docs[root].addAll(docs[child]);
            names[root].addAll(names[child]);
        }
    }
}
