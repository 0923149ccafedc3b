package io.idem.core.resolve;

import io.idem.core.IdemException;
import io.idem.core.normalize.Placeholders;
import java.util.Objects;

/**
 * Settings of deterministic resolution.
 *
 * @param placeholders values that never link anyone
 * @param quarantineDocuments a non-document identifier carried by records with at least this many
 *     different documents is quarantined (never links). Two or three documents (a couple, a family)
 *     make it "shared": it links only records whose name matches exactly one of them.
 * @param quarantineNames an identifier carried by records with at least this many different names
 *     is quarantined (a store's own phone typed for dozens of customers)
 */
public record ResolverConfig(Placeholders placeholders, int quarantineDocuments, int quarantineNames) {
    public ResolverConfig {
        Objects.requireNonNull(placeholders, "placeholders");
        if (quarantineDocuments < 2) {
            throw new IdemException.Configuration("'resolve.quarantineDocuments' must be at least 2, was "
                    + quarantineDocuments);
        }
        if (quarantineNames < 2) {
            throw new IdemException.Configuration("'resolve.quarantineNames' must be at least 2, was "
                    + quarantineNames);
        }
    }

    public static ResolverConfig defaults() {
        return new ResolverConfig(Placeholders.defaults(), 4, 10);
    }

    public ResolverConfig withPlaceholders(Placeholders p) {
        return new ResolverConfig(p, quarantineDocuments, quarantineNames);
    }
}
