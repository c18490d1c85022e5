package com.caddyshop.platform.db;

import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Dropwizard's factory (metrics, managed pool, SQL logger) without its Guava plugin: we run a newer
 * Jdbi than Dropwizard 5.0.1 ships, for which no jdbi3-guava is published here, and no DAO maps Guava
 * types. Transactions are demarcated by statements, not by switching autocommit
 * ({@link StatementTransactionHandler}); statements are named in a comment by a template engine whose
 * parsing Jdbi caches ({@link StatementNameComments}).
 */
public final class ShopJdbiFactory extends JdbiFactory {

    @Override
    protected void configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.setTransactionHandler(new StatementTransactionHandler());
        // In place of the NamePrependingTemplateEngine the factory just set (same comments, parsed once).
        jdbi.setTemplateEngine(new StatementNameComments(new DefinedAttributeTemplateEngine()));
    }
}
