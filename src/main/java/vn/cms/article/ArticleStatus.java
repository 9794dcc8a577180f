package vn.cms.article;

/**
 * Stored status. A PUBLISHED article whose publishedAt is still in the future is scheduled:
 * it turns public at that instant without anything having to run.
 */
public enum ArticleStatus {
    DRAFT,
    PUBLISHED
}
