package io.idem.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.IdemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {
    @TempDir
    Path dir;

    Keyring ring(String... lines) throws IOException {
        Path f = dir.resolve("keys");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return Keyring.load(f);
    }

    @Test
    void encryptionRoundTripsAndNeverRepeatsCiphertext() throws IOException {
        Keyring k = ring("# idem keys", Keyring.newKeyLine("v1"));
        String a = k.encrypt("ana@x.com|30123456");
        String b = k.encrypt("ana@x.com|30123456");
        // the plaintext's pieces, not a short word: random Base64 spells "ana" about once in 4,000 runs
        assertThat(a).isNotEqualTo(b).startsWith("v1.").doesNotContain("ana@x.com").doesNotContain("30123456");
        assertThat(k.decrypt(a)).isEqualTo("ana@x.com|30123456");
    }

    @Test
    void hmacIsKeyedAndStable() throws IOException {
        String line = Keyring.newKeyLine("v1");
        Keyring k1 = ring(line);
        Keyring k2 = ring(line);
        Keyring other = ring(Keyring.newKeyLine("v1"));
        assertThat(k1.hmac64("email:ana@x.com")).isEqualTo(k2.hmac64("email:ana@x.com"))
                .isNotEqualTo(other.hmac64("email:ana@x.com")).isNotEqualTo(k1.hmac64("email:bea@x.com"));
    }

    @Test
    void rotationKeepsOldCiphertextReadableAndMarksItStale() throws IOException {
        String v1 = Keyring.newKeyLine("v1");
        String old = ring(v1).encrypt("María Núñez");
        Keyring rotated = ring(v1, Keyring.newKeyLine("v2"));
        assertThat(rotated.currentVersion()).isEqualTo("v2");
        assertThat(rotated.decrypt(old)).isEqualTo("María Núñez");
        assertThat(rotated.isStale(old)).isTrue();
        String fresh = rotated.encrypt(rotated.decrypt(old));
        assertThat(rotated.isStale(fresh)).isFalse();
        Keyring withoutOld = ring(Keyring.newKeyLine("v2"));
        assertThatThrownBy(() -> withoutOld.decrypt(old)).isInstanceOf(IdemException.Configuration.class)
                .hasMessageContaining("key version 'v1' is not in the keyring");
    }

    @Test
    void tamperingIsDetected() throws IOException {
        Keyring k = ring(Keyring.newKeyLine("v1"));
        String c = k.encrypt("secret");
        char last = c.charAt(c.length() - 2);
        String altered = c.substring(0, c.length() - 2) + (last == 'A' ? 'B' : 'A') + c.charAt(c.length() - 1);
        assertThatThrownBy(() -> k.decrypt(altered)).isInstanceOf(IdemException.class).hasMessageContaining("altered");
    }

    @Test
    void badKeyFilesNameTheLine() throws IOException {
        assertThatThrownBy(() -> ring("v1:AAAA")).hasMessageContaining("has 3 bytes; 32 random bytes are required");
        assertThatThrownBy(() -> ring("# c", "nocolon")).hasMessageContaining(":2: expected VERSION:BASE64");
        assertThatThrownBy(() -> ring("v1:%%%")).hasMessageContaining(":1: the key is not valid base64");
    }

    @Test
    void hashedInputIsSha256OfTheNormalisedValue() {
        // SHA-256("ana@x.com"), computed independently with sha256sum
        assertThat(HashedInput.sha256Hex("ana@x.com"))
                .isEqualTo("03fded36e5de3aa5574b74c9f74a86c85dc60a352799efe57ff1b69faee05d13");
        assertThat(HashedInput.looksHashed(HashedInput.sha256Hex("+5491141234567"))).isTrue();
        assertThat(HashedInput.looksHashed("ana@x.com")).isFalse();
    }
}
