package io.idem.core.privacy;

import io.idem.core.IdemException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets that pseudonymise and encrypt personal data at rest, with versions for rotation.
 *
 * <p>Key file format: one key per line, {@code VERSION:BASE64} (32 random bytes), {@code #}
 * comments; the last line is the current key. Old keys stay in the file until a rotation has
 * re-encrypted everything with the current one. From one 32-byte secret two keys are derived
 * (HMAC-SHA256 with fixed labels): one for the identifier index, one for AES-256-GCM.
 *
 * <p>Ciphertext format: {@code VERSION.BASE64(nonce12 || ciphertext || tag16)}; the version says
 * which key decrypts it. HMAC results are tagged by version too, so an index written under an old
 * key is recognised.
 */
public final class Keyring {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One generator per thread: a shared one serialises concurrent writers. */
    private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(SecureRandom::new);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    /** Cipher lookup costs more than encrypting a record; each thread re-initialises its own. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    });

    private record Key(String version, byte[] hmacKey, SecretKeySpec aesKey) {
    }

    private final Map<String, Key> keys;
    private final Key current;
    private final ThreadLocal<Mac> macs;

    private Keyring(Map<String, Key> keys, Key current) {
        this.keys = keys;
        this.current = current;
        this.macs = ThreadLocal.withInitial(() -> newMac(current.hmacKey()));
    }

    /** A keyring from 32-byte secrets, oldest first; the last is current. */
    public static Keyring of(List<Map.Entry<String, byte[]>> secrets) {
        if (secrets.isEmpty()) {
            throw new IdemException.Configuration("a keyring needs at least one key");
        }
        Map<String, Key> keys = new LinkedHashMap<>();
        Key last = null;
        for (Map.Entry<String, byte[]> e : secrets) {
            String v = e.getKey();
            if (!v.matches("[A-Za-z0-9_-]{1,16}")) {
                throw new IdemException.Configuration("key version '" + v + "': use 1-16 letters, digits, '_' or '-'");
            }
            if (e.getValue().length < 32) {
                throw new IdemException.Configuration("key '" + v + "' has " + e.getValue().length
                        + " bytes; 32 random bytes are required");
            }
            byte[] hmac = derive(e.getValue(), "idem identifier index");
            byte[] aes = derive(e.getValue(), "idem encryption at rest");
            last = new Key(v, hmac, new SecretKeySpec(aes, "AES"));
            if (keys.put(v, last) != null) {
                throw new IdemException.Configuration("key version '" + v + "' appears twice");
            }
        }
        return new Keyring(keys, last);
    }

    /** Reads a key file; errors name the file and line. */
    public static Keyring load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IdemException.Configuration("cannot read key file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Parses the key file format ({@code VERSION:BASE64} lines, {@code #} comments, the last key
     * current); {@code origin} names where the text came from in error messages.
     */
    public static Keyring parse(String text, String origin) {
        List<String> lines = text.lines().toList();
        List<Map.Entry<String, byte[]>> secrets = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IdemException.Configuration(origin + ":" + (i + 1) + ": expected VERSION:BASE64");
            }
            try {
                secrets.add(Map.entry(line.substring(0, colon), Base64.getDecoder().decode(line.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                throw new IdemException.Configuration(origin + ":" + (i + 1) + ": the key is not valid base64");
            }
        }
        try {
            return of(secrets);
        } catch (IdemException.Configuration e) {
            throw new IdemException.Configuration(origin + ": " + e.getMessage());
        }
    }

    /** A new random key line for a key file: {@code VERSION:BASE64}. */
    public static String newKeyLine(String version) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return version + ":" + Base64.getEncoder().encodeToString(secret);
    }

    public String currentVersion() {
        return current.version();
    }

    /** Every key version, oldest first. */
    public List<String> versions() {
        return List.copyOf(keys.keySet());
    }

    public boolean has(String version) {
        return keys.containsKey(version);
    }

    /** A version name not in this keyring: {@code k} and one more than the largest number used. */
    public String nextVersion() {
        int max = 0;
        for (String v : keys.keySet()) {
            if (v.matches("k[0-9]{1,9}")) {
                max = Math.max(max, Integer.parseInt(v.substring(1)));
            }
        }
        return "k" + (max + 1);
    }

    /** A fresh HMAC-SHA256 under the identifier-index key of {@code version}. */
    Mac indexMac(String version) {
        Key k = keys.get(version);
        if (k == null) {
            throw new IdemException.Configuration("the identifier index was written under key '" + version
                    + "', which is not in the keyring (was it removed before a rotation finished?)");
        }
        return newMac(k.hmacKey());
    }

    /** Keyed hash of a normalised identifier ({@code kind:value}) under the current key. */
    public byte[] hmac(String text) {
        return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The first 8 bytes of {@link #hmac} as a long, for integer index columns. */
    public long hmac64(String text) {
        return ByteBuffer.wrap(hmac(text)).getLong();
    }

    /** Encrypts under the current key; a fresh random nonce each time. */
    public String encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE];
            NONCES.get().nextBytes(nonce);
            Cipher c = CIPHERS.get();
            c.init(Cipher.ENCRYPT_MODE, current.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE + ct.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(ct, 0, out, NONCE, ct.length);
            return current.version() + "." + Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IdemException("encryption failed: " + e.getMessage(), e);
        }
    }

    /** Decrypts with whichever key version the text names. */
    public String decrypt(String text) {
        int dot = text.indexOf('.');
        Key key = dot > 0 ? keys.get(text.substring(0, dot)) : null;
        if (key == null) {
            throw new IdemException.Configuration("cannot decrypt: key version '"
                    + (dot > 0 ? text.substring(0, dot) : "?") + "' is not in the keyring (was it removed too early?)");
        }
        try {
            byte[] all = Base64.getDecoder().decode(text.substring(dot + 1));
            Cipher c = CIPHERS.get();
            c.init(Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IdemException("cannot decrypt a stored value with key '" + key.version()
                    + "': it was altered or belongs to another keyring", e);
        }
    }

    /**
     * Encrypts bytes under the current key: the key version (one length byte and its ASCII name),
     * then the nonce and the AES-GCM ciphertext. For binary payloads such as journal entries, where
     * the Base64 text of {@link #encrypt} would only cost space and time.
     */
    public byte[] encryptBytes(byte[] plain) {
        try {
            byte[] version = current.version().getBytes(StandardCharsets.US_ASCII);
            byte[] nonce = new byte[NONCE];
            NONCES.get().nextBytes(nonce);
            Cipher c = CIPHERS.get();
            c.init(Cipher.ENCRYPT_MODE, current.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] out = new byte[1 + version.length + NONCE + c.getOutputSize(plain.length)];
            out[0] = (byte) version.length;
            System.arraycopy(version, 0, out, 1, version.length);
            System.arraycopy(nonce, 0, out, 1 + version.length, NONCE);
            c.doFinal(plain, 0, plain.length, out, 1 + version.length + NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IdemException("encryption failed: " + e.getMessage(), e);
        }
    }

    /** Decrypts what {@link #encryptBytes} wrote, with whichever key version it names. */
    public byte[] decryptBytes(byte[] sealed) {
        int n = sealed.length == 0 ? -1 : sealed[0];
        if (n <= 0 || 1 + n + NONCE > sealed.length) {
            throw new IdemException("cannot decrypt: not a sealed payload (" + sealed.length + " bytes)");
        }
        String version = new String(sealed, 1, n, StandardCharsets.US_ASCII);
        Key key = keys.get(version);
        if (key == null) {
            throw new IdemException.Configuration("cannot decrypt: key version '" + version
                    + "' is not in the keyring (was it removed too early?)");
        }
        try {
            Cipher c = CIPHERS.get();
            c.init(Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, sealed, 1 + n, NONCE));
            return c.doFinal(sealed, 1 + n + NONCE, sealed.length - 1 - n - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IdemException("cannot decrypt a sealed payload with key '" + version
                    + "': it was altered or belongs to another keyring", e);
        }
    }

    /** Whether a ciphertext was written under an older key and should be re-encrypted. */
    public boolean isStale(String ciphertext) {
        return !ciphertext.startsWith(current.version() + ".");
    }

    private static byte[] derive(byte[] secret, String label) {
        return newMac(secret).doFinal(label.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
