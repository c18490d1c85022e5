package com.caddyshop.ops;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.platform.db.MigrationParameters;
import com.caddyshop.platform.db.Migrator;
import io.dropwizard.migrations.DbCommand;
import java.sql.Connection;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code java -jar caddy-backend.jar db status|migrate --dry-run|locks ... CONFIG}: Dropwizard's
 * migration commands on our changelog, with the credentials of the {@code database} section (the
 * app role runs them with the migration user, as it runs {@code migrate}).
 *
 * <p>Registered as a command rather than through {@code MigrationsBundle}: the bundle's
 * {@code initialize} is final and opens the changelog without parameters, while ours needs
 * {@code ${idGenerator}} chosen by detecting TiDB. {@link DbCommand} hands every subcommand the
 * Liquibase it opened, so the parameters are set here, once, before any subcommand reads the changelog.
 */
public final class DbCommands extends DbCommand<CaddyShopConfiguration> {
    public DbCommands() {
        super("db", CaddyShopConfiguration::getDatabase, CaddyShopConfiguration.class, Migrator.CHANGELOG);
    }

    @Override
    public void run(Namespace namespace, Liquibase liquibase) throws Exception {
        Connection connection = ((JdbcConnection) liquibase.getDatabase().getConnection()).getUnderlyingConnection();
        MigrationParameters.fill(connection, liquibase.getChangeLogParameters());
        super.run(namespace, liquibase);
    }
}
