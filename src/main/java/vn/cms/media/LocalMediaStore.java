package vn.cms.media;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import vn.cms.common.config.CmsConfig;

/**
 * Media on a local (or shared network) disk under {@code cms.media.dir}: one directory per media
 * item. Objects are written to a scratch file in the same file system and renamed into place,
 * which is atomic: a reader opens either the old file, the new one, or none.
 */
@Startup
@ApplicationScoped
public class LocalMediaStore implements MediaStore {

    private static final String SCRATCH = ".scratch";

    private final Path root;
    private final Path scratch;

    LocalMediaStore(CmsConfig config) {
        this.root = config.media().dir().toAbsolutePath().normalize();
        this.scratch = root.resolve(SCRATCH);
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cms.media.dir cannot be created: " + root, e);
        }
    }

    @Override
    public Path scratchFile() throws IOException {
        return Files.createTempFile(scratch, "upload-", ".tmp");
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cms.media.dir must be one file system, where a rename is atomic", e);
        }
    }

    @Override
    public Optional<Path> find(String key) {
        Path file = resolve(key);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public void deleteAll(long mediaId) throws IOException {
        Path directory = root.resolve(Long.toString(mediaId));
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Keys are made by this package from numbers and fixed names; anything else is a fault. */
    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.startsWith(scratch) || file.getParent().equals(root)) {
            throw new IllegalArgumentException("Not a media key: " + key);
        }
        return file;
    }
}
