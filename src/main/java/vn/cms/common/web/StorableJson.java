package vn.cms.common.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.OffsetDateTime;
import vn.cms.common.text.Nfc;

/**
 * Every request body is read into values the database can keep: strings in NFC (nothing
 * decomposed is ever stored) and without NUL, which no text column holds; date-times within
 * the years 0001 to 9999. Anything else is a 400 naming the field.
 */
@Singleton
public class StorableJson implements ObjectMapperCustomizer {

    static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";
    static final String YEAR_MESSAGE = "must be a date-time with offset between the years 0001 and 9999";

    /** Last, so that these deserializers win over the framework's Java time module. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable")
                .addDeserializer(String.class, new StringDeserializer() {
                    @Override
                    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        String text = super.deserialize(parser, context);
                        if (text != null && text.indexOf('\0') >= 0) {
                            throw new Refused(parser, NUL_MESSAGE, text);
                        }
                        return Nfc.of(text);
                    }
                })
                .addDeserializer(OffsetDateTime.class, new StdScalarDeserializer<>(OffsetDateTime.class) {
                    @Override
                    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        OffsetDateTime value = InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
                        if (value != null && (value.getYear() < 1 || value.getYear() > 9999)) {
                            throw new Refused(parser, YEAR_MESSAGE, value);
                        }
                        return value;
                    }
                }));
    }

    /** A value Jackson read but the product refuses; {@link JsonProblems} answers its message. */
    static final class Refused extends InvalidFormatException {
        Refused(JsonParser parser, String message, Object value) {
            super(parser, message, value, value.getClass());
        }
    }
}
