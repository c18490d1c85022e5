package com.caddyshop.platform.config;

import java.util.List;

/**
 * Everything the server refuses at start-up that the YAML's own constraints cannot express: values the
 * features would reject in any environment, and what production refuses to start with (weak or published
 * secrets, default passwords, mail that could not be sent). Checked as configuration validation
 * ({@link Servable}), so {@code check} and {@code server} agree.
 */
public final class StartupChecks {
    private StartupChecks() {
    }

    public static List<String> problems(ServableConfiguration config) {
        boolean production = config.isProduction();
        return config.startupChecks().stream().flatMap(check -> check.problems(production).stream()).toList();
    }
}
