package com.caddyshop.testing;

import com.caddyshop.platform.db.Migrator;
import com.mysql.cj.jdbc.MysqlDataSource;

/** Applies the service's real changelog to a test database. */
public final class Migrations {
    private Migrations() {
    }

    public static int apply(TestDatabase database) {
        try {
            return new Migrator(dataSource(database)).migrate();
        } catch (Exception e) {
            throw new IllegalStateException("migrations failed on " + database.name(), e);
        }
    }

    public static MysqlDataSource dataSource(TestDatabase database) {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        return dataSource;
    }
}
