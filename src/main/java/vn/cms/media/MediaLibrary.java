package vn.cms.media;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.coobird.thumbnailator.Thumbnails;
import org.jboss.logging.Logger;
import vn.cms.article.ArticleMediaUse;
import vn.cms.auth.CurrentUser;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Nfc;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.PublicUrls;
import vn.cms.sync.ChangeLog;
import vn.cms.sync.ChangeLog.Change;
import vn.cms.sync.ChangeLog.EntityType;
import vn.cms.sync.ChangeLog.Kind;

/**
 * The media library: uploads become stored originals (type from the bytes, metadata removed,
 * orientation applied) and rows; edits and deletions follow the roles. The row and its original
 * are written together: a failed upload leaves neither.
 */
@ApplicationScoped
public class MediaLibrary {

    private static final Logger LOG = Logger.getLogger(MediaLibrary.class);

    /** What readers knew a deleted item by (its row is gone): the log keeps it with the deletion. */
    record LastKnown(String url, String mimeType, String filename) {
    }

    static final int MAX_ALT = 500;
    static final int MAX_CAPTION = 2000;
    private static final int MAX_FILENAME = 200;
    /** Quality of originals that must be encoded again (turned by their EXIF orientation, or not JPEG). */
    private static final int ORIGINAL_QUALITY = 92;
    static final int PLACEHOLDER_WIDTH = 16;
    /** The placeholder is decoded from a copy this many pixels wide at least, for a fair average of colours. */
    private static final int PLACEHOLDER_SOURCE_WIDTH = 128;
    private static final int COPY_BUFFER = 1 << 16;

    private final Sql sql;
    private final MediaStore store;
    private final MediaFiles files;
    private final ImageWork work;
    private final ChangeLog changeLog;
    private final CurrentUser user;
    private final ArticleMediaUse articles;
    private final PublicUrls urls;
    private final Clock clock;
    private final ZoneId zone;
    private final long maxSize;
    private final long maxPixels;

    MediaLibrary(Sql sql, MediaStore store, MediaFiles files, ImageWork work, ChangeLog changeLog, CurrentUser user,
                 ArticleMediaUse articles, PublicUrls urls, Clock clock, CmsConfig config) {
        this.sql = sql;
        this.store = store;
        this.files = files;
        this.work = work;
        this.changeLog = changeLog;
        this.user = user;
        this.articles = articles;
        this.urls = urls;
        this.clock = clock;
        this.zone = config.site().timezone();
        this.maxSize = config.media().maxSize().asLongValue();
        this.maxPixels = config.media().maxPixels();
    }

    /** What an upload was received as: a file the framework wrote, its client-side name, and the text parts. */
    public record Upload(Path file, String filename, String alt, String caption) {
    }

    /** An original ready to be kept: the scratch file with the bytes readers will get. */
    private record Prepared(Path scratch, int width, int height, long size, String checksum, String placeholder) {
    }

