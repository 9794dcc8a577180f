package vn.cms.feed;

/** Text for XML 1.0 documents, which cannot hold most control characters even escaped. */
final class XmlText {

    private XmlText() {
    }

    /** {@code text} without the characters XML 1.0 forbids; {@code null} stays {@code null}. */
    static String clean(String text) {
        if (text == null || text.codePoints().allMatch(XmlText::allowed)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(XmlText::allowed).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
