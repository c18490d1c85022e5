package com.caddyshop.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.PackagedJar;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `make run` does after migrating: the packaged jar's {@code demo-data} loads the demo catalogue,
 * searchable by name, and the admin (its address verified), and a second run adds nothing.
 */
@ExtendWith(RealServers.class)
class DemoDataCommandIT {
    @TempDir
    Path logs;

    private String demoData(TestDatabase db) throws Exception {
        return new PackagedJar(db, logs).succeed("demo-data", "config/production.yml",
                "--admin-email", "admin@demo.test", "--admin-password", "a-demo-admin-password");
    }

    @Test
    void loadsASearchableCatalogueOnce() throws Exception {
        TestDatabase db = RealServers.newDatabase("demo_data");
        Migrations.apply(db);

        assertThat(demoData(db)).contains("demo data ready: 50 new product(s)");
        assertThat(demoData(db)).contains("demo data ready: 0 new product(s)");

        Jdbi jdbi = Jdbi.create(Migrations.dataSource(db));
        jdbi.useHandle(handle -> {
            assertThat(handle.createQuery("SELECT COUNT(*) FROM products").mapTo(Long.class).one()).isEqualTo(50);
            assertThat(handle.createQuery("SELECT COUNT(DISTINCT product_id) FROM product_name_grams")
                    .mapTo(Long.class).one()).as("every demo product is found by name").isEqualTo(50);
            assertThat(handle.createQuery("SELECT role FROM users WHERE email = 'admin@demo.test'")
                    .mapTo(String.class).one()).isEqualTo("ADMIN");
            assertThat(handle.createQuery("SELECT email_verified_at IS NOT NULL FROM users WHERE email = 'admin@demo.test'")
                    .mapTo(Boolean.class).one()).as("the demo admin can check out").isTrue();
        });
    }
}
