package vn.cms.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bytes of originals and variants are kept, by key ({@code <mediaId>/<name>}). A
 * stored object is complete or absent, never half-written. The local disk is the embedded
 * implementation; an S3-compatible store fits the same four operations (a scratch file is
 * uploaded by {@link #put}; {@link #find} answers a local copy it keeps for serving).
 */
public interface MediaStore {

    /** A new empty scratch file for the caller to fill and pass to {@link #put}, or delete. */
    Path scratchFile() throws IOException;

    /** Keeps {@code scratch}'s bytes under {@code key}, replacing what was there at once; the scratch file is consumed. */
    void put(String key, Path scratch) throws IOException;

    /** The complete stored object as a readable local file, or empty. */
    Optional<Path> find(String key);

    /** Removes every object of the media item. */
    void deleteAll(long mediaId) throws IOException;
}
