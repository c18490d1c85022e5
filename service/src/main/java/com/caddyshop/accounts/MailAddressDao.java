package com.caddyshop.accounts;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Where an account's mail goes. Its own interface, not a method of {@link UserDao}: every mail that
 * follows an order reads it inside the order's transaction, and attaching a SQL object costs Jdbi one
 * handler per method of the interface (15 for UserDao), paid again on every attach.
 */
public interface MailAddressDao {
    /** The address and language of the account's mail. */
    @SqlQuery("SELECT email, language FROM users WHERE id = :id")
    @RegisterConstructorMapper(MailAddress.class)
    Optional<MailAddress> findMailAddress(@Bind("id") long id);

    record MailAddress(String email, String language) {
    }
}
