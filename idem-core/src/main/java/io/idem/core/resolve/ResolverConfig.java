package io.idem.core.resolve;

import io.idem.core.IdemException;
import io.idem.core.match.MatchConfig;
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
 * @param match fuzzy matching settings ({@link MatchConfig#off()} for exact identifiers only)
 */
public record ResolverConfig(Placeholders placeholders, int quarantineDocuments, int quarantineNames,
        MatchConfig match) {
    public ResolverConfig {
        Objects.requireNonNull(placeholders, "placeholders");
        Objects.requireNonNull(match, "match");
        if (quarantineDocuments < 2) {
            throw new IdemException.Configuration("'resolve.quarantineDocuments' must be at least 2, was "
                    + quarantineDocuments);
        }
        if (quarantineNames < 2) {
            throw new IdemException.Configuration("'resolve.quarantineNames' must be at least 2, was "
                    + quarantineNames);
        }
    }

    /** Exact-identifier settings with the default fuzzy matching. */
    public ResolverConfig(Placeholders placeholders, int quarantineDocuments, int quarantineNames) {
        this(placeholders, quarantineDocuments, quarantineNames, MatchConfig.defaults());
    }

    public static ResolverConfig defaults() {
        return new ResolverConfig(Placeholders.defaults(), 4, 10);
    }

    public ResolverConfig withPlaceholders(Placeholders p) {
        return new ResolverConfig(p, quarantineDocuments, quarantineNames, match);
    }

    public ResolverConfig withMatch(MatchConfig m) {
        return new ResolverConfig(placeholders, quarantineDocuments, quarantineNames, m);
    }
}
