package com.caddyshop.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the Liquibase changelog; a second run finds nothing to do. */
public final class Migrator {
    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final DataSource dataSource;
    private final String changelog;

    public Migrator(DataSource dataSource) {
        this(dataSource, CHANGELOG);
    }

    /** With another changelog on the class path: tests replay the history up to an earlier change set. */
    public Migrator(DataSource dataSource, String changelog) {
        this.dataSource = dataSource;
        this.changelog = changelog;
    }

    /** Applies pending change sets and returns how many rows the changelog table gained. */
    public int migrate() throws SQLException, LiquibaseException {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            int before = appliedChangeSets(connection);
            ChangeLogParameters parameters = new ChangeLogParameters(database);
            DatabaseFlavor flavor = MigrationParameters.fill(connection, parameters);
            runUpdate(database, parameters, changelog);
            int applied = appliedChangeSets(connection) - before;
            LOG.info("migrations finished on {}: {} change set(s) applied", flavor, applied);
            return applied;
        }
    }

    private static void runUpdate(Database database, ChangeLogParameters parameters, String changelog)
            throws LiquibaseException {
        try {
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrator.class.getClassLoader())), () ->
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                            .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters)
                            .execute());
        } catch (LiquibaseException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseException(e);
        }
    }

    private static int appliedChangeSets(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery(
                     "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                             + " AND table_name = 'DATABASECHANGELOG'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return 0;
            }
        }
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
