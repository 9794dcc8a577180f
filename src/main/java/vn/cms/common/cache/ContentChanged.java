package vn.cms.common.cache;

/**
 * Fired by a write that changed public content (articles, sections), inside its transaction:
 * once the transaction commits, this instance's cached public responses and counts are dropped,
 * so the writer reads its own write. A write that fails or is refused fires nothing, and
 * neither does a request that changed no content, whatever its method.
 */
public record ContentChanged() {
}
