package vn.cms.common.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** Settings of the product, all under the {@code cms.} prefix. */
@ConfigMapping(prefix = "cms")
public interface CmsConfig {

    Site site();

    /** Load the seed page's sections and article into an empty database. */
    @WithName("sample-content")
    @WithDefault("false")
    boolean sampleContent();

    Admin admin();

    Auth auth();

    Jwt jwt();

    Http http();

    Stats stats();

    Cache cache();

    Cors cors();

    /** Public reads: what clients may keep, and what this service keeps in memory. */
    interface Cache {
        /** Longest time any instance serves a public response after the data under it changed; 0 turns the cache off. */
        @WithDefault("1s")
        Duration maxStaleness();

        /** Public responses this instance keeps in memory. */
        @WithDefault("10000")
        long maxEntries();

        /** {@code Cache-Control: max-age} of public reads: how long clients and shared caches may reuse them. */
        @WithDefault("PT30S")
        Duration maxAge();

        /** {@code Cache-Control: stale-while-revalidate} of public reads. */
        @WithDefault("PT30S")
        Duration staleWhileRevalidate();
    }

    /** Cross-origin access from browsers. */
    interface Cors {
        /**
         * Origins allowed to call the editorial API (credentials, writes), or {@code *} for any.
         * Public reads and page-view hits are open to every origin.
         */
        @WithDefault("*")
        java.util.List<String> origins();
    }

    /** Visit statistics; the definitions are those of api.md. */
    interface Stats {
        /** Added to the visits counted here, to carry on a legacy counter. */
        @WithDefault("0")
        long baselineVisits();

        /** A visitor's hits closer together than this are one visit. */
        @WithDefault("PT30M")
        Duration visitGap();

        /** A visitor with a hit this recent is online. */
        @WithDefault("PT5M")
        Duration onlineWindow();

        /** Hits a minute per visitor and per client address before 429; 0 turns the limit off. */
        @WithDefault("120")
        int rateLimitPerMinute();

        /** How often accepted hits are written; at most this much is lost if the process dies. */
        @WithDefault("1s")
        Duration flushInterval();

        /** How long per-article daily page views are kept (the most viewed of a period needs them). */
        @WithDefault("P400D")
        Duration retention();

        /** Largest hit body. */
        @WithDefault("4K")
        MemorySize maxHitSize();
    }

    interface Http {
        /**
         * Largest request body, except the bulk import (which streams and is bounded by
         * {@code quarkus.http.limits.max-body-size}).
         */
        @WithDefault("4M")
        MemorySize maxBodySize();
    }

    interface Site {
        /** The zone in which timestamps are written and days, weeks and months are counted. */
        @WithDefault("Asia/Ho_Chi_Minh")
        ZoneId timezone();

        /** The portal's address (http or https, no query): feed and sitemap links start with it. */
        @WithDefault("http://localhost:8080")
        String url();

        /** The portal's name: the title of feeds and the Google News publication name. */
        @WithDefault("Tin tức")
        String name();

        /** The language of the content (ISO 639, as Google News wants it): feeds and the news sitemap. */
        @WithDefault("vi")
        @Pattern(regexp = "zh-cn|zh-tw|[a-z]{2,3}", message = "must be an ISO 639 code as Google News takes it: vi, en, zh-cn…")
        String language();

        /** An article's page on the portal, after {@link #url()}: {section}, {slug} and {id} are filled in. */
        @WithDefault("/{section}/{slug}")
        String articlePath();

        /** A section's page on the portal, after {@link #url()}: {section} is its slug. */
        @WithDefault("/{section}")
        String sectionPath();
    }

    /** Where the API itself is reached from outside; sitemap and feed self links start with it. */
    Api api();

    interface Api {
        /** Defaults to {@code cms.site.url}, for a portal that proxies the API's paths on its own domain. */
        Optional<String> url();
    }

    Feeds feeds();

    interface Feeds {
        /** Newest articles in a feed. */
        @WithDefault("20")
        @Min(1)
        @Max(100)
        int size();
    }

    Sitemaps sitemaps();

    interface Sitemaps {
        /** URLs of each articles sitemap page; sitemaps.org allows at most 50,000. */
        @WithDefault("50000")
        @Min(1)
        @Max(50000)
        int pageSize();
    }

    /** The first administrator, created when no account exists yet. */
    interface Admin {
        Optional<String> username();

        Optional<String> password();
    }

    interface Auth {
        /** How long an access token from POST /auth/token stays valid. */
        @WithDefault("PT1H")
        Duration tokenLifetime();

        /** bcrypt work factor for new password hashes (each step doubles the cost). */
        @WithDefault("12")
        int bcryptCost();

        /** Failed logins allowed per username and per client IP within the window before 429. */
        @WithDefault("5")
        int maxFailedLogins();

        @WithDefault("PT15M")
        Duration failedLoginWindow();
    }

    /** RS256 key pair (PEM files) that signs and verifies access tokens. */
    interface Jwt {
        @WithName("public-key")
        Path publicKey();

        @WithName("private-key")
        Path privateKey();

        /** Create the pair when the files are missing: for dev and test only. */
        @WithDefault("false")
        boolean generateMissingKeys();
    }
}
