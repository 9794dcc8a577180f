package vn.cms.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.cms.testing.Accounts;
import vn.cms.testing.TestImages;

/** GET /api/v1/media/{id}/file: variants, crops around the focal point, caching and the bounds on work. */
@QuarkusTest
class MediaDeliveryTest {

    @Inject
    MeterRegistry registry;

    @Inject
    ImageWork work;

    @Inject
    FileResourceRequests fileResource;

    private String token;

    @BeforeEach
    void login() {
        token = Accounts.adminToken();
    }

    @Test
    void aWebpVariantHasTheAskedWidthAndIsCachedForAYearAsImmutable() {
        long id = TestImages.uploaded(token);
        String url = "/api/v1/media/" + id + "/file?w=160&fm=webp";
        Response first = given().get(url);
        first.then().statusCode(200).contentType("image/webp")
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("ETag", "\"" + id + "-w160-q80.webp\"");
        BufferedImage image = TestImages.decode(first.asByteArray());
        assertEquals(160, image.getWidth());
        assertEquals(80, image.getHeight());
        assertEquals(List.of("red", "green", "blue", "yellow"), TestImages.quadrantColours(image));

        // Kept: the second answer is the same bytes, and a client holding the ETag gets 304.
        assertArrayEquals(first.asByteArray(), given().get(url).then().statusCode(200).extract().asByteArray());
        given().header("If-None-Match", first.header("ETag")).get(url).then().statusCode(304)
                .header("ETag", first.header("ETag"));
    }

    @Test
    void aKeptVariantIsSentBeforeAnyResourceWithTheHeadersTheResourceGives() {
        long id = TestImages.uploaded(token);
        String kept = "/api/v1/media/" + id + "/file?w=320&fm=webp";
        // Made (and kept) by the resource; "w=0320" is the same variant, which only the resource reads.
        byte[] made = given().get(kept).then().statusCode(200).extract().asByteArray();
        String resourceForm = "/api/v1/media/" + id + "/file?fm=webp&w=0320";
        long resourceRequests = fileResource.count();
        for (String method : List.of("GET", "HEAD")) {
            Response early = given().header("Origin", "https://toasoan.tinh.gov.vn").request(method, kept);
            Response resource = given().header("Origin", "https://toasoan.tinh.gov.vn").request(method, resourceForm);
            early.then().statusCode(200).contentType("image/webp")
                    .header("Cache-Control", "public, max-age=31536000, immutable")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Access-Control-Allow-Origin", "*");
            assertEquals(headers(resource), headers(early), method);
            assertArrayEquals(method.equals("GET") ? made : new byte[0], early.asByteArray());
            assertArrayEquals(early.asByteArray(), resource.asByteArray());
            String etag = early.header("ETag");
            Response notModified = given().header("If-None-Match", etag).request(method, kept);
            notModified.then().statusCode(304).header("ETag", etag);
            assertEquals(headers(given().header("If-None-Match", etag).request(method, resourceForm)),
                    headers(notModified), method + " 304");
        }
        assertEquals(resourceRequests + 4, fileResource.count(), "only the other form reached the resource");
        // What the early route does not serve goes on to the resource: a crop, an unknown value, one not kept.
        given().get("/api/v1/media/" + id + "/file?w=321&fm=webp").then().statusCode(400);
        given().get("/api/v1/media/" + id + "/file?w=320&fm=webp&q=0").then().statusCode(400);
        given().get("/api/v1/media/" + id + "/file?w=320&fm=webp&x=1").then().statusCode(400);
        given().accept("application/json").get(kept).then().statusCode(406);
        // Held in memory by now (the early route reads a small file once it has sent it), and forgotten with the media.
        given().get(kept).then().statusCode(200);
        given().auth().oauth2(token).delete("/api/v1/media/" + id).then().statusCode(204);
        given().get(kept).then().statusCode(404);
    }

