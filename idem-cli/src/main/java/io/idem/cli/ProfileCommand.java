package io.idem.cli;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import io.idem.core.normalize.Normalizers;
import io.idem.core.normalize.Placeholders;
import io.idem.core.profile.ProfileView;
import io.idem.core.store.Store;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.ValueFlag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "profile", description = "Print a profile as JSON: identifiers with their sources, attributes,"
        + " records and history. Find it by id or by any identifier (normalised like imports).")
final class ProfileCommand implements Callable<Integer> {

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
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selector selector;

    @Option(names = "--region", paramLabel = "CC", defaultValue = "AR",
            description = "default country to normalise --phone and --document (default: ${DEFAULT-VALUE})")
    String region;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Store store = data.openStore()) {
            List<String> ids = resolveIds(store);
            Placeholders placeholders = data.blocklist();
            Map<String, ValueFlag> flags = new LinkedHashMap<>();
            for (ValueFlag f : store.flags()) {
                flags.put(f.identifier(), f);
            }
            Object out;
            if (ids.size() == 1) {
                out = view(store, ids.get(0), selector.id, flags, placeholders);
            } else {
                out = ids.stream().map(id -> view(store, id, null, flags, placeholders)).toList();
            }
            spec.commandLine().getOut().println(Json.write(out));
        }
        return 0;
    }

    private ProfileView view(Store store, String id, String requested, Map<String, ValueFlag> flags,
            Placeholders placeholders) {
        List<StoredRecord> records = store.recordsOfProfile(id);
        return ProfileView.of(id, requested != null && !requested.equals(id) ? requested : null, records, flags,
                placeholders::reason, store.history(id));
    }

    /** The live profile ids matching the selector; several when an identifier is shared. */
    private List<String> resolveIds(Store store) {
        if (selector.id != null) {
            Optional<String> live = store.liveProfileId(selector.id);
            return List.of(live.orElseThrow(() -> new IdemException.NotFound("no profile '" + selector.id + "'")));
        }
        FieldKind kind;
        String raw;
        if (selector.email != null) {
            kind = FieldKind.EMAIL;
            raw = selector.email;
        } else if (selector.phone != null) {
            kind = FieldKind.PHONE;
            raw = selector.phone;
        } else if (selector.document != null) {
            kind = FieldKind.DOCUMENT;
            raw = selector.document;
        } else if (selector.loyaltyId != null) {
            kind = FieldKind.LOYALTY_ID;
            raw = selector.loyaltyId;
        } else if (selector.customerId != null) {
            kind = FieldKind.CUSTOMER_ID;
            raw = selector.customerId;
        } else {
            kind = FieldKind.DEVICE_ID;
            raw = selector.deviceId;
        }
        Field f = new Normalizers(region).field("--" + kind.key().replace('_', '-'), kind, raw);
        if (!f.valid()) {
            throw new IdemException.InvalidInput("--" + kind.key().replace('_', '-') + " '" + raw + "': "
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
}
