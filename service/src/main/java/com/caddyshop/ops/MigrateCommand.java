package com.caddyshop.ops;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.platform.db.Migrator;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code java -jar caddy-backend.jar migrate CONFIG}: applies pending schema changes, then exits. */
public class MigrateCommand extends ConfiguredCommand<CaddyShopConfiguration> {
    public MigrateCommand() {
        super("migrate", "Applies pending database migrations (Liquibase) and exits");
    }

    @Override
    protected void run(Bootstrap<CaddyShopConfiguration> bootstrap, Namespace namespace,
                       CaddyShopConfiguration configuration) throws Exception {
        ManagedDataSource dataSource = configuration.getDatabase().build(bootstrap.getMetricRegistry(), "migrations");
        dataSource.start();
        try {
            int applied = new Migrator(dataSource).migrate();
            System.out.println("migrations applied: " + applied);
        } finally {
            dataSource.stop();
        }
    }
}
