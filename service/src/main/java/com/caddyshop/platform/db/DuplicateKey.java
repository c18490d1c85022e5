package com.caddyshop.platform.db;

import java.sql.SQLException;

/** Recognises a unique-key violation, which MySQL, MariaDB and TiDB all report as error 1062. */
public final class DuplicateKey {
    private static final int ERROR_CODE = 1062;

    private DuplicateKey() {
    }

    public static boolean isCause(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ERROR_CODE) {
                return true;
            }
        }
        return false;
    }
}
