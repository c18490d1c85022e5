package com.caddyshop.ops;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.PasswordHasher;
import com.caddyshop.catalog.ProductSearchIndex;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * {@code demo-data CONFIG --admin-email E --admin-password P}: categories, about 50 products and one
 * admin, for {@code make run}. Safe to repeat: existing rows are kept, the admin's password is reset
 * to the one given so the credentials printed by {@code make run} always work. Refused in production.
 */
public class DemoDataCommand extends ConfiguredCommand<CaddyShopConfiguration> {
    private static final List<String[]> CATEGORIES = List.of(
            new String[] {"clubs", "Golf clubs"},
            new String[] {"balls", "Golf balls"},
            new String[] {"bags", "Bags and carts"},
            new String[] {"apparel", "Apparel"},
            new String[] {"shoes", "Shoes"},
            new String[] {"accessories", "Accessories"});
    private static final String[] ADJECTIVES = {"Classic", "Tour", "Pro", "Lite", "Premium", "Junior", "Links", "Eagle", "Birdie"};

    public DemoDataCommand() {
        super("demo-data", "Loads demo categories, products and an admin account (not for production)");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--admin-email").dest("adminEmail").setDefault("admin@caddyshop.local");
        subparser.addArgument("--admin-password").dest("adminPassword").required(true);
    }

    @Override
    protected void run(Bootstrap<CaddyShopConfiguration> bootstrap, Namespace namespace,
                       CaddyShopConfiguration configuration) throws Exception {
        if (configuration.isProduction()) {
            throw new IllegalStateException("demo-data refuses to run with APP_ENV=production");
        }
        ManagedDataSource dataSource = configuration.getDatabase().build(bootstrap.getMetricRegistry(), "demo-data");
        dataSource.start();
        try {
            // SQL objects: the catalogue's search index is written through its DAO's statement.
            Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
            String hash = new PasswordHasher(10).hash(namespace.getString("adminPassword"));
            int products = jdbi.inTransaction(handle -> {
                for (int i = 0; i < CATEGORIES.size(); i++) {
                    handle.createUpdate("INSERT IGNORE INTO categories (slug, name, sort_order) VALUES (:slug, :name, :sort)")
                            .bind("slug", CATEGORIES.get(i)[0]).bind("name", CATEGORIES.get(i)[1]).bind("sort", i)
                            .execute();
                }
                int inserted = 0;
                for (int n = 1; n <= 50; n++) {
                    String[] category = CATEGORIES.get(n % CATEGORIES.size());
                    String name = ADJECTIVES[n % ADJECTIVES.length] + " " + category[1].split(" ")[0] + " " + n;
                    BigDecimal price = BigDecimal.valueOf(499 + (n * 1373L) % 40000, 2).setScale(2, RoundingMode.UNNECESSARY);
                    String sku = String.format("DEMO-%04d", n);
                    int added = handle.createUpdate("""
                            INSERT IGNORE INTO products (category_id, sku, name, description, price, stock)
                            SELECT id, :sku, :name, :description, :price, :stock FROM categories WHERE slug = :slug""")
                            .bind("sku", sku).bind("name", name)
                            .bind("description", "Demo product " + n + " in " + category[1].toLowerCase())
                            .bind("price", price).bind("stock", 5 + (n * 7) % 95).bind("slug", category[0])
                            .execute();
                    if (added == 1) {
                        long id = handle.createQuery("SELECT id FROM products WHERE sku = :sku").bind("sku", sku)
                                .mapTo(Long.class).one();
                        ProductSearchIndex.indexNewProduct(handle, id);
                        // Stock is the sum of the product's ledger, from its first unit on.
                        handle.createUpdate("""
                                INSERT INTO inventory_ledger (product_id, delta, kind, reason)
                                SELECT id, stock, 'OPENING', 'demo data' FROM products WHERE sku = :sku""")
                                .bind("sku", sku).execute();
                    }
                    inserted += added;
                }
                // Verified: the operator chose the address, and checkout needs a verified one.
                handle.createUpdate("""
                        INSERT INTO users (email, password_hash, role, email_verified_at)
                        VALUES (:email, :hash, 'ADMIN', CURRENT_TIMESTAMP(3))
                        ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash), role = 'ADMIN',
                          email_verified_at = COALESCE(email_verified_at, CURRENT_TIMESTAMP(3))""")
                        .bind("email", namespace.getString("adminEmail")).bind("hash", hash).execute();
                return inserted;
            });
            System.out.println("demo data ready: " + products + " new product(s), admin " + namespace.getString("adminEmail"));
        } finally {
            dataSource.stop();
        }
    }
}
