package com.caddyshop.platform.config;

import java.util.List;

/**
 * One room's rule for a configuration the server refuses to start with, beyond what the YAML's own
 * constraints express. Each room contributes the rules for its own settings; the root configuration
 * lists them ({@link ServableConfiguration}), so platform reads no one else's settings.
 */
@FunctionalInterface
public interface StartupCheck {
    /**
     * The problems found, each naming the variable to fix and never its value; empty when there are none.
     * Production holds secrets and passwords to stronger rules than development and tests.
     */
    List<String> problems(boolean production);

    /** Refuses, in every environment, a value whose parser throws: the parser's message says what is wrong. */
    static StartupCheck parses(Runnable parse) {
        return production -> {
            try {
                parse.run();
                return List.of();
            } catch (IllegalArgumentException e) {
                return List.of(e.getMessage());
            }
        };
    }

    /** Production refuses a password that is unset or a published placeholder ({@link Secrets}). */
    static StartupCheck realPassword(String variable, String password) {
        return production -> production && Secrets.isMissingOrDefault(password)
                ? List.of(variable + " is missing or a default value")
                : List.of();
    }
}
