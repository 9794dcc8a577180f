package vn.cms.common.web;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import vn.cms.common.text.Nfc;
import vn.cms.common.web.Problem.FieldError;

/**
 * A query string read whole: unknown and repeated parameters, and every invalid value, are
 * collected and answered in one 400 that names each of them.
 */
public final class QueryParameters {

    private final MultivaluedMap<String, String> parameters;
    private final List<FieldError> errors = new ArrayList<>();

    public QueryParameters(MultivaluedMap<String, String> parameters, Set<String> known) {
        this.parameters = parameters;
        parameters.forEach((name, values) -> {
            if (!known.contains(name)) {
                error(name, known.isEmpty() ? "is not a parameter of this endpoint, which takes none"
                        : "is not a parameter of this endpoint; known: " + String.join(", ", known.stream().sorted().toList()));
            } else if (values.size() > 1) {
                error(name, "must be given at most once");
            }
        });
    }

    /** The trimmed NFC value, or null when absent; present but blank is an error. */
    public String text(String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = Nfc.of(values.get(0).strip());
        if (value.isEmpty()) {
            error(name, "must not be empty");
            return null;
        }
        return value;
    }

    /** The value as {@code parser} reads it, or null when absent; {@code message} when it cannot. */
    public <T> T value(String name, Function<String, T> parser, String message) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            error(name, message);
            return null;
        }
    }

    /** A whole number within [min, max], or null when absent. */
    public Integer integer(String name, int min, int max) {
        String message = "must be a whole number from " + min + " to " + max;
        Integer value = value(name, Integer::valueOf, message);
        if (value != null && (value < min || value > max)) {
            error(name, message);
            return null;
        }
        return value;
    }

    /** Records a problem with {@code name}; the first one per parameter is kept. */
    public void error(String name, String message) {
        if (errors.stream().noneMatch(e -> e.field().equals(name))) {
            errors.add(new FieldError(name, message));
        }
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
