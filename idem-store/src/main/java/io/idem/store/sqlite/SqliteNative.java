package io.idem.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;
import org.sqlite.util.OSInfo;

/**
 * Where SQLite's native library is loaded from. By default the driver copies it out of its jar into
 * the temporary directory on every start (a fresh 1 MB file each process, compared byte for byte
 * after writing, and left behind by a process that is killed). With the system property
 * {@value #PROPERTY} naming a directory, the library is copied there once, for this platform, and
 * loaded from there by every later process: about 50 ms less per command and nothing left in the
 * temporary directory. The launcher sets it to a directory beside the jar. Any failure here falls
 * back to the driver's own extraction.
 */
final class SqliteNative {
    static final String PROPERTY = "idem.sqlite.native";
    private static boolean prepared;

    private SqliteNative() {
    }

    /** Call before the first connection; does nothing after the first call or without the property. */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank() || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        try {
            Path folder = install(Path.of(dir));
            if (folder != null) {
                System.setProperty("org.sqlite.lib.path", folder.toString());
                System.setProperty("org.sqlite.lib.name", LibraryLoaderUtil.getNativeLibName());
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // the driver extracts its library itself, as without the property
        }
    }

    /**
     * Copies this platform's library under {@code dir} unless it is there already; returns the
     * folder holding it, or null when the driver has no library for this platform.
     */
    static Path install(Path dir) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        // per driver version: a library from another version must never be loaded
        Path folder = dir.resolve("sqlite-jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion())
                .resolve(OSInfo.getNativeLibFolderPathForCurrentOS());
        Path lib = folder.resolve(name);
        if (Files.isRegularFile(lib)) {
            return folder;
        }
        try (InputStream in = SqliteNative.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name)) {
            if (in == null) {
                return null;
            }
            Files.createDirectories(folder);
            // written aside and moved in whole: a concurrent first start sees no half-written library
            Path part = Files.createTempFile(folder, name, ".part");
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(part, lib, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, lib, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return folder;
    }
}
