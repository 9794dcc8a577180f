package vn.cms.media;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.PublicUrls;

/**
 * Media as other features show it (an article's featured image): what a frontend needs for a
 * responsive {@code <img srcset>} and an app for a placeholder. Size and placeholder never change
 * once uploaded, so they are kept in memory.
 */
@ApplicationScoped
public class MediaImages {

    private static final int KEPT = 10_000;

    /** One candidate of a srcset: the WebP variant {@code width} pixels wide. */
    @Schema(name = "ImageSource", requiredProperties = {"width", "url"})
    public record Source(
            @Schema(examples = "640") int width,
            @Schema(examples = "/api/v1/media/12/file?w=640&fm=webp") String url) {
    }

    /** An image of the library, ready to be shown. */
    public record Responsive(long mediaId, String url, int width, int height, List<Source> srcset, String placeholder) {
    }

    private final MediaLibrary library;
    private final PublicUrls urls;
    private final List<Integer> widths;
    private final Cache<Long, Responsive> kept = Caffeine.newBuilder().maximumSize(KEPT).build();

    MediaImages(MediaLibrary library, PublicUrls urls, CmsConfig config) {
        this.library = library;
        this.urls = urls;
        this.widths = List.copyOf(new TreeSet<>(config.media().widths()));
    }

    /** The stored path of an existing media item's original; 400 on {@code field} when there is none. */
    public String requirePath(String field, long mediaId) {
        if (!library.holdForUse(mediaId)) {
            throw ApiException.invalid(field, "no media has the id " + mediaId);
        }
        return MediaFiles.path(mediaId);
    }

    /** The image with its srcset (the configured widths up to its own) and placeholder; empty once deleted. */
    public Optional<Responsive> responsive(long mediaId) {
        Responsive known = kept.getIfPresent(mediaId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Responsive> found = library.find(mediaId).map(this::responsive);
        found.ifPresent(image -> kept.put(mediaId, image));
        return found;
    }

    private Responsive responsive(MediaRow media) {
        String path = MediaFiles.path(media.id());
        List<Source> srcset = widths.stream().filter(w -> w <= media.width())
                .map(w -> new Source(w, urls.of(path + "?w=" + w + "&fm=webp"))).toList();
        if (srcset.isEmpty()) {
            srcset = List.of(new Source(media.width(), urls.of(path + "?w=" + widths.get(0) + "&fm=webp")));
        }
        return new Responsive(media.id(), urls.of(path), media.width(), media.height(), srcset, media.placeholder());
    }
}