    @Test
    void keptVariantsSentByTheEarlyRouteAreCountedInTheHttpMetricsUnderTheFileTemplateNotEachPath() throws Exception {
        long id = TestImages.uploaded(token);
        String kept = "/api/v1/media/" + id + "/file?w=320&fm=webp";
        given().get(kept).then().statusCode(200);
        long before = awaitRequestCount(FILE_TEMPLATE, count -> count > 0);
        for (int i = 0; i < 3; i++) {
            given().get(kept).then().statusCode(200);
        }
        assertEquals(before + 3, awaitRequestCount(FILE_TEMPLATE, count -> count >= before + 3));
        assertEquals(0, requestCount("/api/v1/media/" + id + "/file"));
    }

    private static final String FILE_TEMPLATE = "/api/v1/media/{id}/file";

    private long requestCount(String uri) {
        return registry.find("http.server.requests").tag("uri", uri).timers().stream().mapToLong(Timer::count).sum();
    }

    /** The metrics of a request are recorded as its answer ends, which the client may see first. */
    private long awaitRequestCount(String uri, java.util.function.LongPredicate reached) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long count = requestCount(uri);
        while (!reached.test(count) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            count = requestCount(uri);
        }
        return count;
    }

    /** Every header but the date, by name. */
    private static Map<String, List<String>> headers(Response response) {
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        response.headers().asList().stream().filter(h -> !h.getName().equalsIgnoreCase("Date"))
                .forEach(h -> headers.computeIfAbsent(h.getName().toLowerCase(java.util.Locale.ROOT), k -> new java.util.ArrayList<>())
                        .add(h.getValue()));
        return headers;
    }


    @Test
    void aVariantIsNeverWiderThanItsOriginal() {
        long id = TestImages.uploaded(token);
        BufferedImage image = TestImages.decode(given().get("/api/v1/media/" + id + "/file?w=1920&fm=jpeg&q=90")
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray());
        assertEquals(400, image.getWidth());
        assertEquals(200, image.getHeight());
    }

    @Test
    void aVariantWithoutFmKeepsTheOriginalsFormatAndAGifBecomesPng() {
        long png = TestImages.upload(token, TestImages.encode(TestImages.quadrants(400, 200), "png"), "a.png", "image/png")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().get("/api/v1/media/" + png + "/file?w=320").then().statusCode(200).contentType("image/png");
        long gif = TestImages.upload(token, TestImages.encode(TestImages.quadrants(400, 200), "gif"), "a.gif", "image/gif")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        BufferedImage image = TestImages.decode(given().get("/api/v1/media/" + gif + "/file?w=320")
                .then().statusCode(200).contentType("image/png").extract().asByteArray());
        assertEquals(320, image.getWidth());
        assertEquals(160, image.getHeight());
    }

    @Test
    void aCropKeepsTheFocalPointAndFollowsItWhenItMoves() {
        long id = TestImages.uploaded(token);
        focus(id, 0.1, 0.5);
        String url = "/api/v1/media/" + id + "/file?w=160&h=160&fm=png";
        Response left = given().get(url);
        left.then().statusCode(200).header("Cache-Control", "public, max-age=30");
        BufferedImage image = TestImages.decode(left.asByteArray());
        assertEquals(160, image.getWidth());
        assertEquals(160, image.getHeight());
        assertEquals(List.of("red", "red", "blue", "blue"), TestImages.quadrantColours(image));

        focus(id, 0.9, 0.5);
        Response right = given().get(url);
        right.then().statusCode(200).header("ETag", not(left.header("ETag")));
        assertEquals(List.of("green", "green", "yellow", "yellow"),
                TestImages.quadrantColours(TestImages.decode(right.asByteArray())));
    }

    @Test
    void aWideCropTakesTheBandAroundTheFocalPoint() {
        long id = TestImages.uploaded(token);
        focus(id, 0.5, 0.9);
        BufferedImage image = TestImages.decode(given().get("/api/v1/media/" + id + "/file?w=320&h=80&fm=png")
                .then().statusCode(200).extract().asByteArray());
        assertEquals(320, image.getWidth());
        assertEquals(80, image.getHeight());
        assertEquals(List.of("blue", "yellow", "blue", "yellow"), TestImages.quadrantColours(image));
    }

    @Test
    void aCropLargerThanTheOriginalIsMadeSmallerInTheSameShape() {
        long id = TestImages.uploaded(token);
        BufferedImage image = TestImages.decode(given().get("/api/v1/media/" + id + "/file?w=1920&h=1920&fm=png")
                .then().statusCode(200).extract().asByteArray());
        assertEquals(200, image.getWidth());
        assertEquals(200, image.getHeight());
    }

    @Test
    void everyValueOutsideTheAllowedOnesIs400() {
        long id = TestImages.uploaded(token);
        String file = "/api/v1/media/" + id + "/file";
        Map<String, String> refusals = Map.of(
                "w=500", "w",
                "w=abc", "w",
                "w=640&h=0", "h",
                "w=160&h=321", "h",
                "h=100", "h",
                "w=640&fm=gif", "fm",
                "w=640&q=0", "q",
                "w=640&q=101", "q",
                "fm=webp", "fm",
                "w=640&size=2", "size");
        refusals.forEach((query, field) -> given().get(file + "?" + query).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is(field)));
        given().get(file + "?w=640&w=320").then().statusCode(400).body("errors[0].field", is("w"));
    }

    @Test
    void unknownMediaIs404() {
        given().get("/api/v1/media/999999999/file").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/media/999999999/file?w=640&fm=webp").then().statusCode(404);
        given().get("/api/v1/media/abc/file").then().statusCode(400);
    }

    @Test
    void concurrentRequestsForANewVariantMakeItOnce() throws Exception {
        long id = TestImages.upload(token, TestImages.jpeg(1600, 800), "lon.jpg", "image/jpeg").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        double before = made();
        String url = "/api/v1/media/" + id + "/file?w=640&fm=webp&q=70";
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<byte[]>> answers = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return given().get(url).then().statusCode(200).extract().asByteArray();
                    }, clients)).toList();
            start.countDown();
            byte[] first = answers.get(0).get(60, TimeUnit.SECONDS);
            for (CompletableFuture<byte[]> answer : answers) {
                assertArrayEquals(first, answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(before + 1, made());
        assertEquals(640, TestImages.decode(given().get(url).asByteArray()).getWidth());
        assertEquals(before + 1, made());
    }

    @Test
    void aNewVariantWhileEveryImageWorkerIsBusyIs503WithRetryAfter() throws Exception {
        long id = TestImages.uploaded(token);
        CountDownLatch holding = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService busy = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2; i++) {
                busy.submit(() -> work.runIfFree(0, deadline -> {
                    holding.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    return null;
                }));
            }
            holding.await(10, TimeUnit.SECONDS);
            given().get("/api/v1/media/" + id + "/file?w=320&fm=jpeg").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5");
            // The original needs no work.
            given().get("/api/v1/media/" + id + "/file").then().statusCode(200);
        } finally {
            release.countDown();
            busy.shutdown();
            busy.awaitTermination(10, TimeUnit.SECONDS);
        }
        given().get("/api/v1/media/" + id + "/file?w=320&fm=jpeg").then().statusCode(200);
    }

    private void focus(long id, double x, double y) {
        given().auth().oauth2(token).contentType("application/merge-patch+json; charset=UTF-8")
                .body(Map.of("focalPoint", Map.of("x", x, "y", y)))
                .patch("/api/v1/media/" + id).then().statusCode(200)
                .body("focalPoint.x", is((float) x)).body("focalPoint.y", is((float) y));
    }

    private double made() {
        return registry.counter("cms.media.variants.made").count();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
