package io.idem.core.store;

import java.util.List;

/**
 * What a key rotation did.
 *
 * @param before the key versions before the rotation, oldest first
 * @param current the new current key version
 * @param records records re-encrypted
 * @param keyLocation where the keys are kept (a file path, or a table)
 * @param retired versions removed after the rotation (empty unless asked)
 */
public record KeyRotation(List<String> before, String current, long records, String keyLocation,
        List<String> retired) {
    public KeyRotation {
        before = List.copyOf(before);
        retired = List.copyOf(retired);
    }
}
