package com.caddyshop.platform.db;

import org.jdbi.v3.core.Jdbi;

/**
 * Builds SQL objects' metadata once, at start-up. Jdbi before 3.54 cached a SQL object's metadata in the
 * configuration it was built from, and a handle works on a copy of the Jdbi's configuration: a DAO
 * first attached inside a handle ({@code tx.attach}) is rebuilt and thrown away with every handle
 * (jdbi/jdbi#2991). JFR showed that rebuilding as a third of checkout's CPU.
 * Building them here, outside any handle, puts them in the Jdbi's own cache, which every later
 * handle copies. No connection is opened.
 */
public final class SqlObjects {
    private SqlObjects() {
    }

    public static void prepare(Jdbi jdbi, Class<?>... daos) {
        for (Class<?> dao : daos) {
            jdbi.useExtension(dao, ignored -> { });
        }
    }
}
