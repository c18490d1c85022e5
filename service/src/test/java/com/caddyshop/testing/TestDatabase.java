package com.caddyshop.testing;

/** One test class's own database on a real MariaDB. */
public record TestDatabase(String name, String host, int port, String user, String password) {
    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/" + name + "?sslMode=DISABLED&connectionTimeZone=UTC"
                + "&forceConnectionTimeZoneToSession=true&connectTimeout=2000";
    }
}
