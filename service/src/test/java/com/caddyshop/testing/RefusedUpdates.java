package com.caddyshop.testing;

import org.jdbi.v3.core.Jdbi;

/**
 * Makes a test database refuse some updates of a table, as a lost connection or a failed commit would at that
 * point of a transaction: for tests that a transaction failing late takes back everything it did before (its
 * mail included). A trigger does it, on the test's own database only; the schema has none.
 */
public final class RefusedUpdates {
    private RefusedUpdates() {
    }

    /** From now on an UPDATE of {@code table} fails (SQLSTATE 45000) for rows where {@code condition} holds. */
    public static void of(Jdbi db, String table, String condition) {
        db.useHandle(h -> h.execute("""
                CREATE TRIGGER refuse_%1$s_updates BEFORE UPDATE ON %1$s FOR EACH ROW
                BEGIN
                  IF %2$s THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test trigger';
                  END IF;
                END""".formatted(table, condition)));
    }
}
