package io.idem.core.store;

import io.idem.core.model.RecordKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The review queue as a store holds it, read without loading an engine: the open pairs whose two
 * records are in two profiles (most likely first, as {@code Engine.openReviews} orders them), the
 * profile of each of their records, and how many pairs were accepted, rejected and withdrawn. Reads the
 * queue's rows without their sealed reasons, the profiles of their records in bulk, and only the
 * pairs still open whole: at a million records the queue holds about 200,000 pairs, of which a few
 * thousand are still open.
 *
 * @param open the open pairs between two profiles
 * @param profiles the profile of each record of those pairs
 */
public record ReviewQueue(List<PairReview> open, Map<RecordKey, String> profiles, long accepted, long rejected,
        long withdrawn) {
    public ReviewQueue {
        open = List.copyOf(open);
        profiles = Map.copyOf(profiles);
    }

    public static ReviewQueue read(Store store) {
        long accepted = 0;
        long rejected = 0;
        long withdrawn = 0;
        List<PairReview> undecided = new ArrayList<>();
        for (PairReview r : store.reviewHeads()) {
            switch (r.status()) {
                case PairReview.ACCEPTED -> accepted++;
                case PairReview.REJECTED -> rejected++;
                case PairReview.WITHDRAWN -> withdrawn++;
                default -> undecided.add(r);
            }
        }
        Set<RecordKey> keys = new HashSet<>();
        for (PairReview r : undecided) {
            keys.add(r.a());
            keys.add(r.b());
        }
        Map<RecordKey, String> all = store.profilesOf(keys);
        List<String> apart = new ArrayList<>();
        for (PairReview r : undecided) {
            String a = all.get(r.a());
            String b = all.get(r.b());
            if (a != null && b != null && !a.equals(b)) {
                apart.add(r.id());
            }
        }
        List<PairReview> open = new ArrayList<>(store.reviews(apart));
        open.removeIf(r -> !PairReview.OPEN.equals(r.status()));
        open.sort(Comparator.comparingDouble((PairReview r) -> -r.score()).thenComparing(PairReview::id));
        Map<RecordKey, String> profiles = new java.util.HashMap<>();
        for (PairReview r : open) {
            profiles.put(r.a(), all.get(r.a()));
            profiles.put(r.b(), all.get(r.b()));
        }
        return new ReviewQueue(open, profiles, accepted, rejected, withdrawn);
    }

    /** The profile of a record of an open pair. */
    public String profileOf(RecordKey key) {
        return profiles.get(key);
    }
}
