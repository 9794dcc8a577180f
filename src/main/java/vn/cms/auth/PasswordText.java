package vn.cms.auth;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A password as accounts take it: {@code min} to 200 characters of any script (counted as Unicode
 * characters, not UTF-16 units or bytes). NUL never gets here: no JSON string with one is read
 * ({@code StorableJson}). {@code null} is left to {@code @NotNull}.
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = PasswordText.Validator.class)
public @interface PasswordText {

    int MAX = 200;

    int min() default 8;

    String message() default "must be {min} to 200 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PasswordText, String> {
        private int min;

        @Override
        public void initialize(PasswordText annotation) {
            min = annotation.min();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int characters = value.codePointCount(0, value.length());
            return characters >= min && characters <= MAX;
        }
    }
}
