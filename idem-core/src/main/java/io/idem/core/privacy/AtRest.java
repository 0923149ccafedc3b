package io.idem.core.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * What a store writes in place of personal data: identifiers become keyed hashes (HMAC-SHA256 under
 * the index key of one key version, so the matching index holds no raw e-mail, phone or document)
 * and whole records become AES-256-GCM ciphertexts under the current key. Stores call this and
 * never see a secret.
 *
 * <p>The index version is the key the stored index was built with; it changes only when a rotation
 * rebuilds the index ({@link #rotated()}). Ciphertexts name their own version, so values written
 * under an older key stay readable while that key is in the keyring.
 */
public final class AtRest {
    private final Keyring keyring;
    private final String indexVersion;
    private final ThreadLocal<Mac> index;

    private AtRest(Keyring keyring, String indexVersion) {
        this.keyring = keyring;
        this.indexVersion = indexVersion;
        keyring.indexMac(indexVersion); // fails now, with the version named, if the key is missing
        this.index = ThreadLocal.withInitial(() -> keyring.indexMac(indexVersion));
    }

    /** Seals with the current key and indexes with the key of {@code indexVersion}. */
    public static AtRest of(Keyring keyring, String indexVersion) {
        return new AtRest(keyring, indexVersion);
    }

    /** Seals and indexes with the keyring's current key (a new store, or after a rotation). */
    public static AtRest current(Keyring keyring) {
        return new AtRest(keyring, keyring.currentVersion());
    }

    /** The same keyring with the index moved to the current key, as a rotation leaves it. */
    public AtRest rotated() {
        return current(keyring);
    }

    public Keyring keyring() {
        return keyring;
    }

    public String indexVersion() {
        return indexVersion;
    }

    /** The 64-bit index key of a normalised identifier ({@code kind:value}). */
    public long index(String identifierKey) {
        return ByteBuffer.wrap(mac(identifierKey)).getLong();
    }

    /**
     * The index keys of a record's identifiers, sorted and distinct: what a store's identifier index
     * holds for the record, and what tells a replacement whether those rows must move.
     */
    public long[] indexes(java.util.List<io.idem.core.model.Identifier> identifiers) {
        long[] out = new long[identifiers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(identifiers.get(i).key());
        }
        java.util.Arrays.sort(out);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[n++] = out[i];
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** The full keyed hash of a normalised identifier, as hex: a primary key that reveals nothing. */
    public String tag(String identifierKey) {
        return HexFormat.of().formatHex(mac(identifierKey));
    }

    private byte[] mac(String text) {
        return index.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a store records of its index key: {@code VERSION:FINGERPRINT}, the fingerprint a keyed
     * hash of a fixed text. It tells a key of the same version name but another secret (a key file
     * swapped or regenerated) from the right one before anything is written with it.
     */
    public String indexStamp() {
        return indexVersion + ":" + tag("idem key check").substring(0, 16);
    }

    /** The key version named by a stamp from {@link #indexStamp}. */
    public static String stampVersion(String stamp) {
        int colon = stamp.indexOf(':');
        return colon < 0 ? stamp : stamp.substring(0, colon);
    }

    /** Opens a store's keys: the index key its stamp names, checked against the keyring. */
    public static AtRest forStamp(Keyring keyring, String stamp, String store, String keyLocation) {
        String version = stampVersion(stamp);
        if (!keyring.has(version)) {
            throw new io.idem.core.IdemException.Configuration(store + " was written under key '" + version
                    + "', which is not in " + keyLocation + " (keys there: " + keyring.versions() + ")");
        }
        AtRest atRest = new AtRest(keyring, version);
        if (stamp.indexOf(':') > 0 && !atRest.indexStamp().equals(stamp)) {
            throw new io.idem.core.IdemException.Configuration(store + " was written under another key '" + version
                    + "' than the one in " + keyLocation + ": is " + KeyFile.ENV + " pointing at the right file?");
        }
        return atRest;
    }

    public String seal(String plain) {
        return keyring.encrypt(plain);
    }

    public String open(String sealed) {
        return keyring.decrypt(sealed);
    }

    public byte[] sealBytes(byte[] plain) {
        return keyring.encryptBytes(plain);
    }

    public byte[] openBytes(byte[] sealed) {
        return keyring.decryptBytes(sealed);
    }

    /** Whether a sealed value was written under an older key than the current one. */
    public boolean isStale(String sealed) {
        return keyring.isStale(sealed);
    }
}
