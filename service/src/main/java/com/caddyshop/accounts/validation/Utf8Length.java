package com.caddyshop.accounts.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * Length in UTF-8 bytes, not characters: bcrypt reads at most 72 bytes, and 72 characters of
 * non-ASCII text are far more. {@code null} is valid (combine with {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = Utf8Length.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface Utf8Length {
    String message() default "must be between {min} and {max} bytes in UTF-8";

    int min() default 0;

    int max() default Integer.MAX_VALUE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the encoded length. */
    final class Validator implements ConstraintValidator<Utf8Length, String> {
        private int min;
        private int max;

        @Override
        public void initialize(Utf8Length constraint) {
            this.min = constraint.min();
            this.max = constraint.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            return bytes >= min && bytes <= max;
        }
    }
}
