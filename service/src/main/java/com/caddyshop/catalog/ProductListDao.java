package com.caddyshop.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The product list's SQL: a page and a total for one filter. The text spliced in ({@code <joins>},
 * {@code <filter>}, {@code <orderBy>}) comes from {@link ProductFilter}, {@link NameSearch} and
 * {@link ProductSort}, built from constants; every value is bound. Each shape is checked with EXPLAIN
 * against the real database (ProductListExplainIT): no full scan, and no sort of the whole list.
 */
@RegisterConstructorMapper(ProductView.class)
public interface ProductListDao {
    /**
     * A LEFT JOIN (the category always exists: a foreign key) so that the products are read first, in
     * the sort's index, and the category looked up per row; with an inner join the database may start
     * from the few categories and sort the whole list. A category filter makes it an inner join on one
     * category row, which is read first as a constant.
     */
    String FROM = " FROM products p LEFT JOIN categories c ON c.id = p.category_id ";

    @SqlQuery("SELECT " + ProductDao.COLUMNS + FROM + "<joins> WHERE <filter> ORDER BY <orderBy> LIMIT :limit OFFSET :offset")
    @AllowUnusedBindings
    List<ProductView> page(@Define("joins") String joins, @Define("filter") String filter, @Define("orderBy") String orderBy,
                           @BindMap Map<String, Object> values, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT COUNT(*)" + FROM + "<joins> WHERE <filter>")
    @AllowUnusedBindings
    long count(@Define("joins") String joins, @Define("filter") String filter, @BindMap Map<String, Object> values);

    /** The values a keyset cursor seeks from; any product, active or not (a product may retire between two pages). */
    @SqlQuery("SELECT price, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f') AS created_at, name FROM products WHERE id = :id")
    @RegisterConstructorMapper(SortKey.class)
    Optional<SortKey> sortKey(@Bind("id") long id);
}
