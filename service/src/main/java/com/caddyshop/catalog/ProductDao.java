package com.caddyshop.catalog;

import java.math.BigDecimal;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Products in SQL. Every value is bound; the only text spliced in ({@code <filter>}, {@code <orderBy>})
 * comes from {@link ProductFilter} and {@link ProductSort}, which build it from constants.
 * {@code image_path} holds the stored file's name; the view exposes it as {@code /uploads/<name>}.
 */
public interface ProductDao {
    /** A {@link ProductView}'s columns, in the order {@link ProductViewMapper} reads them. */
    String COLUMNS = """
            p.id, c.slug AS category_slug, p.sku, p.name, p.description, p.price, p.stock,
                   CONCAT('/uploads/', p.image_path) AS image_url, p.created_at, p.updated_at""";
    String FROM = " FROM products p JOIN categories c ON c.id = p.category_id ";
    String VIEW = "SELECT " + COLUMNS + FROM;

    /** With the version an admin's edit must name in If-Match. */
    @SqlQuery("SELECT " + COLUMNS + ", p.version" + FROM + "WHERE p.id = :id AND p.active = 1")
    @RegisterConstructorMapper(VersionedProduct.class)
    Optional<VersionedProduct> findVersioned(@Bind("id") long id);

    @SqlQuery("SELECT version FROM products WHERE id = :id AND active = 1")
    Optional<Integer> activeVersion(@Bind("id") long id);

    @SqlQuery("SELECT stock FROM products WHERE id = :id AND active = 1")
    Optional<Integer> activeStock(@Bind("id") long id);

    /** Any product, active or not: a deactivated product keeps its ledger. */
    @SqlQuery("SELECT COUNT(*) FROM products WHERE id = :id")
    boolean exists(@Bind("id") long id);

    /**
     * Writes the search index rows of an active product's name (see NameSearch and migration 023,
     * whose backfill is this same statement for every product): each distinct trigram of the
     * lower-cased name and its last two characters (positions up to the length - 1: SUBSTRING cuts
     * the last one short), or the whole name when it is shorter. Called in the transaction that wrote
     * the name, after {@link #unindexName} for a product that had one.
     */
    @SqlUpdate("""
            INSERT INTO product_name_grams (gram, product_id)
            SELECT DISTINCT CAST(SUBSTRING(LOWER(p.name), n.i, 3) AS BINARY), p.id
            FROM products p
            JOIN (WITH RECURSIVE positions (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM positions WHERE i < 200)
                  SELECT i FROM positions) n ON n.i <= GREATEST(CHAR_LENGTH(p.name) - 1, 1)
            WHERE p.id = :id AND p.active = 1""")
    int indexName(@Bind("id") long id);

    @SqlUpdate("DELETE FROM product_name_grams WHERE product_id = :id")
    int unindexName(@Bind("id") long id);

    @SqlUpdate("""
            INSERT INTO products (category_id, sku, name, description, price, stock)
            VALUES (:categoryId, :sku, :name, :description, :price, :stock)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("categoryId") long categoryId, @Bind("sku") String sku, @Bind("name") String name,
                @Bind("description") String description, @Bind("price") BigDecimal price, @Bind("stock") int stock);

    /**
     * An admin's edit, only of the version the admin read (If-Match): 0 rows when the product is gone
     * or changed since. Stock is not among the fields; it moves only through the ledger.
     */
    @SqlUpdate("""
            UPDATE products
            SET category_id = :categoryId, sku = :sku, name = :name, description = :description,
                price = :price, version = version + 1, updated_at = CURRENT_TIMESTAMP(3)
            WHERE id = :id AND active = 1 AND version = :version""")
    int update(@Bind("id") long id, @Bind("version") int version, @Bind("categoryId") long categoryId,
               @Bind("sku") String sku, @Bind("name") String name, @Bind("description") String description,
               @Bind("price") BigDecimal price);

    /** Soft delete: order items keep pointing at the row, and the SKU stays taken. */
    @SqlUpdate("""
            UPDATE products SET active = 0, version = version + 1, updated_at = CURRENT_TIMESTAMP(3)
            WHERE id = :id AND active = 1""")
    int deactivate(@Bind("id") long id);

    /** The current image file name; empty string for none, empty Optional for no active product. */
    @SqlQuery("SELECT COALESCE(image_path, '') FROM products WHERE id = :id AND active = 1 FOR UPDATE")
    Optional<String> lockImage(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE products SET image_path = :imagePath, version = version + 1, updated_at = CURRENT_TIMESTAMP(3)
            WHERE id = :id AND active = 1""")
    int setImage(@Bind("id") long id, @Bind("imagePath") String imagePath);

    /** An admin's adjustment: 0 rows when the product is not active or the stock would leave 0..max. */
    @SqlUpdate("""
            UPDATE products SET stock = stock + :delta, updated_at = CURRENT_TIMESTAMP(3)
            WHERE id = :id AND active = 1 AND stock + :delta BETWEEN 0 AND :max""")
    int adjustStock(@Bind("id") long id, @Bind("delta") int delta, @Bind("max") int max);
}
