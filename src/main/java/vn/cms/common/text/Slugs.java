package vn.cms.common.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * URL slugs from Vietnamese titles: tones and other marks removed, đ/Đ to d, lower case,
 * words joined by hyphens ("Đẩy mạnh tuyên truyền" → "day-manh-tuyen-truyen"). Letters of
 * other scripts that have no Latin base are dropped.
 */
public final class Slugs {

    public static final int MAX_LENGTH = 200;
    public static final String PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";

    private Slugs() {
    }

    /** The slug of {@code text}; empty when nothing in it has a Latin form. */
    public static String of(String text) {
        String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFKD);
        String slug = decomposed.replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH);
            int lastHyphen = slug.lastIndexOf('-');
            slug = lastHyphen > MAX_LENGTH / 2 ? slug.substring(0, lastHyphen) : slug.replaceAll("-+$", "");
        }
        return slug;
    }

    /**
     * The base of slugs generated from {@code text}: its slug, or {@code fallback} when nothing in
     * it has a Latin form, cut to leave room for a number (and never ending in a hyphen).
     */
    public static String base(String text, String fallback) {
        String base = of(text);
        if (base.isEmpty()) {
            base = fallback;
        }
        return base.substring(0, Math.min(base.length(), MAX_LENGTH - 8)).replaceAll("-+$", "");
    }

    /** The first of base, base-2, base-3… that is not taken. */
    public static String firstFree(String base, Predicate<String> taken) {
        String slug = base;
        for (int n = 2; taken.test(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }
}
