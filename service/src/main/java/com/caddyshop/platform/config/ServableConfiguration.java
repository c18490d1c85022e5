package com.caddyshop.platform.config;

import java.util.List;

/**
 * A configuration that lists the rules it must pass before the server starts ({@link Servable}): the root
 * configuration collects them from the rooms that own the settings.
 */
public interface ServableConfiguration {
    boolean isProduction();

    /** Every room's checks; a missing section is a violation of its own ({@code @NotNull}), not listed here. */
    List<StartupCheck> startupChecks();
}
