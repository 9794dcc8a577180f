package vn.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import vn.cms.common.db.Sql;

/** Which articles show a media item, for the media library's refusal to delete one in use. */
@ApplicationScoped
public class ArticleMediaUse {

    private static final int MAX_NAMED = 10;

    private final Sql sql;

    ArticleMediaUse(Sql sql) {
        this.sql = sql;
    }

    /**
     * Live articles (any status, not deleted) with the media item as featured image or in an
     * {@code <img>} of the body (its path ends in {@code /file}, so media 12 never matches 123);
     * at most the first ten ids.
     */
    public List<Long> liveArticlesShowing(long mediaId) {
        return sql.list("""
                        select id from article
                        where deleted_at is null and (featured_media_id = ? or body like ?)
                        order by id limit ?""",
                List.of(mediaId, "%/api/v1/media/" + mediaId + "/file%", MAX_NAMED), row -> row.getLong(1));
    }
}