    public MediaView upload(Upload upload) {
        String alt = text("alt", upload.alt(), MAX_ALT);
        String caption = text("caption", upload.caption(), MAX_CAPTION);
        ImageFormat format = formatOf(upload.file());
        ImageCodec.Header header;
        try {
            header = ImageCodec.header(upload.file(), format);
        } catch (ImageCodec.UnreadableImage e) {
            throw ApiException.invalid("file", "is not a readable " + format + " image: " + e.getMessage());
        }
        if ((long) header.width() * header.height() > maxPixels) {
            throw ApiException.invalid("file", "has " + header.width() + " × " + header.height()
                    + " pixels, more than the " + maxPixels + " this library accepts");
        }
        int subsampling = Math.max(1, header.width() / PLACEHOLDER_SOURCE_WIDTH);
        long memory = ImageMemory.upload(header, format, subsampling);
        if (!work.fits(memory)) {
            throw ApiException.invalid("file", "has " + header.width() + " × " + header.height() + " pixels, which need "
                    + megabytes(memory) + " MB of memory to process, more than the " + megabytes(work.budget())
                    + " MB this instance gives image work (cms.media.memory-budget)");
        }
        Prepared prepared;
        try {
            prepared = work.runWhenFree(memory, deadline -> prepare(upload.file(), format, header, subsampling, deadline));
        } catch (ApiException e) {
            throw e;
        } catch (ImageCodec.UnreadableImage e) {
            throw ApiException.invalid("file", "is not a readable " + format + " image: " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("An upload could not be prepared", e);
        }
        String filename = filename(upload.filename(), format);
        Instant now = Instant.now(clock);
        List<Long> stored = new ArrayList<>(1);
        try {
            long id = QuarkusTransaction.requiringNew().call(() -> {
                long newId = sql.one("""
                                insert into media (mime_type, width, height, size, checksum, filename, alt, caption,
                                    placeholder, created_by, created_at, updated_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""",
                        java.util.Arrays.asList(format.mimeType(), prepared.width(), prepared.height(), prepared.size(),
                                prepared.checksum(), filename, alt, caption, prepared.placeholder(), user.id(), now, now),
                        row -> row.getLong(1)).orElseThrow();
                stored.add(newId);
                store.put(newId + "/original." + format.extension(), prepared.scratch());
                changeLog.append(List.of(new Change(EntityType.MEDIA, newId, Kind.CREATED, now)), now);
                return newId;
            });
            return view(find(id).orElseThrow());
        } catch (RuntimeException e) {
            stored.forEach(this::deleteFiles);
            throw e;
        } finally {
            deleteQuietly(prepared.scratch());
        }
    }

    /** 415 unless the first bytes are those of an accepted format; 413 over the size limit. */
    private ImageFormat formatOf(Path file) {
        byte[] head = new byte[ImageFormat.SIGNATURE_LENGTH];
        int read;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size > maxSize) {
            throw MediaProblems.tooLarge(maxSize);
        }
        if (size == 0) {
            throw ApiException.invalid("file", "is empty");
        }
        return ImageFormat.detect(head, read).orElseThrow(MediaProblems::unsupportedType);
    }

