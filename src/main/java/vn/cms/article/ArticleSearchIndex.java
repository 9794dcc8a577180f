package vn.cms.article;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import vn.cms.common.cache.PublicResponseCache;
import vn.cms.common.db.Sql;
import vn.cms.common.text.SearchText;

/**
 * Keeps the search columns of articles in step with their text. An editorial save indexes its
 * article in its own transaction. The bulk import leaves them empty (null) and this indexes
 * them in batches once no import runs on this instance, so that the import keeps its speed;
 * until then imported articles are listed but not found by {@code q}.
 */
@ApplicationScoped
public class ArticleSearchIndex {

    private static final int BATCH = 500;
    private static final String PENDING = """
            select id, version, title, summary, author, tags, body from article
            where search_vector is null order by id limit ?""";
    /** The version check leaves an article alone that was saved (and indexed) meanwhile. */
    private static final String WRITE = """
            update article a set search_vector = cast(v.vector as tsvector), title_folded = v.folded
            from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) v (id, version, vector, folded)
            where a.id = v.id and a.version = v.version""";

    private record Indexed(long id, long version, String vector, String folded) {
    }

    private final EntityManager em;
    private final Sql sql;
    private final PublicResponseCache publicResponses;
    private final AtomicInteger importsRunning = new AtomicInteger();

    ArticleSearchIndex(EntityManager em, Sql sql, PublicResponseCache publicResponses) {
        this.em = em;
        this.sql = sql;
        this.publicResponses = publicResponses;
    }

    /** Indexes the article as it is about to be saved; call within its transaction. */
    public void update(Article article) {
        article.flush();
        em.createNativeQuery("update article set search_vector = cast(?1 as tsvector), title_folded = ?2 where id = ?3")
                .setParameter(1, SearchText.vector(article.title, article.summary, article.author, article.tags, article.body))
                .setParameter(2, SearchText.fold(article.title))
                .setParameter(3, article.id)
                .executeUpdate();
    }

    public void importStarted() {
        importsRunning.incrementAndGet();
    }

    public void importEnded() {
        importsRunning.decrementAndGet();
    }

    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void indexPendingOnSchedule() {
        indexPending();
    }

    /** Indexes every article the import left unindexed, unless an import is running; answers how many. */
    public synchronized long indexPending() {
        long indexed = 0;
        while (importsRunning.get() == 0) {
            List<Indexed> batch = sql.list(PENDING, List.of(BATCH), row -> new Indexed(row.getLong("id"),
                    row.getLong("version"),
                    SearchText.vector(row.getString("title"), row.getString("summary"), row.getString("author"),
                            Arrays.asList((String[]) row.getArray("tags").getArray()), row.getString("body")),
                    SearchText.fold(row.getString("title"))));
            if (batch.isEmpty()) {
                break;
            }
            sql.update(WRITE, List.of(
                    batch.stream().map(Indexed::id).toArray(Long[]::new),
                    batch.stream().map(Indexed::version).toArray(Long[]::new),
                    batch.stream().map(Indexed::vector).toArray(String[]::new),
                    batch.stream().map(Indexed::folded).toArray(String[]::new)));
            indexed += batch.size();
            publicResponses.invalidateAll();
        }
        return indexed;
    }
}
