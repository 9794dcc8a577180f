package vn.cms.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.cms.testing.Accounts;
import vn.cms.testing.TestImages;

/** Uploads through HTTP: what is accepted, what readers then get, and every refusal. */
@QuarkusTest
class MediaUploadTest {

    private String token;

    @BeforeEach
    void login() {
        token = Accounts.adminToken();
    }

    @Test
    void aJpegIsStoredWithItsSizeChecksumAndTextParts() throws Exception {
        byte[] jpeg = TestImages.jpeg(400, 200);
        JsonPath media = TestImages.multipart(token)
                .multiPart("file", "Ảnh hội nghị.jpg", jpeg, "image/jpeg")
                .multiPart(TestImages.text("alt", "Hội nghị triển khai công tác cải cách hành chính"))
                .multiPart(TestImages.text("caption", "Quang cảnh hội nghị"))
                .post("/api/v1/media")
                .then().statusCode(201)
                .header("Location", matchesPattern("/api/v1/media/\\d+"))
                .body("mimeType", is("image/jpeg"))
                .body("width", is(400))
                .body("height", is(200))
                .body("filename", is("Ảnh hội nghị.jpg"))
                .body("alt", is("Hội nghị triển khai công tác cải cách hành chính"))
                .body("caption", is("Quang cảnh hội nghị"))
                .body("focalPoint", nullValue())
                .extract().jsonPath();
        long id = media.getLong("id");
        assertEquals("/api/v1/media/" + id + "/file", media.getString("url"));

        io.restassured.response.Response original = given().get(media.getString("url"));
        original.then().statusCode(200)
                .contentType("image/jpeg")
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff");
        byte[] served = original.asByteArray();
        assertEquals(media.getLong("size"), served.length);
        given().auth().oauth2(token).get("/api/v1/media/" + id).then().statusCode(200)
                .body("size", is(served.length));
        // The original's ETag is the stored checksum (SHA-256 of the stored bytes), shortened.
        String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(served));
        assertEquals('"' + checksum.substring(0, 32) + '"', original.header("ETag"));
        assertEquals(List.of("red", "green", "blue", "yellow"), TestImages.quadrantColours(TestImages.decode(served)));
    }

    @Test
    void aPhoneJpegIsTurnedUprightAndServedWithoutGpsOrAnyExif() throws Exception {
        byte[] phone = TestImages.phoneJpeg(400, 200, 6);
        assertGps(phone);
        JsonPath media = TestImages.upload(token, phone, "IMG_0001.JPG", "image/jpeg").then().statusCode(201)
                .body("width", is(200))
                .body("height", is(400))
                .extract().jsonPath();

        byte[] served = given().get(media.getString("url")).then().statusCode(200).extract().asByteArray();
        assertNoMetadata(served);
        BufferedImage upright = TestImages.decode(served);
        assertEquals(200, upright.getWidth());
        assertEquals(400, upright.getHeight());
        // Turned a quarter clockwise: the left half (red over blue) is now on top.
        assertEquals(List.of("blue", "red", "yellow", "green"), TestImages.quadrantColours(upright));

        byte[] variant = given().queryParam("w", 160).queryParam("fm", "jpeg").get(media.getString("url"))
                .then().statusCode(200).extract().asByteArray();
        assertNoMetadata(variant);
    }

    @Test
    void aPhoneJpegWithoutTurningKeepsItsPixelsAndLosesItsGps() throws Exception {
        byte[] phone = TestImages.phoneJpeg(400, 200, 1);
        JsonPath media = TestImages.upload(token, phone, "IMG_0002.JPG", "image/jpeg").then().statusCode(201)
                .body("width", is(400)).body("height", is(200)).extract().jsonPath();
        byte[] served = given().get(media.getString("url")).then().statusCode(200).extract().asByteArray();
        assertNoMetadata(served);
        // The image data itself is copied untouched: the original's scan is in the served bytes.
        byte[] scan = Arrays.copyOfRange(phone, indexOf(phone, new byte[] {(byte) 0xFF, (byte) 0xDA}), phone.length);
        assertFalse(indexOf(served, scan) < 0, "the scan data is the uploaded one");
    }

    @Test
    void everyOrientationIsShownAsAPhoneMeantIt() {
        // Each EXIF orientation, and where the top-left quadrant (red) of the stored pixels is seen.
        List<List<String>> expected = List.of(
                List.of("red", "green", "blue", "yellow"),
                List.of("green", "red", "yellow", "blue"),
                List.of("yellow", "blue", "green", "red"),
                List.of("blue", "yellow", "red", "green"),
                List.of("red", "blue", "green", "yellow"),
                List.of("blue", "red", "yellow", "green"),
                List.of("yellow", "green", "blue", "red"),
                List.of("green", "yellow", "red", "blue"));
        for (int orientation = 1; orientation <= 8; orientation++) {
            String url = TestImages.upload(token, TestImages.phoneJpeg(400, 200, orientation), "o.jpg", "image/jpeg")
                    .then().statusCode(201).extract().path("url");
            BufferedImage seen = TestImages.decode(given().get(url).then().statusCode(200).extract().asByteArray());
            assertEquals(orientation >= 5 ? 200 : 400, seen.getWidth(), "width, orientation " + orientation);
            assertEquals(expected.get(orientation - 1), TestImages.quadrantColours(seen), "orientation " + orientation);
        }
    }

    @Test
    void aWebpWithAnExifOrientationIsTurnedUprightAndServedWithoutItsExif() {
        byte[] webp = TestImages.phoneWebp(400, 200, 6);
        assertEquals(List.of("red", "green", "blue", "yellow"), TestImages.quadrantColours(TestImages.decode(webp)));
        String url = TestImages.upload(token, webp, "anh.webp", "image/webp").then().statusCode(201)
                .body("width", is(200)).body("height", is(400)).extract().path("url");
        byte[] served = given().get(url).then().statusCode(200).contentType("image/webp").extract().asByteArray();
        BufferedImage seen = TestImages.decode(served);
        assertEquals(200, seen.getWidth());
        assertEquals(List.of("blue", "red", "yellow", "green"), TestImages.quadrantColours(seen));
        assertEquals(-1, indexOf(served, "EXIF".getBytes(StandardCharsets.US_ASCII)), "an EXIF chunk");
        assertEquals(-1, indexOf(served, new byte[] {'M', 'M', 0, 42}), "a TIFF structure");
    }

    @Test
    void pngGifAndWebpAreAcceptedFromTheirBytes() {
        for (String format : List.of("png", "gif", "webp")) {
            byte[] bytes = TestImages.encode(TestImages.quadrants(300, 100), format);
            String url = TestImages.upload(token, bytes, "hinh." + format, "application/octet-stream")
                    .then().statusCode(201)
                    .body("mimeType", is("image/" + format))
                    .body("width", is(300))
                    .body("height", is(100))
                    .body("filename", is("hinh." + format))
                    .extract().path("url");
            byte[] served = given().get(url).then().statusCode(200).contentType("image/" + format)
                    .extract().asByteArray();
            assertEquals(List.of("red", "green", "blue", "yellow"), TestImages.quadrantColours(TestImages.decode(served)),
                    format);
        }
    }

    @Test
    void aFileNameIsStrippedOfDirectoriesAndControlsAndTakesTheExtensionOfItsBytes() {
        TestImages.upload(token, TestImages.encode(TestImages.quadrants(20, 20), "png"), "..\\..\\etc/<script>\u0007bão.jpg",
                        "image/png")
                .then().statusCode(201).body("filename", is("script bão.png".replace(" ", "")));
    }

    @Test
    void anythingThatIsNotAnAcceptedImageIs415WhateverItsNameOrClaimedType() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);
        TestImages.upload(token, svg, "logo.svg", "image/svg+xml").then().statusCode(415)
                .contentType("application/problem+json").body("status", is(415));
        byte[] text = "Đây không phải là ảnh".getBytes(StandardCharsets.UTF_8);
        TestImages.upload(token, text, "anh.jpg", "image/jpeg").then().statusCode(415)
                .body("detail", containsString("decided from its bytes"));
        byte[] bmp = TestImages.encode(TestImages.quadrants(10, 10), "bmp");
        TestImages.upload(token, bmp, "anh.png", "image/png").then().statusCode(415);
    }

    @Test
    void aTruncatedImageIs400AndLeavesNothing() {
        long before = count();
        byte[] jpeg = TestImages.jpeg(400, 200);
        TestImages.upload(token, Arrays.copyOf(jpeg, jpeg.length / 2), "cut.jpg", "image/jpeg").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("file"));
        byte[] png = TestImages.encode(TestImages.quadrants(400, 200), "png");
        TestImages.upload(token, Arrays.copyOf(png, png.length / 2), "cut.png", "image/png").then().statusCode(400);
        TestImages.upload(token, Arrays.copyOf(jpeg, 40), "head.jpg", "image/jpeg").then().statusCode(400);
        assertEquals(before, count());
    }

    @Test
    void moreThanTheMostPixelsIs400BeforeAnyDecoding() {
        // A PNG whose header claims 10,000 × 10,000 pixels (a decompression bomb) and holds none.
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(10_000).putInt(10_000).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        byte[] bomb = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
        TestImages.upload(token, bomb, "bom.png", "image/png").then().statusCode(400)
                .body("errors[0].field", is("file"))
                .body("errors[0].message", containsString("10000 × 10000 pixels"));
    }

    @Test
    void aBodyOverTheSizeLimitIs413BeforeItIsRead() throws Exception {
        // Only the head is sent: the refusal comes from the declared length, before any byte of the body.
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=b0undary\r\n"
                    + "Content-Length: " + (21 * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.contains("\"status\":413"), answer);
        }
    }

    @Test
    void aChunkedUploadThatGrowsPastTheSizeLimitIs413LeavesNoFileAndLogsNoFault() throws Exception {
        Path uploads = Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
        List<String> uploadsBefore = filesIn(uploads);
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler serviceRecords = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // The refusal goes on after the answer (the resource's read fails, then the router's): the
        // router's record, kept at FINE here, says it is over.
        java.util.logging.Logger webLog = java.util.logging.Logger.getLogger("vn.cms.common.web");
        Level webLevel = webLog.getLevel();
        webLog.setLevel(Level.FINE);
        webLog.addHandler(serviceRecords);
        // No Content-Length: the limit can only be found while the body is read.
        try (Socket socket = new Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(20_000);
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "read failed: " + e;
                }
            });
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=b0undary\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, ("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"qua-lon.jpg\"\r\n"
                    + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] megabyte = new byte[1024 * 1024];
            try {
                // 22 MB of a 20 MB limit, unless the service answers first.
                for (int i = 0; i < 22 && !answer.isDone(); i++) {
                    chunk(out, megabyte);
                }
                chunk(out, "\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedByTheService) {
                // The service closes the connection once it has answered.
            }
            String head = answer.get(20, TimeUnit.SECONDS);
            assertTrue(head.startsWith("HTTP/1.1 413"), head);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (records.stream().noneMatch(r -> r.getLoggerName().endsWith("RouterProblems")) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            webLog.removeHandler(serviceRecords);
            webLog.setLevel(webLevel);
        }
        assertEquals(List.of(), records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
        assertTrue(records.stream().anyMatch(r -> r.getLoggerName().endsWith("RouterProblems")), "the refusal has run its course");
        given().auth().oauth2(token).queryParam("q", "qua-lon").get("/api/v1/media").then().statusCode(200)
                .body("items", empty());
        assertEquals(uploadsBefore, filesIn(uploads));
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static List<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::toString).sorted().toList();
        }
    }

    @Test
    void anEmptyOrMissingFilePartIs400() {
        TestImages.upload(token, new byte[0], "empty.jpg", "image/jpeg").then().statusCode(400)
                .body("errors[0].field", is("file"));
        TestImages.multipart(token).multiPart(TestImages.text("alt", "Không có ảnh")).post("/api/v1/media").then().statusCode(400)
                .body("errors[0].field", is("file"));
    }

    @Test
    void anAltLongerThanItsLimitIs400() {
        TestImages.multipart(token)
                .multiPart("file", "a.jpg", TestImages.jpeg(20, 20), "image/jpeg")
                .multiPart(TestImages.text("alt", "ả".repeat(501)))
                .post("/api/v1/media").then().statusCode(400).body("errors[0].field", is("alt"));
    }

    @Test
    void aTextPartOverTheFormLimitOrMoreThanAThousandPartsAre413Problems() {
        TestImages.multipart(token)
                .multiPart("file", "a.jpg", TestImages.jpeg(20, 20), "image/jpeg")
                .multiPart(TestImages.text("alt", "ả".repeat(20_000)))
                .post("/api/v1/media").then().statusCode(413).contentType("application/problem+json");
        io.restassured.specification.RequestSpecification many = TestImages.multipart(token)
                .multiPart("file", "a.jpg", TestImages.jpeg(20, 20), "image/jpeg");
        for (int i = 0; i < 3000; i++) {
            many.multiPart(TestImages.text("x" + i, "1"));
        }
        many.post("/api/v1/media").then().statusCode(413).contentType("application/problem+json")
                .body("detail", is("The form has more parts than this service reads (Param limit of 1000 was exceeded)"));
    }

    @Test
    void theUploadSizeLimitHoldsWithATrailingSlashToo() {
        // 5 MB: over the 4 MB of other bodies, under the 20 MB of uploads, so it reaches the type check.
        byte[] notAnImage = new byte[5 * 1024 * 1024];
        TestImages.multipart(token).multiPart("file", "lon.jpg", notAnImage, "image/jpeg").post("/api/v1/media/")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void anUploadWithoutCredentialsIs401() {
        TestImages.multipart(null).multiPart("file", "a.jpg", TestImages.jpeg(20, 20), "image/jpeg").post("/api/v1/media")
                .then().statusCode(401).contentType("application/problem+json");
    }

    private long count() {
        return given().auth().oauth2(token).queryParam("size", 1).get("/api/v1/media").then().statusCode(200)
                .extract().jsonPath().getLong("totalItems");
    }

    private static void assertGps(byte[] jpeg) throws Exception {
        JpegImageMetadata metadata = (JpegImageMetadata) Imaging.getMetadata(jpeg);
        assertEquals(TestImages.LATITUDE, metadata.getExif().getGpsInfo().getLatitudeAsDegreesNorth(), 1e-4);
    }

    /** No EXIF (so no GPS) in any form a reader could find: no APP1 Exif segment, no GPS tags. */
    private static void assertNoMetadata(byte[] jpeg) throws Exception {
        ImageMetadata metadata = Imaging.getMetadata(jpeg);
        if (metadata instanceof JpegImageMetadata jpegMetadata) {
            assertNull(jpegMetadata.getExif(), "EXIF");
        }
        assertEquals(-1, indexOf(jpeg, "Exif\0".getBytes(StandardCharsets.US_ASCII)), "an Exif segment");
        assertEquals(-1, indexOf(jpeg, "GPS".getBytes(StandardCharsets.US_ASCII)), "GPS");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
