package vn.cms.media;

import java.util.Arrays;
import java.util.Optional;

/** The image formats the library accepts, told apart by their first bytes (never by name or claimed type). */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg", "jpeg"),
    PNG("image/png", "png", "png"),
    WEBP("image/webp", "webp", "webp"),
    GIF("image/gif", "gif", "gif");

    /** Bytes {@link #detect} needs to see. */
    static final int SIGNATURE_LENGTH = 12;

    private final String mimeType;
    private final String extension;
    private final String parameter;

    ImageFormat(String mimeType, String extension, String parameter) {
        this.mimeType = mimeType;
        this.extension = extension;
        this.parameter = parameter;
    }

    public String mimeType() {
        return mimeType;
    }

    String extension() {
        return extension;
    }

    /** The name in {@code fm=} and in variant file names. */
    String parameter() {
        return parameter;
    }

    static ImageFormat ofMimeType(String mimeType) {
        return Arrays.stream(values()).filter(f -> f.mimeType.equals(mimeType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(mimeType));
    }

    /** The format the file's signature names; empty for anything else (SVG, PDF, text…). */
    static Optional<ImageFormat> detect(byte[] head, int length) {
        if (startsWith(head, length, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, length, 0, 'G', 'I', 'F', '8') && length >= 6
                && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
            return Optional.of(GIF);
        }
        if (startsWith(head, length, 0, 'R', 'I', 'F', 'F') && startsWith(head, length, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int length, int offset, int... signature) {
        if (length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
