package io.idem.core.privacy;

import io.idem.core.model.Identifier;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.Store;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identifiers of erased people, kept only as keyed hashes (HMAC-SHA256 under the store's
 * erasure secret, see {@link Store#erasureSecret()}), so an old file or a late API call does not
 * bring the person back. While nothing was ever erased no hash is computed at all.
 */
public final class Suppression {
    private final Store store;
    private final Set<String> hashes = ConcurrentHashMap.newKeySet();
    private volatile Keyring keyring;

    private Suppression(Store store) {
        this.store = store;
    }

    /** The suppression list stored in {@code store}. */
    public static Suppression load(Store store) {
        Suppression s = new Suppression(store);
        store.scanSuppressions(s.hashes::add);
        return s;
    }

    /** The keyed hash (hex) of a normalised identifier, {@code kind:value}. */
    public synchronized String hash(String identifier) {
        if (keyring == null) {
            keyring = Keyring.of(List.of(Map.entry("erasure", store.erasureSecret())));
        }
        return HexFormat.of().formatHex(keyring.hmac(identifier));
    }

    /** Whether the record carries an identifier of an erased person. */
    public boolean suppresses(SourceRecord record) {
        if (hashes.isEmpty()) {
            return false;
        }
        for (Identifier id : record.identifiers()) {
            if (hashes.contains(hash(id.key()))) {
                return true;
            }
        }
        return false;
    }

    /** Adds hashes just written by an erasure. */
    public void addAll(Collection<String> newHashes) {
        hashes.addAll(newHashes);
    }
}
