package vn.cms.common.text;

import java.text.Normalizer;

/** Vietnamese text often arrives decomposed (NFD); the product stores and answers NFC. */
public final class Nfc {

    private Nfc() {
    }

    /** The NFC form of {@code text}; {@code null} stays {@code null}. */
    public static String of(String text) {
        if (text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            return text;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
