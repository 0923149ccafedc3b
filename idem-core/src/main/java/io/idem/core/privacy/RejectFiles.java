package io.idem.core.privacy;

import io.idem.core.IdemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Rewrites the import reject files without the lines that hold an erased person's values. */
public final class RejectFiles {
    private RejectFiles() {
    }

    /**
     * Removes from every file directly under {@code dir} the lines containing one of {@code values}
     * (compared case-insensitively). A rejected row may span several lines (a quoted newline): the
     * physical line holding the value goes, which is all of it that can identify the person.
     *
     * @return how many lines were removed
     */
    public static int scrub(Path dir, Collection<String> values) {
        if (!Files.isDirectory(dir) || values.isEmpty()) {
            return 0;
        }
        List<String> needles = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> kept = new ArrayList<>();
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (String line : lines) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (needles.stream().noneMatch(lower::contains)) {
                        kept.add(line);
                    }
                }
                if (kept.size() != lines.size()) {
                    removed += lines.size() - kept.size();
                    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
                    Files.write(tmp, kept, StandardCharsets.UTF_8);
                    Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new IdemException("cannot rewrite the reject files in " + dir + ": " + e.getMessage(), e);
        }
        return removed;
    }
}
