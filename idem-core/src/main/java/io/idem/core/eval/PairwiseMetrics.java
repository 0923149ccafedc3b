package io.idem.core.eval;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Pairwise precision, recall and F1 of a clustering against the truth, over the pairs of records
 * that end in one profile (so transitive merges count), plus the share of profiles that mix two or
 * more true persons. Records missing from either side are ignored.
 */
public record PairwiseMetrics(long truePairs, long predictedPairs, long correctPairs, long profiles,
        long mixedProfiles, long records) {

    public static <K> PairwiseMetrics of(Map<K, String> truth, Map<K, String> predicted) {
        Map<String, Long> perCluster = new HashMap<>();
        Map<String, Long> perEntity = new HashMap<>();
        Map<String, Long> perCell = new HashMap<>();
        Map<String, Set<String>> entitiesPerCluster = new HashMap<>();
        long n = 0;
        for (Map.Entry<K, String> e : predicted.entrySet()) {
            String entity = truth.get(e.getKey());
            if (entity == null) {
                continue;
            }
            n++;
            String cluster = e.getValue();
            perCluster.merge(cluster, 1L, Long::sum);
            perEntity.merge(entity, 1L, Long::sum);
            perCell.merge(cluster + '\u0000' + entity, 1L, Long::sum);
            entitiesPerCluster.computeIfAbsent(cluster, k -> new HashSet<>(2)).add(entity);
        }
        long mixed = entitiesPerCluster.values().stream().filter(s -> s.size() > 1).count();
        return new PairwiseMetrics(pairs(perEntity), pairs(perCluster), pairs(perCell), perCluster.size(), mixed, n);
    }

    private static long pairs(Map<String, Long> counts) {
        long total = 0;
        for (long c : counts.values()) {
            total += c * (c - 1) / 2;
        }
        return total;
    }

    public double precision() {
        return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
    }

    public double recall() {
        return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double mixedShare() {
        return profiles == 0 ? 0 : (double) mixedProfiles / profiles;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "records %d, profiles %d, true pairs %d, predicted pairs %d, correct %d: precision %.4f recall %.4f"
                        + " F1 %.4f, profiles mixing people %d (%.3f%%)",
                records, profiles, truePairs, predictedPairs, correctPairs, precision(), recall(), f1(),
                mixedProfiles, 100 * mixedShare());
    }
}
