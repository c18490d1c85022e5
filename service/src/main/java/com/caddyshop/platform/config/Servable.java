package com.caddyshop.platform.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A configuration the server would start with. Checked as configuration validation, so
 * {@code java -jar caddy-backend.jar check} refuses exactly what {@code server} refuses, before any port opens.
 */
@Documented
@Constraint(validatedBy = ServableValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Servable {
    String message() default "is not a configuration the server starts with";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
