package io.idem.cli;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import io.idem.core.normalize.Normalizers;
import io.idem.core.profile.ProfileView;
import io.idem.core.store.Store;
import io.idem.core.store.ValueFlag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Finding profiles by id or by any identifier, shared by {@code profile} and {@code subject-export}. */
final class ProfileLookup {

    /** Exactly one of these is given (a picocli exclusive group). */
    static final class Selector {
        @Parameters(index = "0", paramLabel = "ID", arity = "0..1")
        String id;
        @Option(names = "--email", paramLabel = "X")
        String email;
        @Option(names = "--phone", paramLabel = "X")
        String phone;
        @Option(names = "--document", paramLabel = "X")
        String document;
        @Option(names = "--loyalty-id", paramLabel = "X")
        String loyaltyId;
        @Option(names = "--customer-id", paramLabel = "X")
        String customerId;
        @Option(names = "--device-id", paramLabel = "X")
        String deviceId;

        /** The identifier asked for, or null when an id was given. */
        Map.Entry<FieldKind, String> identifier() {
            if (email != null) {
                return Map.entry(FieldKind.EMAIL, email);
            } else if (phone != null) {
                return Map.entry(FieldKind.PHONE, phone);
            } else if (document != null) {
                return Map.entry(FieldKind.DOCUMENT, document);
            } else if (loyaltyId != null) {
                return Map.entry(FieldKind.LOYALTY_ID, loyaltyId);
            } else if (customerId != null) {
                return Map.entry(FieldKind.CUSTOMER_ID, customerId);
            } else if (deviceId != null) {
                return Map.entry(FieldKind.DEVICE_ID, deviceId);
            }
            return null;
        }
    }

    private ProfileLookup() {
    }

    /** The live profile ids matching the selector; several when an identifier is shared. */
    static List<String> resolve(Store store, Selector selector, String region) {
        if (selector.id != null) {
            Optional<String> live = store.liveProfileId(selector.id);
            return List.of(live.orElseThrow(() -> new IdemException.NotFound("no profile '" + selector.id + "'")));
        }
        Map.Entry<FieldKind, String> wanted = selector.identifier();
        FieldKind kind = wanted.getKey();
        String option = "--" + kind.key().replace('_', '-');
        Field f = new Normalizers(region).field(option, kind, wanted.getValue());
        if (!f.valid()) {
            throw new IdemException.InvalidInput(option + " '" + wanted.getValue() + "': "
                    + (f.problem() == null ? "empty" : f.problem()));
        }
        Identifier identifier = new Identifier(kind, f.normalized());
        TreeSet<String> profiles = new TreeSet<>();
        for (RecordKey k : store.recordsWithIdentifier(identifier)) {
            store.record(k).ifPresent(r -> profiles.add(r.profileId()));
        }
        if (profiles.isEmpty()) {
            throw new IdemException.NotFound("no profile with " + identifier.key());
        }
        return List.copyOf(profiles);
    }

    static ProfileView view(Store store, String id, String requested, DataOptions data) {
        List<io.idem.core.store.StoredRecord> records = store.recordsOfProfile(id);
        java.util.Set<String> identifiers = new java.util.HashSet<>();
        records.forEach(r -> r.record().identifiers().forEach(i -> identifiers.add(i.key())));
        Map<String, ValueFlag> flags = store.flagsOf(identifiers);
        return ProfileView.of(id, requested != null && !requested.equals(id) ? requested : null,
                records, flags, data.blocklist()::reason, store.history(id),
                data.survivorshipConfig());
    }
}
