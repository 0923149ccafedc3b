package io.idem.core.privacy;

import io.idem.core.IdemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key file that holds a store's encryption keys ({@link Keyring} format). Where it is: the path
 * in the environment variable {@value #ENV} when set, else a default the store chooses (an embedded
 * store uses {@code DATA/idem.keys}). Every change is written to a temporary file, synced and
 * renamed, so a crash leaves either the old file or the new one.
 */
public final class KeyFile {
    /** The environment variable naming the key file. */
    public static final String ENV = "IDEM_KEY_FILE";

    private KeyFile() {
    }

    /** The key file named by {@value #ENV}, if the variable is set and not blank. */
    public static Optional<Path> fromEnvironment() {
        String v = System.getenv(ENV);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v.strip()));
    }

    /** Loads the keyring, first creating the file with one random key ({@code k1}) if it is missing. */
    public static Keyring loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            write(file, header() + Keyring.newKeyLine("k1") + "\n");
        }
        return Keyring.load(file);
    }

    /** Appends a new random key, which becomes current; returns its version. */
    public static String addKey(Path file) {
        Keyring ring = Keyring.load(file);
        String version = ring.nextVersion();
        String text = read(file);
        write(file, text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + Keyring.newKeyLine(version) + "\n");
        return version;
    }

    /** Rewrites the file with only the current key; returns the versions removed. */
    public static List<String> retireOld(Path file) {
        Keyring ring = Keyring.load(file);
        String keep = ring.currentVersion();
        StringBuilder kept = new StringBuilder(header());
        for (String line : read(file).lines().toList()) {
            if (line.strip().startsWith(keep + ":")) {
                kept.append(line.strip()).append('\n');
            }
        }
        write(file, kept.toString());
        List<String> removed = new ArrayList<>(ring.versions());
        removed.remove(keep);
        return removed;
    }

    private static String header() {
        return "# idem encryption keys: VERSION:BASE64 (32 random bytes), the last line is current.\n"
                + "# Losing this file makes the stored records unreadable; keep a copy apart from the data.\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IdemException.Configuration("cannot read key file " + file + ": " + e.getMessage());
        }
    }

    private static void write(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(tmp);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IdemException.Configuration("cannot write key file " + file + ": " + e.getMessage());
        }
    }
}
