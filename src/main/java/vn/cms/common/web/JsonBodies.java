package vn.cms.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import java.io.IOException;

/**
 * Request bodies read by hand (merge patches, optional bodies) from their bytes, so that their
 * encoding never depends on a charset parameter, with the same 400s as bodies Jackson binds.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** The body as a JSON tree; an empty body is a missing node. */
    public static JsonNode tree(byte[] body) {
        try {
            return mapper().readTree(body == null ? new byte[0] : body);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        } catch (IOException e) {
            throw ApiException.invalid("body", "could not be read");
        }
    }

    /** The body as {@code type}; null when the body is empty. */
    public static <T> T optional(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return mapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        } catch (IOException e) {
            throw ApiException.invalid("body", "could not be read");
        }
    }

    private static ObjectMapper mapper() {
        return Arc.container().instance(ObjectMapper.class).get();
    }
}
