package com.caddyshop.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import liquibase.changelog.ChangeLogParameters;

/**
 * The changelog's parameters for the database it is about to run on. One place, because two
 * entry points open the changelog ({@code migrate} through {@link Migrator}, the {@code db}
 * commands through Dropwizard's): both must render {@code ${idGenerator}} the same way, or a
 * dry run would print SQL the deploy never runs.
 */
public final class MigrationParameters {
    private MigrationParameters() {
    }

    /** Detects TiDB or MariaDB on the connection, sets the parameters for it, and says which it found. */
    public static DatabaseFlavor fill(Connection connection, ChangeLogParameters parameters) throws SQLException {
        DatabaseFlavor flavor = DatabaseFlavor.detect(connection);
        parameters.set("idGenerator", flavor.idGenerator());
        return flavor;
    }
}
