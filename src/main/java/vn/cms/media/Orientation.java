package vn.cms.media;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * Shows an image as its EXIF orientation says it is seen. Turning a decoded photo into a second
 * image would hold it twice (280 MB for 40 megapixels); for the JPEG writer, which reads its
 * source a row at a time, a decoded JPEG is instead shown turned through a view of its own
 * pixels ({@link TurnedLayout}), which adds {@link #BLOCK_ROWS} rows of the turned image. Any
 * other image is drawn turned into a new one of 4 bytes a pixel.
 */
final class Orientation {

    /** Rows of the turned image made at a time from the stored one, reading stored rows in order. */
    static final int BLOCK_ROWS = 64;

    private Orientation() {
    }

    /** Whether a JPEG decoded into this layout is shown turned to its writer without a copy. */
    static boolean turnsWithoutCopy(SampleModel model) {
        return model instanceof PixelInterleavedSampleModel interleaved && model.getDataType() == DataBuffer.TYPE_BYTE
                && Arrays.stream(interleaved.getBankIndices()).allMatch(bank -> bank == 0);
    }

    /** {@code image} as orientation {@code orientation} (1–8) shows it, to be read only by the JPEG writer. */
    static BufferedImage forJpegWriter(BufferedImage image, int orientation) {
        WritableRaster raster = image.getRaster();
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        if (!turnsWithoutCopy(raster.getSampleModel()) || raster.getSampleModelTranslateX() != 0
                || raster.getSampleModelTranslateY() != 0 || raster.getDataBuffer().getNumBanks() != 1) {
            return turned(image, orientation);
        }
        TurnedLayout layout = new TurnedLayout((PixelInterleavedSampleModel) raster.getSampleModel(),
                image.getWidth(), image.getHeight(), orientation);
        return new BufferedImage(image.getColorModel(), Raster.createWritableRaster(layout, raster.getDataBuffer(), null),
                image.isAlphaPremultiplied(), null);
    }

    /** A new image, {@code image} turned as orientation {@code orientation} (1–8) shows it. */
    static BufferedImage turned(BufferedImage image, int orientation) {
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

    /**
     * The stored pixels of a byte-interleaved image read as seen: pixel (x, y) of the turned
     * image is the stored pixel that the orientation moves there. Read only; a quarter turn is
     * served from a block of {@link #BLOCK_ROWS} turned rows, filled reading the stored rows in
     * order (a turned row is a stored column, which read directly would miss the cache at every
     * pixel).
     */
    static final class TurnedLayout extends ComponentSampleModel {

        private final int storedWidth;
        private final int storedHeight;
        private final int storedStride;
        private final int storedPixelStride;
        private final int[] offsets;
        private final int orientation;
        /** Shared with the views of band subsets that the writer makes of each row. */
        private final Block block;

        TurnedLayout(PixelInterleavedSampleModel stored, int storedWidth, int storedHeight, int orientation) {
            this(stored.getScanlineStride(), stored.getPixelStride(), stored.getBandOffsets(), storedWidth, storedHeight,
                    orientation, new Block());
        }

        private TurnedLayout(int storedStride, int storedPixelStride, int[] offsets, int storedWidth, int storedHeight,
                             int orientation, Block block) {
            super(DataBuffer.TYPE_BYTE, orientation >= 5 ? storedHeight : storedWidth,
                    orientation >= 5 ? storedWidth : storedHeight, offsets.length,
                    offsets.length * (orientation >= 5 ? storedHeight : storedWidth), identity(offsets.length));
            this.storedWidth = storedWidth;
            this.storedHeight = storedHeight;
            this.storedStride = storedStride;
            this.storedPixelStride = storedPixelStride;
            this.offsets = offsets.clone();
            this.orientation = orientation;
            this.block = block;
        }

        /** Turned rows from {@code start}, each pixel as its stored bytes. */
        private static final class Block {
            byte[] pixels;
            int start = -1;
        }

        private static int[] identity(int bands) {
            int[] offsets = new int[bands];
            Arrays.setAll(offsets, i -> i);
            return offsets;
        }

        private boolean quarter() {
            return orientation >= 5;
        }

        /** The stored column of seen pixel (x, y). */
        private int storedX(int x, int y) {
            return switch (orientation) {
                case 2, 3 -> storedWidth - 1 - x;
                case 4 -> x;
                case 5, 6 -> y;
                default -> storedWidth - 1 - y;
            };
        }

        /** The stored row of seen pixel (x, y). */
        private int storedY(int x, int y) {
            return switch (orientation) {
                case 2 -> y;
                case 3, 4 -> storedHeight - 1 - y;
                case 5, 8 -> x;
                default -> storedHeight - 1 - x;
            };
        }

        private int storedOffset(int x, int y, int band) {
            return storedY(x, y) * storedStride + storedX(x, y) * storedPixelStride + offsets[band];
        }

        private byte[] bytes(DataBuffer data) {
            return ((DataBufferByte) data).getData();
        }

        /** Band {@code band} of seen pixel (x, y). */
        private int sample(int x, int y, int band, byte[] stored) {
            if (!quarter()) {
                return stored[storedOffset(x, y, band)] & 0xFF;
            }
            if (block.pixels == null || y < block.start || y >= block.start + BLOCK_ROWS) {
                fillBlock(y - y % BLOCK_ROWS, stored);
            }
            return block.pixels[((y - block.start) * width + x) * storedPixelStride + offsets[band]] & 0xFF;
        }

        private void fillBlock(int start, byte[] stored) {
            int rows = Math.min(BLOCK_ROWS, height - start);
            if (block.pixels == null) {
                block.pixels = new byte[BLOCK_ROWS * width * storedPixelStride];
            }
            for (int x = 0; x < width; x++) {
                int row = storedY(x, start) * storedStride;
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(stored, row + storedX(x, start + r) * storedPixelStride, block.pixels,
                            (r * width + x) * storedPixelStride, storedPixelStride);
                }
            }
            block.start = start;
        }

        @Override
        public int getSample(int x, int y, int b, DataBuffer data) {
            return sample(x, y, b, bytes(data));
        }

        @Override
        public float getSampleFloat(int x, int y, int b, DataBuffer data) {
            return getSample(x, y, b, data);
        }

        @Override
        public double getSampleDouble(int x, int y, int b, DataBuffer data) {
            return getSample(x, y, b, data);
        }

        @Override
        public int[] getPixel(int x, int y, int[] iArray, DataBuffer data) {
            return getPixels(x, y, 1, 1, iArray, data);
        }

        @Override
        public int[] getPixels(int x, int y, int w, int h, int[] iArray, DataBuffer data) {
            int[] pixels = iArray != null ? iArray : new int[w * h * numBands];
            byte[] stored = bytes(data);
            int i = 0;
            for (int row = y; row < y + h; row++) {
                for (int column = x; column < x + w; column++) {
                    for (int band = 0; band < numBands; band++) {
                        pixels[i++] = sample(column, row, band, stored);
                    }
                }
            }
            return pixels;
        }

        @Override
        public int[] getSamples(int x, int y, int w, int h, int b, int[] iArray, DataBuffer data) {
            int[] samples = iArray != null ? iArray : new int[w * h];
            byte[] stored = bytes(data);
            int i = 0;
            for (int row = y; row < y + h; row++) {
                for (int column = x; column < x + w; column++) {
                    samples[i++] = sample(column, row, b, stored);
                }
            }
            return samples;
        }

        @Override
        public Object getDataElements(int x, int y, Object obj, DataBuffer data) {
            byte[] pixel = obj != null ? (byte[]) obj : new byte[numBands];
            byte[] stored = bytes(data);
            for (int band = 0; band < numBands; band++) {
                pixel[band] = (byte) sample(x, y, band, stored);
            }
            return pixel;
        }

        @Override
        public SampleModel createSubsetSampleModel(int[] bands) {
            int[] subset = Arrays.stream(bands).map(band -> offsets[band]).toArray();
            return new TurnedLayout(storedStride, storedPixelStride, subset, storedWidth, storedHeight, orientation, block);
        }

        @Override
        public SampleModel createCompatibleSampleModel(int w, int h) {
            return new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, w, h, numBands, w * numBands, identity(numBands));
        }

        @Override
        public void setDataElements(int x, int y, Object obj, DataBuffer data) {
            throw readOnly();
        }

        @Override
        public void setPixel(int x, int y, int[] iArray, DataBuffer data) {
            throw readOnly();
        }

        @Override
        public void setPixels(int x, int y, int w, int h, int[] iArray, DataBuffer data) {
            throw readOnly();
        }

        @Override
        public void setSample(int x, int y, int b, int s, DataBuffer data) {
            throw readOnly();
        }

        @Override
        public void setSample(int x, int y, int b, float s, DataBuffer data) {
            throw readOnly();
        }

        @Override
        public void setSample(int x, int y, int b, double s, DataBuffer data) {
            throw readOnly();
        }

        @Override
        public void setSamples(int x, int y, int w, int h, int b, int[] iArray, DataBuffer data) {
            throw readOnly();
        }

        private static UnsupportedOperationException readOnly() {
            return new UnsupportedOperationException("A turned view is read only");
        }
    }
}
