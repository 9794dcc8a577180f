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

    Api api();

    @WithName("import")
    Import importing();

    Sync sync();

    Events events();

    /** Live events (GET /api/v1/events). */
    interface Events {
        /** How often the visit counter is computed and sent to every subscriber of this instance. */
        @WithDefault("PT5S")
        Duration statsInterval();

        /** How often a comment line is sent, so that proxies keep an idle stream open. */
        @WithDefault("PT15S")
        Duration heartbeatInterval();

        /**
         * Events waiting to be written to one client; a client further behind is disconnected. Also
         * the most a reconnecting client is sent of what it missed (more: {@code event: reset}).
         */
        @WithDefault("1000")
        @Min(1)
        int maxPending();

        /** Streams one instance serves at once; more are answered 503 with Retry-After. */
        @WithDefault("10000")
        @Min(1)
        int maxSubscribers();
    }

    Webhooks webhooks();

    /** Webhook deliveries (the webhook package). */
    interface Webhooks {
        /**
         * Waits after each failed attempt, in order; the last repeats until the retry window is
         * over. {@code Retry-After} of a 429 or 503 lengthens a wait, never shortens it.
         */
        @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H")
        java.util.List<Duration> retryDelays();

        /** How long a delivery is retried from its first failure; then it fails and its endpoint is disabled. */
        @WithDefault("P3D")
        Duration retryWindow();

        /** The longest an attempt may take, connecting to the whole answer. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Attempts in flight at once, over every endpoint (each endpoint has one at a time). */
        @WithDefault("8")
        @Min(1)
        @Max(64)
        int maxConcurrency();

        /** How often each instance looks for due changes and deliveries (a commit on it also wakes it). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Whether this instance makes and sends deliveries (false: it only serves the API; another sends). */
        @WithDefault("true")
        boolean deliver();

        /** Allow targets on loopback, private, link-local and other internal addresses (tests, closed networks). */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** How long a rotated-out secret still signs deliveries, beside the new one. */
        @WithDefault("PT24H")
        Duration secretGrace();

        /**
         * AES-256 keys (32 bytes in base64 each) that seal signing secrets in the database: the
         * first seals, every one opens. Unset: secrets are kept as they are.
         */
        Optional<java.util.List<String>> secretKeys();

        /** How long succeeded and failed deliveries are kept; pending ones are kept until they finish. */
        @WithDefault("P30D")
        Duration retention();
    }

    Media media();

    /** The media library (uploaded images and their variants). */
    interface Media {
        /**
         * Where originals and variants are kept, created at start. Several instances must share it
         * (a network file system): each serves what any of them stored.
         */
        Path dir();

        /** Largest upload; larger is 413 before the body is kept. */
        @WithDefault("20M")
        MemorySize maxSize();

        /** Most pixels (width × height) an upload may have; more is 400 before it is decoded. */
        @WithDefault("50000000")
        @Min(1)
        long maxPixels();

        /** The only widths variants are made in (w=). */
        @WithDefault("160,320,640,960,1280,1920")
        java.util.List<@Min(1) @Max(8192) Integer> widths();

        /**
         * Images decoded at once by this instance (uploads and new variants): the bound on CPU. A new
         * variant asked for beyond this is 503 with Retry-After; an upload waits for its turn up to
         * processing-timeout.
         */
        @WithDefault("2")
        @Min(1)
        int maxConcurrentImages();

        /**
         * Heap that image work in progress may hold at once: the bound on memory. Each image's need
         * is reckoned from its header before decoding (media.ImageMemory); work waits until its need
         * fits, as for max-concurrent-images, and an image whose need alone is larger is 400.
         * Default: half of the maximum heap.
         */
        Optional<MemorySize> memoryBudget();

        /** Longest time one image may take to be decoded and encoded; past it, 503 with Retry-After. */
        @WithDefault("PT30S")
        Duration processingTimeout();
    }

    /** Delta sync of public content (GET /api/v1/sync). */
    interface Sync {
        /** How long the change log is kept; a sync token older than this is 410 and the client starts again. */
        @WithDefault("P90D")
        Duration retention();
    }

    /** Where the API is reached from outside, for the URLs it writes. */
    interface Api {
        /**
         * The API's public origin (and path prefix, if a proxy adds one), such as
         * {@code https://api.tinh.gov.vn}: Link and Location URLs start with it. Without it they
         * are relative. Never taken from a request's Host or X-Forwarded-Host.
         */
        Optional<java.net.URI> url();
    }

    /** The NDJSON bulk import. */
    interface Import {
        /** Longest line; a longer one is reported as that line's error and the rest lands. */
        @WithDefault("4M")
        MemorySize maxLineSize();
    }

    Html html();

    /** Article body HTML. */
    interface Html {
        /**
         * The only class names a body may carry (on figure, figcaption, span, div, p, img, table);
         * any other is removed, the element kept.
         */
        @WithDefault("image,caption,align-left,align-right,align-center,note")
        java.util.List<String> allowedClasses();
    }

    /** Public reads: what clients may keep, and what this service keeps in memory. */
    interface Cache {
        /** Longest time any instance serves a public response after the data under it changed; 0 turns the cache off. */
        @WithDefault("1s")
        Duration maxStaleness();

        /** Memory for the public responses this instance keeps, weighed by their bytes. */
        @WithDefault("64M")
        MemorySize maxSize();

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

        /**
         * Hits accepted but not yet written (the database is slow or down) that this instance keeps
         * in memory; past it, hits are refused with 503 and counted in cms_stats_hits_refused_total.
         */
        @WithDefault("100000")
        int maxPendingHits();

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

        /** Longest request target (path and query); longer is 414. */
        @WithDefault("8K")
        MemorySize maxUriLength();

        /** Largest sum of request header names and values; larger is 431. */
        @WithDefault("16K")
        MemorySize maxHeaderSize();

        /**
         * When set, every answer carries {@code Strict-Transport-Security: max-age=<this, in
         * seconds>; includeSubDomains}. Off by default: set it only where the API is served over HTTPS.
         */
        Optional<Duration> hsts();
    }

    interface Site {
        /** The zone in which timestamps are written and days, weeks and months are counted. */
        @WithDefault("Asia/Ho_Chi_Minh")
        ZoneId timezone();

        /**
         * The portal's address (http or https, no query): feed and sitemap links start with it.
         * No default outside dev and test: a service that published links to localhost to every
         * feed reader and search engine would be worse than one that does not start.
         */
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

        /**
         * Failed logins allowed per username from one client address within the window before
         * 429. Past as many failures from all addresses together, each further attempt for the
         * username waits a delay that doubles with every failure (from 1 s, up to max-login-delay).
         */
        @WithDefault("5")
        int maxFailedLogins();

        @WithDefault("PT15M")
        Duration failedLoginWindow();

        /** Longest wait the failures of a username from all addresses can impose on its next login. */
        @WithDefault("PT30S")
        Duration maxLoginDelay();

        /** Creating an API token needs an access token issued this recently, or the password. */
        @WithDefault("PT10M")
        Duration freshLogin();

        /** Live (neither revoked nor expired) API tokens one account may hold. */
        @WithDefault("50")
        int maxApiTokens();
    }

    /** RS256 key pair (PEM files) that signs and verifies access tokens. */
    interface Jwt {
        @WithName("public-key")
        Path publicKey();

        @WithName("private-key")
        Path privateKey();

        /**
         * The audience ({@code aud}) written into access tokens and required of them; also set
         * {@code mp.jwt.verify.audiences} from it (application.properties does).
         */
        @WithDefault("cms-api")
        String audience();

        /** Create the pair when the files are missing: for dev and test only. */
        @WithDefault("false")
        boolean generateMissingKeys();
    }
}
