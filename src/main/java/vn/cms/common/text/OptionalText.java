package vn.cms.common.text;

/** Optional text as stored: trimmed, and null when blank (an empty summary is no summary). */
public final class OptionalText {

    private OptionalText() {
    }

    public static String of(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
