package vn.cms.media;

/**
 * The heap an image's work needs, reckoned from its header before any pixel is decoded, so that
 * {@link ImageWork} admits only what fits {@code cms.media.memory-budget}. The counts follow
 * what the code holds at once (README, "Sizing" of the media library, says the same):
 * <ul>
 * <li>a decoded image: its pixels × the bytes a pixel of the decoder's layout (3 for a colour
 * JPEG, 4 with transparency, 8 for a 16-bit PNG with transparency);</li>
 * <li>turning it by its EXIF orientation: a decoded JPEG is read turned by its writer (see
 * {@link Orientation}), adding {@link Orientation#BLOCK_ROWS} turned rows; any other is turned
 * into a copy of 4 bytes a pixel;</li>
 * <li>resizing (Thumbnailator, progressive bilinear): when the decoded region is at least twice
 * as wide as the result, a scratch image up to the region's size at 4 bytes a pixel; the result
 * at 4 bytes a pixel;</li>
 * <li>encoding: an upload's WebP original, and a WebP or JPEG variant, once more its pixels at
 * 4 bytes (libwebp takes them as one array; a JPEG is made opaque first when it must be); PNG,
 * GIF and an upload's JPEG are written row by row;</li>
 * <li>{@link #WORKING_BYTES} for rows, the placeholder and the codecs' own buffers.</li>
 * </ul>
 */
final class ImageMemory {

    static final long WORKING_BYTES = 1 << 20;
    private static final int ARGB = 4;

    private ImageMemory() {
    }

    /**
     * An upload: an upright JPEG is only decoded every {@code subsampling}-th pixel (its image
     * data is kept as it is); any other is decoded whole, turned and encoded again as its format.
     */
    static long upload(ImageCodec.Header header, ImageFormat format, int subsampling) {
        if (format == ImageFormat.JPEG && header.upright()) {
            return decoded(header, subsampling) + WORKING_BYTES;
        }
        long pixels = header.pixels();
        long turning = header.upright() ? 0 : header.turnsWithoutCopy()
                ? (long) Orientation.BLOCK_ROWS * Math.max(header.width(), header.height()) * header.bytesPerPixel()
                : pixels * ARGB;
        long encoding = format == ImageFormat.WEBP ? pixels * ARGB : 0;
        return decoded(header, 1) + turning + encoding + WORKING_BYTES;
    }

    /**
     * A variant: the original decoded every {@code subsampling}-th pixel, of which a region
     * {@code regionWidth} × {@code regionHeight} (in decoded pixels) is resized to
     * {@code width} × {@code height} and encoded as {@code format}.
     */
    static long variant(ImageCodec.Header header, int subsampling, int regionWidth, int regionHeight,
                        int width, int height, ImageFormat format) {
        long scratch = regionWidth >= 2L * width ? (long) regionWidth * regionHeight * ARGB : 0;
        long result = (long) width * height * ARGB;
        long encoding = format == ImageFormat.PNG ? 0 : result;
        return decoded(header, subsampling) + scratch + result + encoding + WORKING_BYTES;
    }

    private static long decoded(ImageCodec.Header header, int subsampling) {
        long columns = (header.width() + subsampling - 1) / subsampling;
        long rows = (header.height() + subsampling - 1) / subsampling;
        return columns * rows * header.bytesPerPixel();
    }
}
