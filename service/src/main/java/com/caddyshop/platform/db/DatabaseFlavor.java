package com.caddyshop.platform.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** TiDB in production, MariaDB in development and tests: the few places where SQL differs ask this. */
public enum DatabaseFlavor {
    TIDB,
    MARIADB_OR_MYSQL;

    public static DatabaseFlavor detect(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
            rs.next();
            return fromVersion(rs.getString(1));
        }
    }

    static DatabaseFlavor fromVersion(String version) {
        return version != null && version.contains("TiDB") ? TIDB : MARIADB_OR_MYSQL;
    }

    /**
     * Primary-key generator for tables written at a high rate. On TiDB a monotonic key makes one
     * TiKV region the hotspot for every insert; AUTO_RANDOM scatters them. The range is kept to
     * 54 bits so ids stay exact in JavaScript clients (2^53).
     */
    public String idGenerator() {
        return this == TIDB ? "AUTO_RANDOM(5, 54)" : "AUTO_INCREMENT";
    }
}
