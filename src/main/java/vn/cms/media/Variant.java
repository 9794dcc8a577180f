package vn.cms.media;

import java.util.Locale;

/**
 * An image made from an original: {@code w} wide (never wider than the original), and when
 * {@code h} is given cropped to w × h around the focal point, as {@code format} at {@code quality}.
 */
record Variant(int width, Integer height, ImageFormat format, int quality) {

    static final int DEFAULT_QUALITY = 80;

    /** The pixels to take from the original and the size to make of them. */
    record Plan(int x, int y, int regionWidth, int regionHeight, int width, int height) {
    }

    /**
     * The variant's name in the store; a crop's names the focal point {@code focus} (of the media
     * item; unused without a height), so that moving it makes a new file.
     */
    String name(FocalPoint focus) {
        StringBuilder name = new StringBuilder("w").append(width);
        if (height != null) {
            name.append("-h").append(height)
                    .append(String.format(Locale.ROOT, "-f%.4fx%.4f", focus.x(), focus.y()));
        }
        if (format != ImageFormat.PNG) {
            name.append("-q").append(quality);
        }
        return name.append('.').append(format.extension()).toString();
    }

    String key(long mediaId, FocalPoint focus) {
        return mediaId + "/" + name(focus);
    }

    /** A crop keeps the largest region of the target's shape around the focal point; nothing is enlarged. */
    Plan plan(MediaRow media) {
        int w = media.width();
        int h = media.height();
        if (height == null) {
            int outWidth = Math.min(width, w);
            return new Plan(0, 0, w, h, outWidth, Math.max(1, (int) Math.round((double) h * outWidth / w)));
        }
        double ratio = (double) width / height;
        int regionWidth;
        int regionHeight;
        if ((double) w / h > ratio) {
            regionHeight = h;
            regionWidth = Math.max(1, Math.min(w, (int) Math.round(h * ratio)));
        } else {
            regionWidth = w;
            regionHeight = Math.max(1, Math.min(h, (int) Math.round(w / ratio)));
        }
        FocalPoint focus = media.focalPointOrCentre();
        int x = clamp((int) Math.round(focus.x() * w - regionWidth / 2.0), 0, w - regionWidth);
        int y = clamp((int) Math.round(focus.y() * h - regionHeight / 2.0), 0, h - regionHeight);
        double scale = Math.min(1, (double) regionWidth / width);
        return new Plan(x, y, regionWidth, regionHeight, Math.max(1, (int) Math.round(width * scale)),
                Math.max(1, (int) Math.round(height * scale)));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
