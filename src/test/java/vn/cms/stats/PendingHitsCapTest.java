package vn.cms.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.cms.testing.Hits.page;
import static vn.cms.testing.Hits.send;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.http.HttpServer;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.Hits;

/**
 * Hits that cannot be written yet are bounded in memory. Here the scheduled write never comes
 * during the test, which is what a database outage looks like to the recorder: accepted hits wait.
 */
@QuarkusTest
@TestProfile(PendingHitsCapTest.FewPendingHits.class)
class PendingHitsCapTest {

    public static class FewPendingHits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.stats.max-pending-hits", "3", "cms.stats.flush-interval", "1h");
        }
    }

    @Inject
    HitRecorder recorder;

    @Inject
    ContentFixtures fixtures;

    @Inject
    HttpServer server;

    @Test
    void pastTheCapHitsAreRefusedWith503AndNothingAcceptedIsLost() {
        recorder.flush();
        long before = Hits.stats().getLong("pageViews");
        for (int i = 0; i < 3; i++) {
            send(page("/", null, UUID.randomUUID().toString()), Hits.newAddress(), Hits.BROWSER).statusCode(202);
        }
        send(page("/", null, UUID.randomUUID().toString()), Hits.newAddress(), Hits.BROWSER)
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", is(503))
                .body("detail", is("Page views cannot be saved at the moment; try again shortly"));
        long articleId = fixtures.article(fixtures.section("Thống kê đầy")).id;
        send(page("/tin", articleId, UUID.randomUUID().toString()), Hits.newAddress(), Hits.BROWSER)
                .statusCode(503)
                .header("Retry-After", "5")
                .body("detail", is("Page views cannot be saved at the moment; try again shortly"));
        given().get("http://localhost:" + server.getManagementPort() + "/q/metrics").then().statusCode(200)
                .body(containsString("cms_stats_hits_refused_total 2.0"))
                .body(containsString("cms_stats_hits_pending 3.0"));

        recorder.flush();
        assertEquals(before + 3, Hits.stats().getLong("pageViews"));
        send(page("/", null, UUID.randomUUID().toString()), Hits.newAddress(), Hits.BROWSER).statusCode(202);
    }
}
