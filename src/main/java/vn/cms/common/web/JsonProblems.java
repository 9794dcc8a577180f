package vn.cms.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns what Jackson could not read into a 400 that names the field, in the client's words. */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static ApiException of(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ApiException.invalid(path(unknown), "is not a field of this request");
        }
        if (e instanceof InvalidFormatException invalid) {
            return ApiException.invalid(path(invalid), "has an invalid value '" + invalid.getValue() + "'");
        }
        if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return ApiException.invalid(path(mismatched), "has the wrong type");
        }
        return ApiException.invalid("body", "is not valid JSON: " + e.getOriginalMessage());
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
