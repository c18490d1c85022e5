package com.caddyshop.platform;

import com.caddyshop.platform.config.DatabaseLimitSettings;
import com.caddyshop.platform.config.HealthSettings;
import com.caddyshop.platform.redis.RedisSettings;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.db.DataSourceFactory;

/**
 * The sections of the configuration {@link Platform#start} builds from, and nothing else: the root
 * configuration hands them over, so platform never reads (or depends on) the whole of it.
 *
 * @param server only to turn off Dropwizard's default exception mappers, which answer in shapes of their own
 */
public record PlatformSettings(ServerFactory server, DataSourceFactory database, DatabaseLimitSettings databaseLimits,
                               RedisSettings redis, HealthSettings healthProbes) {
}
