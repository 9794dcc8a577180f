package vn.cms.common.cache;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.TestClock;

@QuarkusTest
class PublicResponseCacheTest {

    @Inject
    ContentFixtures fixtures;

    @Inject
    TestClock clock;

    /**
     * publishedAt may be as late as 9999: more nanoseconds from now than a long holds. Now is 2400,
     * later than every other test's scheduled article, so this one is the next publication the
     * service learns of (within a poll of its notifications); every read meanwhile stores a new
     * entry whose lifetime is measured against it.
     */
    @Test
    void anArticleScheduledCenturiesAheadLeavesPublicReadsAnswered() {
        clock.set(OffsetDateTime.parse("2400-01-01T00:00:00+07:00").toInstant());
        fixtures.article(fixtures.section(ContentFixtures.unique("Lịch sử")),
                a -> a.publishedAt = Instant.parse("9999-12-31T16:00:00Z"));
        long until = System.nanoTime() + 2_000_000_000L;
        for (int size = 1; System.nanoTime() < until; size = size % 100 + 1) {
            given().queryParam("size", size).get("/api/v1/articles").then().statusCode(200);
        }
    }
}