    /**
     * The original as readers get it, hashed while it is written. A JPEG seen as stored loses its
     * metadata segments with its image data untouched, and is decoded every
     * {@code subsampling}-th pixel (which still reads all of it) to prove it whole; any other is
     * decoded, turned upright and encoded again, which keeps no metadata.
     */
    private Prepared prepare(Path upload, ImageFormat format, ImageCodec.Header header, int subsampling,
                             ImageWork.Deadline deadline) throws Exception {
        Path scratch = store.scratchFile();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            boolean keepsImageData = format == ImageFormat.JPEG && header.upright();
            BufferedImage placeholderSource = null;
            // Buffered outside the digest, so that it is fed blocks rather than bytes.
            try (OutputStream out = new BufferedOutputStream(
                    new DigestOutputStream(Files.newOutputStream(scratch), sha256), COPY_BUFFER)) {
                if (keepsImageData) {
                    try {
                        JpegSegments.copyWithoutMetadata(upload, out);
                    } catch (IOException e) {
                        throw new ImageCodec.UnreadableImage("its segments are damaged or truncated", e);
                    }
                } else {
                    BufferedImage decoded = ImageCodec.decode(upload, format, 1, deadline);
                    ImageCodec.encode(format == ImageFormat.JPEG
                                    ? Orientation.forJpegWriter(decoded, header.orientation())
                                    : Orientation.turned(decoded, header.orientation()),
                            format, ORIGINAL_QUALITY, out, deadline);
                    placeholderSource = Orientation.turned(small(decoded), header.orientation());
                }
            }
            if (keepsImageData) {
                placeholderSource = ImageCodec.decode(scratch, format, subsampling, deadline);
            }
            String placeholder = placeholder(placeholderSource, deadline);
            return new Prepared(scratch, header.orientedWidth(), header.orientedHeight(), Files.size(scratch),
                    HexFormat.of().formatHex(sha256.digest()), placeholder);
        } catch (Exception e) {
            deleteQuietly(scratch);
            throw e;
        }
    }

    /** A large image sampled small: resizing it whole would take a scratch copy of its size. */
    private static BufferedImage small(BufferedImage image) {
        return image.getWidth() > 2 * PLACEHOLDER_SOURCE_WIDTH ? ImageCodec.sample(image, PLACEHOLDER_SOURCE_WIDTH) : image;
    }

    /** A 16-pixel-wide JPEG as a data URI: a blurred preview an app shows while the image loads. */
    private static String placeholder(BufferedImage image, ImageWork.Deadline deadline) throws Exception {
        BufferedImage small = Thumbnails.of(image).width(PLACEHOLDER_WIDTH).asBufferedImage();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageCodec.encode(small, ImageFormat.JPEG, 60, bytes, deadline);
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static long megabytes(long bytes) {
        return (bytes + 999_999) / 1_000_000;
    }

    public Optional<MediaRow> find(long id) {
        return sql.one("select " + MediaRow.COLUMNS + " from media where id = ?", List.of(id), MediaRow::of);
    }

    /**
     * Whether it exists, and kept so until the caller's transaction ends: a deletion waits for it,
     * then sees the caller's use (409 while a live article shows it) instead of the caller's write
     * failing on the foreign key.
     */
    boolean holdForUse(long id) {
        return sql.one("select 1 from media where id = ? for key share", List.of(id), row -> true).isPresent();
    }

    public MediaView get(long id) {
        return view(require(id));
    }

    public Optional<MediaView> byId(long id) {
        return find(id).map(this::view);
    }

    /** A page of the library, newest first, optionally only media whose file name, alt or caption holds {@code q}. */
    MediaPage list(MediaListQuery query) {
        List<Object> filter = new ArrayList<>();
        String where = "true";
        if (query.q() != null) {
            where = "(filename ilike ? escape '\\' or alt ilike ? escape '\\' or caption ilike ? escape '\\')";
            String pattern = "%" + query.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            filter.addAll(List.of(pattern, pattern, pattern));
        }
        long total = sql.count("select count(*) from media where " + where, filter);
        List<Object> params = new ArrayList<>(filter);
        String after = "";
        if (query.cursor() != null) {
            after = " and (created_at, id) < (?, ?)";
            params.add(query.cursor().createdAt());
            params.add(query.cursor().id());
        }
        params.add(query.size() + 1);
        String offset = "";
        if (query.cursor() == null) {
            offset = " offset ?";
            params.add((long) (query.page() - 1) * query.size());
        }
        List<MediaRow> rows = sql.list("select " + MediaRow.COLUMNS + " from media where " + where + after
                + " order by created_at desc, id desc limit ?" + offset, params, MediaRow::of);
        String nextCursor = null;
        if (rows.size() > query.size()) {
            rows = rows.subList(0, query.size());
            MediaRow last = rows.get(rows.size() - 1);
            nextCursor = new MediaListQuery.Cursor(last.createdAt(), last.id()).encode();
        }
        long totalPages = (total + query.size() - 1) / query.size();
        return new MediaPage(rows.stream().map(this::view).toList(), query.cursor() == null ? query.page() : null,
                query.size(), total, totalPages, nextCursor);
    }

    /** PATCH: a merge patch on alt, caption and focal point; an AUTHOR only on their own uploads. */
    public MediaView update(long id, java.util.function.UnaryOperator<MediaInput> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            MediaRow media = sql.one("select " + MediaRow.COLUMNS + " from media where id = ? for update", List.of(id),
                    MediaRow::of).orElseThrow(() -> notFound(id));
            requireOwnerOrEditor(media, "edit");
            MediaInput input = change.apply(new MediaInput(media.alt(), media.caption(), media.focalPoint()));
            Instant now = Instant.now(clock);
            FocalPoint focalPoint = input.focalPoint();
            sql.update("update media set alt = ?, caption = ?, focal_x = ?, focal_y = ?, updated_at = ? where id = ?",
                    java.util.Arrays.asList(text("alt", input.alt(), MAX_ALT), text("caption", input.caption(), MAX_CAPTION),
                            focalPoint == null ? null : focalPoint.x(), focalPoint == null ? null : focalPoint.y(), now, id));
            changeLog.append(List.of(new Change(EntityType.MEDIA, id, Kind.UPDATED, now)), now);
        });
        return get(id);
    }

    /** 409 while a live article shows it; its files go once the row is gone. */
    public void delete(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            MediaRow media = sql.one("select " + MediaRow.COLUMNS + " from media where id = ? for update", List.of(id),
                    MediaRow::of).orElseThrow(() -> notFound(id));
            requireOwnerOrEditor(media, "delete");
            List<Long> users = articles.liveArticlesShowing(id);
            if (!users.isEmpty()) {
                throw ApiException.conflict("Media " + id + " is shown by live articles " + users
                        + " (featured image or <img> in the body); remove it there first");
            }
            sql.update("delete from media where id = ?", List.of(id));
            Instant now = Instant.now(clock);
            MediaView gone = view(media);
            changeLog.append(List.of(new Change(EntityType.MEDIA, id, Kind.DELETED, now,
                    new LastKnown(gone.url(), gone.mimeType(), gone.filename()))), now);
        });
        deleteFiles(id);
    }

    MediaRow require(long id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** The original's file; 404 when the item was deleted since its row was read. */
    Path originalFile(MediaRow media) {
        try {
            return files.original(media);
        } catch (IllegalStateException e) {
            throw goneMeanwhile(media, e);
        }
    }

    /**
     * The variant's file, made now if need be; 404 when the item was deleted since its row was
     * read. A variant finished after the deletion removed the item's files would otherwise stay
     * behind, and kept variants are served without reading the row.
     */
    Path variantFile(MediaRow media, Variant variant) {
        Path file;
        try {
            file = files.variant(media, variant);
        } catch (IllegalStateException e) {
            throw goneMeanwhile(media, e);
        }
        if (find(media.id()).isEmpty()) {
            deleteFiles(media.id());
            throw notFound(media.id());
        }
        return file;
    }

    private RuntimeException goneMeanwhile(MediaRow media, IllegalStateException failure) {
        return find(media.id()).isPresent() ? failure : notFound(media.id());
    }

    MediaView view(MediaRow media) {
        return new MediaView(media.id(), urls.of(MediaFiles.path(media.id())), media.format().mimeType(), media.width(),
                media.height(), media.size(), media.filename(), media.alt(), media.caption(), media.focalPoint(),
                media.createdAt().atZone(zone).toOffsetDateTime());
    }

    private void requireOwnerOrEditor(MediaRow media, String action) {
        if (!user.editsAllContent() && !Long.valueOf(user.id()).equals(media.createdBy())) {
            throw ApiException.forbidden("An AUTHOR can only " + action + " their own uploads; an EDITOR or ADMIN can "
                    + action + " any");
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("No media has the id " + id);
    }

    /** NFC, trimmed, null when blank; 400 when too long or holding NUL. */
    private static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String text = Nfc.of(value.strip());
        if (text.indexOf('\0') >= 0) {
            throw ApiException.invalid(field, "must not contain the NUL character");
        }
        if (text.length() > max) {
            throw ApiException.invalid(field, "must be at most " + max + " characters");
        }
        return text.isEmpty() ? null : text;
    }

    /**
     * The client's file name without any directory, control or markup character, in NFC, at most
     * 200 characters, with the extension of the format the bytes are.
     */
    static String filename(String given, ImageFormat format) {
        String name = given == null ? "" : Nfc.of(given);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name)
                .replaceAll("[\\p{Cntrl}\\p{Cf}<>:\"|?*%]", "")
                .replaceAll("\\s+", " ")
                .strip()
                .replaceAll("^\\.+", "");
        if (stem.isEmpty()) {
            stem = "image";
        }
        if (stem.length() > MAX_FILENAME) {
            stem = stem.substring(0, MAX_FILENAME).strip();
        }
        return stem + "." + format.extension();
    }

    private void deleteFiles(long id) {
        try {
            files.forget(id);
            store.deleteAll(id);
        } catch (IOException e) {
            LOG.warnf(e, "The files of deleted media %d could not all be removed", id);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf(e, "Scratch file %s could not be removed", file);
        }
    }
}
