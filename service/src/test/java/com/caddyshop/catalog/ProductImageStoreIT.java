package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The image store on a real MariaDB: limits, sniffing, chunking, and names nobody else chooses. */
@ExtendWith(RealServers.class)
class ProductImageStoreIT {
    static Jdbi jdbi;
    static RetryableTransactions transactions;

    @BeforeAll
    static void setUp() {
        TestDatabase db = RealServers.newDatabase("image_store");
        Migrations.apply(db);
        jdbi = Jdbi.create(Migrations.dataSource(db)).installPlugin(new SqlObjectPlugin());
        transactions = new RetryableTransactions(jdbi, new MetricRegistry());
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> {
            h.execute("DELETE FROM product_image_chunks");
            h.execute("DELETE FROM product_images");
        });
    }

    private static ImageStore store(long limit) {
        return new ImageStore(jdbi, transactions, limit);
    }

    private static byte[] png(int size) {
        byte[] data = Arrays.copyOf(CatalogImages.png(), size);
        // Different bytes in every chunk, so a chunk served out of order would show.
        for (int i = CatalogImages.png().length; i < size; i++) {
            data[i] = (byte) (i * 31);
        }
        return data;
    }

    private static long rows(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    private static byte[] read(ImageStore store, String name) throws Exception {
        StoredImage image = store.find(name).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.copy(image, out);
        return out.toByteArray();
    }

    @Test
    void storesUnderAFreshNameAndAcceptsExactlyTheLimit() throws Exception {
        ImageStore store = store(1000);
        byte[] content = png(1000);
        String name = store.store(new ByteArrayInputStream(content));
        assertThat(name).matches("[0-9a-f-]{36}\\.png");
        assertThat(store.find(name).orElseThrow()).isEqualTo(new StoredImage(name, "image/png", 1000, 1));
        assertThat(read(store, name)).isEqualTo(content);
        assertThat(store.store(new ByteArrayInputStream(png(1000)))).isNotEqualTo(name);
        assertThat(rows("product_images")).isEqualTo(2);
    }

    @Test
    void aLargeImageIsCutIntoChunksAndReadBackWhole() throws Exception {
        int size = 2 * ImageStore.CHUNK_BYTES + 12345;
        ImageStore store = store(10 * 1024 * 1024);
        byte[] content = png(size);
        String name = store.store(new ByteArrayInputStream(content));
        assertThat(store.find(name).orElseThrow().chunks()).isEqualTo(3);
        assertThat(rows("product_image_chunks")).isEqualTo(3);
        assertThat(read(store, name)).isEqualTo(content);
    }

    @Test
    void oneByteOverTheLimitIs413EvenForANonImageAndNothingIsStored() {
        ImageStore store = store(1000);
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(png(1001))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(new byte[5000])))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(rows("product_images") + rows("product_image_chunks")).isZero();
    }

    @Test
    void anythingButJpegPngOrWebpIs415() {
        ImageStore store = store(1000);
        for (byte[] content : new byte[][] {"hello".getBytes(StandardCharsets.UTF_8), new byte[0], "<svg/>".getBytes(StandardCharsets.UTF_8)}) {
            assertThatThrownBy(() -> store.store(new ByteArrayInputStream(content)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415));
        }
        assertThat(rows("product_images")).isZero();
    }

    @Test
    void onlyItsOwnNamesResolveAndDeleteTakesTheChunksToo() {
        ImageStore store = store(1000);
        String name = store.store(new ByteArrayInputStream(png(100)));
        for (String bad : new String[] {"../../etc/passwd.png", "/etc/passwd", "a.png", "..", name + "/../x",
            name.toUpperCase(), name.replace(".png", ".gif")}) {
            assertThat(store.find(bad)).as(bad).isEmpty();
            store.delete(bad);
        }
        assertThat(store.find(name)).isPresent();
        store.delete(name);
        assertThat(store.find(name)).isEmpty();
        assertThat(rows("product_images") + rows("product_image_chunks")).isZero();
    }
}
