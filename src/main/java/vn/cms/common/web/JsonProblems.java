package vn.cms.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.regex.Pattern;

/**
 * Turns what Jackson could not read into a 400 that names the field, in the client's words:
 * never a Java type or class name.
 */
public final class JsonProblems {

    /** Jackson names the Java type it wanted between backticks. */
    private static final Pattern JAVA_TYPE = Pattern.compile("`[\\w.$\\[\\]<>, ]+`");
    private static final int MAX_ECHOED_VALUE = 100;

    private JsonProblems() {
    }

    public static ApiException of(JsonProcessingException e) {
        if (e instanceof StorableJson.Refused refused) {
            return ApiException.invalid(path(refused), refused.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ApiException.invalid(path(unknown), "is not a field of this request");
        }
        if (e instanceof InvalidFormatException invalid) {
            return ApiException.invalid(path(invalid), "has an invalid value '" + echo(invalid.getValue()) + "'");
        }
        if (e instanceof MismatchedInputException mismatched) {
            return mismatched.getPath().isEmpty()
                    ? ApiException.invalid("body", "must be a JSON object")
                    : ApiException.invalid(path(mismatched), "has the wrong type");
        }
        if (e instanceof JsonMappingException wrapped && wrapped.getCause() instanceof InputCoercionException) {
            return ApiException.invalid(path(wrapped), "is a number out of range");
        }
        return ApiException.invalid("body", "is not valid JSON: " + words(e.getOriginalMessage()));
    }

    /** Jackson's message without the Java types it names. */
    private static String words(String message) {
        return JAVA_TYPE.matcher(String.valueOf(message)).replaceAll("a value");
    }

    private static String echo(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_ECHOED_VALUE ? text : text.substring(0, MAX_ECHOED_VALUE) + "…";
    }

    private static String path(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
