package io.idem.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/** The native library is copied once per directory and driver version, byte for byte. */
class SqliteNativeTest {
    @TempDir
    Path dir;

    @Test
    void theLibraryIsCopiedOnceAndKept() throws Exception {
        Path folder = SqliteNative.install(dir);
        assertThat(folder).isNotNull().startsWith(dir);
        assertThat(folder.toString()).contains("sqlite-jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion());
        Path lib = folder.resolve(LibraryLoaderUtil.getNativeLibName());
        byte[] expected;
        try (InputStream in = SqliteNative.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            expected = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(lib)).isEqualTo(expected);
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(lib); // no part file left
        }

        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(lib, written);
        assertThat(SqliteNative.install(dir)).isEqualTo(folder);
        assertThat(Files.getLastModifiedTime(lib)).isEqualTo(written);
    }
}
