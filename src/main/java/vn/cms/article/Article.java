package vn.cms.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An article of the portal, as stored. Public reads go through {@link ArticleQueries}. */
@Entity
@Table(name = "article")
public class Article extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(nullable = false)
    public String title;

    public String summary;

    @Column(nullable = false)
    public String body = "";

    public String author;

    /** Null only on a tombstone whose section has since been deleted. */
    @Column(name = "section_id")
    public Long sectionId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();

    @Column(name = "featured_image_url")
    public String featuredImageUrl;

    @Column(name = "featured_image_alt")
    public String featuredImageAlt;

    /** Set when the featured image is from the media library (featuredImageUrl is then its path). */
    @Column(name = "featured_media_id")
    public Long featuredMediaId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ArticleStatus status = ArticleStatus.DRAFT;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** Counted by the visit statistics with atomic increments; an editorial save never writes it. */
    @Column(name = "view_count", nullable = false, insertable = false, updatable = false)
    public long viewCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "created_by")
    public Long createdBy;

    /** Set when deleted: the row stays as a tombstone, invisible everywhere. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Starts at 1 and grows by one with every save. */
    @Version
    @Column(nullable = false)
    public long version = 1;
}
