import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A photo-sized test JPEG for bench/media-bench.sh (no PIL on the bench machine): colour gradients
 * with pixel noise, whose amplitude sets the file size, and optionally an EXIF orientation as a
 * phone held upright writes it (6: turn a quarter clockwise to see it).
 *   java bench/MakeJpeg.java WIDTH HEIGHT NOISE QUALITY ORIENTATION OUT
 */
public class MakeJpeg {
    public static void main(String[] args) throws IOException {
        int width = Integer.parseInt(args[0]);
        int height = Integer.parseInt(args[1]);
        int noise = Integer.parseInt(args[2]);
        float quality = Float.parseFloat(args[3]);
        int orientation = Integer.parseInt(args[4]);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        long seed = 0x9E3779B97F4A7C15L;
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] base = {x * 255 / width, y * 255 / height, ((x + y) / 7) % 256};
                for (int c = 0; c < 3; c++) {
                    seed ^= seed << 13; seed ^= seed >>> 7; seed ^= seed << 17;
                    int jitter = noise == 0 ? 0 : (int) Math.floorMod(seed, 2 * noise + 1) - noise;
                    pixels[i++] = (byte) Math.max(0, Math.min(255, base[c] + jitter));
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        byte[] jpeg = bytes.toByteArray();
        if (orientation != 1) {
            jpeg = withOrientation(jpeg, orientation);
        }
        Files.write(Path.of(args[5]), jpeg);
    }

    /** Inserts an APP1 Exif segment holding only the orientation tag after SOI and the JFIF APP0 segment. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] exif = {
            (byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'I', 'I', 42, 0, 8, 0, 0, 0, // little-endian TIFF header, first IFD at 8
            1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, // one entry: Orientation, SHORT
            0, 0, 0, 0}; // no next IFD
        int app0End = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        byte[] out = new byte[jpeg.length + exif.length];
        System.arraycopy(jpeg, 0, out, 0, app0End);
        System.arraycopy(exif, 0, out, app0End, exif.length);
        System.arraycopy(jpeg, app0End, out, app0End + exif.length, jpeg.length - app0End);
        return out;
    }
}
