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
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
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

    /**
     * What the header says, read without decoding any pixel: the size as stored, the EXIF
     * orientation, and how the decoder will lay out the pixels (bytes a pixel, and whether they
     * are turned without a copy: see {@link Orientation}).
     */
    record Header(int width, int height, int orientation, int bytesPerPixel, boolean turnsWithoutCopy) {

        /** EXIF orientations 5–8 turn the image a quarter. */
        boolean turnsQuarter() {
            return orientation >= 5 && orientation <= 8;
        }

        boolean upright() {
            return orientation == 1;
        }

        int orientedWidth() {
            return turnsQuarter() ? height : width;
        }

        int orientedHeight() {
            return turnsQuarter() ? width : height;
        }

        long pixels() {
            return (long) width * height;
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
                int orientation = switch (format) {
                    case JPEG -> jpegOrientation(file);
                    case WEBP -> webpOrientation(file);
                    default -> 1;
                };
                SampleModel layout = layout(reader);
                if (layout == null) {
                    // The layout is read past the header (a PNG's before its pixels): a file cut there
                    // will not decode, and is reckoned at 4 bytes a pixel until it fails to.
                    return new Header(width, height, orientation, 4, false);
                }
                int bytesPerPixel = layout.getNumDataElements() * DataBuffer.getDataTypeSize(layout.getDataType()) / 8;
                return new Header(width, height, orientation, Math.max(1, bytesPerPixel),
                        format == ImageFormat.JPEG && Orientation.turnsWithoutCopy(layout));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImage("its header cannot be read", e);
        }
    }

    /** What read() decodes into when no destination is given: the first image type; null when unreadable. */
    private static SampleModel layout(ImageReader reader) {
        try {
            return reader.getImageTypes(0).next().getSampleModel(1, 1);
        } catch (IOException | RuntimeException e) {
            return null;
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

    /** Every n-th pixel, {@code width} wide: a small copy of a large image without any other copy in between. */
    static BufferedImage sample(BufferedImage image, int width) {
        int height = Math.max(1, (int) Math.round((double) image.getHeight() * width / image.getWidth()));
        BufferedImage small = new BufferedImage(width, height,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return small;
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

    /**
     * JPEG has no transparency: transparent pixels become white, as on a page; what the JPEG
     * writer cannot read (a palette, samples other than 8 bits) is drawn into RGB the same way.
     */
    private static BufferedImage opaque(BufferedImage image) {
        java.awt.image.ColorModel colours = image.getColorModel();
        if (!colours.hasAlpha() && !(colours instanceof java.awt.image.IndexColorModel)
                && Arrays.stream(image.getSampleModel().getSampleSize()).allMatch(bits -> bits == 8)) {
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
    private static int jpegOrientation(Path file) {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(input, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return 1;
            }
            try (InputStream data = exif.get(0).data()) {
                // "Exif" and its terminator are the identifier; one pad byte follows before the TIFF header.
                data.read();
                return tiffOrientation(data);
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable EXIF: the pixels are shown as stored.
            return 1;
        }
    }

    /**
     * The EXIF orientation (1–8) of a WebP: its EXIF chunk (extended format, RIFF chunks of a
     * FourCC, a little-endian length and the data padded to an even length) holds a TIFF
     * structure, which some writers precede with "Exif\0\0"; 1 when it carries none.
     */
    private static int webpOrientation(Path file) {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            input.setByteOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
            input.seek(12);
            byte[] fourCc = new byte[4];
            while (true) {
                input.readFully(fourCc);
                long length = input.readUnsignedInt();
                if (new String(fourCc, java.nio.charset.StandardCharsets.US_ASCII).equals("EXIF")) {
                    byte[] exif = new byte[(int) Math.min(length, 1 << 20)];
                    input.readFully(exif);
                    int start = exif.length >= 6 && exif[0] == 'E' && exif[1] == 'x' && exif[2] == 'i' && exif[3] == 'f' ? 6 : 0;
                    return tiffOrientation(new java.io.ByteArrayInputStream(exif, start, exif.length - start));
                }
                input.seek(input.getStreamPosition() + length + (length & 1));
            }
        } catch (IOException | RuntimeException e) {
            // No EXIF chunk before the end, or an unreadable one: the pixels are shown as stored.
            return 1;
        }
    }

    private static int tiffOrientation(InputStream tiff) throws IOException {
        Directory directory = new TIFFReader().read(ImageIO.createImageInputStream(tiff));
        Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
        int value = entry == null ? 1 : ((Number) entry.getValue()).intValue();
        return value >= 1 && value <= 8 ? value : 1;
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
