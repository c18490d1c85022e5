package com.caddyshop.catalog;

import com.caddyshop.CaddyShopConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Rows written straight into the app's test database, for tests that need a known catalog. */
final class CatalogTestData {
    private final Jdbi jdbi;

    CatalogTestData(DropwizardAppExtension<CaddyShopConfiguration> app) {
        var db = app.getConfiguration().getDatabase();
        this.jdbi = Jdbi.create(db.getUrl(), db.getUser(), db.getPassword()).installPlugin(new SqlObjectPlugin());
    }

    Jdbi jdbi() {
        return jdbi;
    }

    long category(String slug, String name, int sortOrder) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO categories (slug, name, sort_order) VALUES (:slug, :name, :sort)")
                .bind("slug", slug).bind("name", name).bind("sort", sortOrder)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** A product as the service writes one, search index rows included. */
    long product(long categoryId, String sku, String name, String price, int stock, Instant createdAt) {
        LocalDateTime created = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC);
        return jdbi.withHandle(h -> {
            long id = h.createUpdate("""
                            INSERT INTO products (category_id, sku, name, description, price, stock, created_at, updated_at)
                            VALUES (:category, :sku, :name, :description, :price, :stock, :created, :created)""")
                    .bind("category", categoryId).bind("sku", sku).bind("name", name).bind("description", "about " + name)
                    .bind("price", new BigDecimal(price)).bind("stock", stock).bind("created", created)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.attach(ProductDao.class).indexName(id);
            return id;
        });
    }

    int stockOf(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT stock FROM products WHERE id = :id").bind("id", id)
                .mapTo(Integer.class).one());
    }
}
