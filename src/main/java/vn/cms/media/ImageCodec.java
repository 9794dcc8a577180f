package vn.cms.media;

import com.luciad.imageio.webp.WebPWriteParam;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reading and writing images with ImageIO: TwelveMonkeys reads JPEG and WebP, the JDK PNG and
 * GIF; libwebp (webp-imageio) writes WebP. A damaged or truncated file is an
 * {@link UnreadableImage}, whether the reader fails or only warns.
 */
final class ImageCodec {

    /** What the header says, read without decoding any pixel. */
    record Header(int width, int height, int orientation) {

        /** EXIF orientations 5–8 turn the image a quarter. */
        boolean turnsQuarter() {
            return orientation >= 5 && orientation <= 8;
        }

        int orientedWidth() {
            return turnsQuarter() ? height : width;
        }

        int orientedHeight() {
            return turnsQuarter() ? width : height;
        }
    }

    /** The file does not decode as the image its signature names. */
    static final class UnreadableImage extends Exception {
        UnreadableImage(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ImageCodec() {
    }

    static Header header(Path file, ImageFormat format) throws UnreadableImage {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(format);
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                return new Header(width, height, format == ImageFormat.JPEG ? orientation(file) : 1);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImage("its header cannot be read", e);
        }
    }

    /**
     * The first image, every {@code subsampling}-th pixel of every {@code subsampling}-th row; the
     * reader is handed to {@code watch} so that it can be aborted at the time limit.
     */
    static BufferedImage decode(Path file, ImageFormat format, int subsampling, ImageWork.Deadline deadline)
            throws UnreadableImage, ImageWork.TooSlow {
        AtomicReference<String> warning = new AtomicReference<>();
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(format);
            try {
                reader.setInput(input, true, true);
                reader.addIIOReadWarningListener((source, message) -> warning.compareAndSet(null, message));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                BufferedImage image = deadline.watch(reader::abort, () -> reader.read(0, param));
                deadline.check();
                if (warning.get() != null || image == null) {
                    throw new UnreadableImage("it is damaged or truncated (" + warning.get() + ")", null);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            deadline.check();
            throw new UnreadableImage("it does not decode", e);
        }
    }

    /** The image as EXIF orientation {@code orientation} says it is seen (1: as stored). */
    static BufferedImage orient(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        // Where a stored pixel (x, y) is seen: x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12.
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> null;
        };
        if (t == null) {
            return image;
        }
        boolean quarter = orientation >= 5;
        BufferedImage turned = new BufferedImage(quarter ? h : w, quarter ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return turned;
    }

    /** Writes {@code image} as {@code format} with no metadata; {@code quality} 1–100 (ignored for PNG and GIF). */
    static void encode(BufferedImage image, ImageFormat format, int quality, OutputStream target,
                       ImageWork.Deadline deadline) throws IOException, ImageWork.TooSlow {
        ImageWriter writer = writer(format);
        try (ImageOutputStream output = ImageIO.createImageOutputStream(target)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            BufferedImage written = image;
            switch (format) {
                case JPEG -> {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(quality / 100f);
                    written = opaque(image);
                }
                case WEBP -> {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionType(param.getCompressionTypes()[WebPWriteParam.LOSSY_COMPRESSION]);
                    param.setCompressionQuality(quality / 100f);
                }
                default -> param = null;
            }
            IIOImage frame = new IIOImage(written, null, null);
            ImageWriteParam chosen = param;
            deadline.watch(writer::abort, () -> {
                writer.write(null, frame, chosen);
                return null;
            });
            deadline.check();
        } finally {
            writer.dispose();
        }
    }

    /** JPEG has no transparency: transparent pixels become white, as on a page. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha() && image.getType() != BufferedImage.TYPE_CUSTOM
                && image.getType() != BufferedImage.TYPE_BYTE_INDEXED) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** The EXIF orientation (1–8) of a JPEG; 1 when it carries none. */
    private static int orientation(Path file) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(input, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return 1;
            }
            try (InputStream data = exif.get(0).data()) {
                // "Exif" and its terminator are the identifier; one pad byte follows before the TIFF header.
                data.read();
                Directory directory = new TIFFReader().read(ImageIO.createImageInputStream(data));
                Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
                int value = entry == null ? 1 : ((Number) entry.getValue()).intValue();
                return value >= 1 && value <= 8 ? value : 1;
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable EXIF: the pixels are shown as stored.
            return 1;
        }
    }

    /** TwelveMonkeys for JPEG and WebP where both it and another plugin read the format. */
    private static ImageReader reader(ImageFormat format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mimeType());
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (chosen == null || reader.getClass().getName().startsWith("com.twelvemonkeys")) {
                chosen = reader;
            }
        }
        if (chosen == null) {
            throw new IOException("no reader for " + format);
        }
        return chosen;
    }

    private static ImageWriter writer(ImageFormat format) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(format.mimeType());
        if (!writers.hasNext()) {
            throw new IOException("no writer for " + format);
        }
        return writers.next();
    }
}
