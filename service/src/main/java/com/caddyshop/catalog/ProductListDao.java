package com.caddyshop.catalog;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The product list's SQL: a page of ids and a total for one filter. The text spliced in ({@code <joins>},
 * {@code <filter>}, {@code <orderBy>}) comes from {@link ProductFilter}, {@link NameSearch} and
 * {@link ProductSort}, built from constants; every value is bound. Each shape is checked with EXPLAIN
 * against the real database (ProductListExplainIT): no full scan, and no sort of the whole list.
 */
public interface ProductListDao {

    /**
     * The ids of a page, in order. Only ids: a browse page is then read from its index alone, a
     * search sorts narrow rows in memory (a row with the description, a TEXT, would make the database
     * sort on disk), and the products themselves come from the product cache by id.
     */
    @SqlQuery("SELECT p.id FROM products p <joins> WHERE <filter> ORDER BY <orderBy> LIMIT :limit OFFSET :offset")
    @AllowUnusedBindings
    List<Long> page(@Define("joins") String joins, @Define("filter") String filter, @Define("orderBy") String orderBy,
                    @BindMap Map<String, Object> values, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT COUNT(*) FROM products p <joins> WHERE <filter>")
    @AllowUnusedBindings
    long count(@Define("joins") String joins, @Define("filter") String filter, @BindMap Map<String, Object> values);

    /** How many entries of the name index each trigram has (a trigram no name holds is left out). */
    @SqlQuery("SELECT gram, COUNT(*) AS entries FROM product_name_grams WHERE gram IN (<grams>) GROUP BY gram")
    @RegisterConstructorMapper(GramEntries.class)
    List<GramEntries> gramEntries(@BindList("grams") List<byte[]> grams);

    @SqlQuery("SELECT COUNT(*) FROM products WHERE active = 1")
    long activeProducts();

    /** A trigram of the name index and its number of entries (one per active product whose name holds it). */
    record GramEntries(byte[] gram, long entries) {
    }

    /**
     * Whether a keyset cursor names a product, active or not (a product may retire between two pages).
     * Asked only when a cursor page comes back empty: the seek itself reads the cursor's sort key.
     */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM products WHERE id = :id)")
    boolean exists(@Bind("id") long id);
}
