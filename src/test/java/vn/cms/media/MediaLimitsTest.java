package vn.cms.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.cms.common.config.CmsConfig;
import vn.cms.testing.Accounts;
import vn.cms.testing.TestImages;

/** The bounds on image work with a small memory budget and a short time limit. */
@QuarkusTest
@TestProfile(MediaLimitsTest.SmallLimits.class)
class MediaLimitsTest {

    private static final long BUDGET = 64L * 1024 * 1024;

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.media.memory-budget", "64M", "cms.media.processing-timeout", "PT2S");
        }
    }

    @Inject
    ImageWork work;

    @Inject
    MeterRegistry registry;

    @Inject
    HeldMediaStore store;

    @Inject
    CmsConfig config;

    private String token;

    @BeforeEach
    void login() {
        token = Accounts.adminToken();
    }

    @Test
    void aTurnedPhotoWhoseWorkAloneNeedsMoreThanTheBudgetIs400AndTheSamePhotoUprightIsAccepted() {
        // 4800 × 4800 decoded at 3 bytes a pixel is 69 MB, more than 64 MiB; upright, its image data is kept as it is.
        TestImages.upload(token, TestImages.phoneJpeg(4800, 4800, 6), "lon.jpg", "image/jpeg").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("file"))
                .body("errors[0].message", containsString("4800 × 4800 pixels, which need 72 MB of memory to process, "
                        + "more than the 68 MB this instance gives image work (cms.media.memory-budget)"));
        TestImages.upload(token, TestImages.phoneJpeg(4800, 4800, 1), "lon.jpg", "image/jpeg").then().statusCode(201)
                .body("width", is(4800));
    }

    @Test
    void anUploadWaitsWhileTheBudgetIsTakenAndANewVariantIs503() throws Exception {
        long id = TestImages.uploaded(token);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // All but 1 MiB of the budget is taken; a turned 1000 × 1000 photo needs 3 MB and more.
            CompletableFuture<Object> taken = CompletableFuture.supplyAsync(() -> {
                try {
                    return work.runIfFree(BUDGET - 1024 * 1024, deadline -> {
                        holding.countDown();
                        return release.await(30, TimeUnit.SECONDS);
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            byte[] turned = TestImages.phoneJpeg(1000, 1000, 6);
            CompletableFuture<Response> upload = CompletableFuture.supplyAsync(
                    () -> TestImages.upload(token, turned, "doc.jpg", "image/jpeg"), threads);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (waiting() < 1 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertEquals(1, waiting(), "the upload waits for memory");
            assertFalse(upload.isDone());
            given().get("/api/v1/media/" + id + "/file?w=320&fm=webp").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5");
            release.countDown();
            taken.get(10, TimeUnit.SECONDS);
            upload.get(30, TimeUnit.SECONDS).then().statusCode(201).body("width", is(1000));
            assertEquals(0, waiting());
            assertEquals(0, registry.get("cms.media.memory.reserved").gauge().value());
        } finally {
            release.countDown();
            threads.shutdown();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
        given().get("/api/v1/media/" + id + "/file?w=320&fm=webp").then().statusCode(200);
    }

    @Test
    void aVariantPastTheTimeLimitIs503WithRetryAfterAndNothingOfItIsKept() throws Exception {
        long id = TestImages.uploaded(token);
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        store.holdNextScratch(reached, release);
        CompletableFuture<Response> variant = CompletableFuture.supplyAsync(
                () -> given().get("/api/v1/media/" + id + "/file?w=320&fm=webp"));
        try {
            assertTrue(reached.await(10, TimeUnit.SECONDS), "the variant was decoded and is about to be written");
            // The limit is real time: the work is held past its 2 s.
            Thread.sleep(config.media().processingTimeout().toMillis() + 100);
        } finally {
            release.countDown();
        }
        variant.get(30, TimeUnit.SECONDS).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", is("The image took longer than 2000 ms to process; retry later"));
        Path dir = config.media().dir();
        try (Stream<Path> kept = Files.list(dir.resolve(Long.toString(id)))) {
            assertEquals(List.of("original.jpg"), kept.map(p -> p.getFileName().toString()).toList());
        }
        try (Stream<Path> scratch = Files.list(dir.resolve(".scratch"))) {
            assertEquals(List.of(), scratch.toList());
        }
        BufferedImage made = TestImages.decode(given().get("/api/v1/media/" + id + "/file?w=320&fm=webp")
                .then().statusCode(200).extract().asByteArray());
        assertEquals(320, made.getWidth());
    }

    private double waiting() {
        return registry.get("cms.media.images.waiting").gauge().value();
    }
}
