package com.caddyshop.platform.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;

/** Reports each of {@link StartupChecks}'s problems as a violation of its own. */
public final class ServableValidator implements ConstraintValidator<Servable, ServableConfiguration> {
    @Override
    public boolean isValid(ServableConfiguration config, ConstraintValidatorContext context) {
        if (config == null) {
            return true;
        }
        List<String> problems = StartupChecks.problems(config);
        if (problems.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        for (String problem : problems) {
            context.buildConstraintViolationWithTemplate(literal(problem)).addConstraintViolation();
        }
        return false;
    }

    // A violation's text is a message template: braces, dollars and backslashes would be interpolated.
    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
