package vn.cms.testing;

import static io.restassured.RestAssured.given;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Images made by the tests: four coloured quadrants (top left red, top right green, bottom left
 * blue, bottom right yellow), so that a test can tell which part of an image it got back.
 */
public final class TestImages {

    public static final Color RED = new Color(220, 20, 20);
    public static final Color GREEN = new Color(20, 200, 20);
    public static final Color BLUE = new Color(20, 20, 220);
    public static final Color YELLOW = new Color(240, 220, 20);

    /** Hà Nội, where a phone would have written it. */
    public static final double LATITUDE = 21.0285;
    public static final double LONGITUDE = 105.8542;

    private TestImages() {
    }

    public static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(RED);
        g.fillRect(0, 0, width / 2, height / 2);
        g.setColor(GREEN);
        g.fillRect(width / 2, 0, width - width / 2, height / 2);
        g.setColor(BLUE);
        g.fillRect(0, height / 2, width / 2, height - height / 2);
        g.setColor(YELLOW);
        g.fillRect(width / 2, height / 2, width - width / 2, height - height / 2);
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] jpeg(int width, int height) {
        return encode(quadrants(width, height), "jpeg");
    }

    /** A JPEG as a phone writes it: EXIF with an orientation and the GPS position. */
    public static byte[] phoneJpeg(int width, int height, int orientation) {
        try {
            TiffOutputSet exif = new TiffOutputSet();
            exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
            exif.setGpsInDegrees(LONGITUDE, LATITUDE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg(width, height), out, exif);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A WebP as a phone or editor writes one with EXIF: the extended format (a VP8X chunk with
     * the EXIF flag, the image chunk, then an EXIF chunk holding a TIFF structure with the
     * orientation).
     */
    public static byte[] phoneWebp(int width, int height, int orientation) {
        byte[] simple = encode(quadrants(width, height), "webp");
        // A simple WebP: "RIFF", length, "WEBP", then one image chunk (VP8 or VP8L) to the end.
        byte[] image = java.util.Arrays.copyOfRange(simple, 12, simple.length);
        java.nio.ByteBuffer vp8x = java.nio.ByteBuffer.allocate(18).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put("VP8X".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(10)
                .put((byte) 0x08).put(new byte[3]);
        putUint24(vp8x, width - 1);
        putUint24(vp8x, height - 1);
        // Big-endian TIFF: header, one IFD with one entry (Orientation, SHORT, 1), no next IFD.
        byte[] tiff = java.nio.ByteBuffer.allocate(26)
                .put(new byte[] {'M', 'M', 0, 42}).putInt(8)
                .putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) orientation).putShort((short) 0).putInt(0).array();
        java.nio.ByteBuffer exif = java.nio.ByteBuffer.allocate(8 + tiff.length).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put("EXIF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(tiff.length).put(tiff);
        int length = 4 + vp8x.capacity() + image.length + exif.capacity();
        return java.nio.ByteBuffer.allocate(8 + length).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(length)
                .put("WEBP".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put(vp8x.array()).put(image).put(exif.array()).array();
    }

    private static void putUint24(java.nio.ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("Not an image ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The quadrant colour nearest to the pixel at (x, y). */
    public static String colourAt(BufferedImage image, int x, int y) {
        Color pixel = new Color(image.getRGB(x, y));
        String nearest = null;
        double best = Double.MAX_VALUE;
        for (var candidate : java.util.Map.of("red", RED, "green", GREEN, "blue", BLUE, "yellow", YELLOW).entrySet()) {
            Color c = candidate.getValue();
            double distance = Math.pow(c.getRed() - pixel.getRed(), 2) + Math.pow(c.getGreen() - pixel.getGreen(), 2)
                    + Math.pow(c.getBlue() - pixel.getBlue(), 2);
            if (distance < best) {
                best = distance;
                nearest = candidate.getKey();
            }
        }
        return nearest;
    }

    /** The colours at the centres of the image's four quadrants: top left, top right, bottom left, bottom right. */
    public static java.util.List<String> quadrantColours(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return java.util.List.of(colourAt(image, w / 4, h / 4), colourAt(image, 3 * w / 4, h / 4),
                colourAt(image, w / 4, 3 * h / 4), colourAt(image, 3 * w / 4, 3 * h / 4));
    }

    /** A multipart request as browsers send one: text parts and file names in UTF-8. */
    public static io.restassured.specification.RequestSpecification multipart(String token) {
        var spec = given().config(io.restassured.RestAssured.config()
                .multiPartConfig(io.restassured.config.MultiPartConfig.multiPartConfig().defaultCharset("UTF-8"))
                .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .httpMultipartMode(org.apache.http.entity.mime.HttpMultipartMode.BROWSER_COMPATIBLE)));
        return token == null ? spec : spec.auth().oauth2(token);
    }

    /** A text part in UTF-8. */
    public static io.restassured.specification.MultiPartSpecification text(String name, String value) {
        return new io.restassured.builder.MultiPartSpecBuilder(value).controlName(name).charset("UTF-8")
                .emptyFileName().build();
    }

    /** Uploads {@code bytes} as the part file named {@code filename} with this token; answers the response. */
    public static io.restassured.response.Response upload(String token, byte[] bytes, String filename, String mimeType) {
        return multipart(token).multiPart("file", filename, bytes, mimeType).post("/api/v1/media");
    }

    /** Uploads a 400 × 200 JPEG as an ADMIN's; answers its id. */
    public static long uploaded(String token) {
        return upload(token, jpeg(400, 200), "anh.jpg", "image/jpeg").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }
}
