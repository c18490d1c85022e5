package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.platform.db.Migrator;
import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import com.codahale.metrics.Counter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.mysql.cj.jdbc.MysqlDataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every query shape of the product list and search, EXPLAINed on the real MariaDB over a catalogue
 * large enough for the optimizer to choose as it would in production: the test fails on a full scan
 * of a table, and, for browsing, on a sort of the list (the pages must come in index order, so a
 * page costs its rows whatever the depth). The SQL is the DAO's own text (read from its annotations)
 * with the fragments {@link ProductFilter}, {@link NameSearch} and {@link ProductSort} build.
 *
 * <p>The products are written straight into the database before migration 023, so its backfill
 * builds their name index (checked below by a search).
 */
@ExtendWith(RealServers.class)
class ProductListExplainIT {
    static final int CATEGORIES = 4;
    static final int PRODUCTS = 4000;
    static Jdbi jdbi;
    static long someId;

    @BeforeAll
    static void seed() throws Exception {
        TestDatabase db = RealServers.newDatabase("list_explain");
        new Migrator(Migrations.dataSource(db), "db/changelog/before-name-grams.yaml").migrate();
        // Server-side prepared statements, as production's driver settings have them: the database then
        // plans with typed parameters instead of literals.
        MysqlDataSource statements = Migrations.dataSource(db);
        statements.setUrl(db.jdbcUrl() + "&useServerPrepStmts=true&cachePrepStmts=true");
        jdbi = Jdbi.create(statements).installPlugin(new SqlObjectPlugin());
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO categories (slug, name) SELECT CONCAT('cat-', seq), CONCAT('Category ', seq) FROM seq_1_to_"
                    + CATEGORIES);
            h.execute("""
                    INSERT INTO products (category_id, sku, name, price, stock, created_at, updated_at)
                    SELECT c.id, CONCAT('EX-', s.seq), CONCAT(ELT(1 + s.seq % 5, 'Tour', 'Pro', 'Classic', 'Lite', 'Eagle'),
                           ' ', ELT(1 + s.seq % 4, 'Driver', 'Wedge', 'Putter', 'Glove'), ' ', s.seq),
                           1 + s.seq % 500, 10, NOW(3) - INTERVAL s.seq MINUTE, NOW(3)
                    FROM seq_1_to_PRODUCTS s JOIN categories c ON c.slug = CONCAT('cat-', 1 + s.seq % CATEGORIES)"""
                    .replace("PRODUCTS", Integer.toString(PRODUCTS)).replace("CATEGORIES", Integer.toString(CATEGORIES)));
        });
        assertThat(Migrations.apply(db)).as("023 and later").isPositive();
        jdbi.useHandle(h -> h.execute("ANALYZE TABLE products, categories, product_name_grams"));
        someId = jdbi.withHandle(h -> h.createQuery("SELECT MIN(id) + 1234 FROM products").mapTo(Long.class).one());
    }

    @Test
    void browsingReadsEveryPageInIndexOrder() {
        List<String> problems = new ArrayList<>();
        for (ProductSort sort : ProductSort.values()) {
            for (String category : new String[] {null, "cat-2"}) {
                for (Long after : new Long[] {null, someId}) {
                    ProductQuery query = new ProductQuery(after == null ? 7 : 500, 20, category, null, sort, after);
                    ProductFilter filter = ProductFilter.of(query);
                    problems.addAll(problems(query + "", explainPage(filter, query), true));
                    ProductFilter whole = filter.whole();
                    problems.addAll(problems("count " + query, explainCount(whole), false));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * EXPLAIN says which index, not how much of it: a plan that walks the index from its end down to the
     * cursor shows the same index. So the cursor pages run here and the index entries they read are
     * counted, for cursors all along the list.
     */
    @Test
    void aCursorPageReadsItsOwnRowsWhateverTheDepth() {
        List<Long> cursors = jdbi.withHandle(h -> h.createQuery("SELECT id FROM products ORDER BY id").mapTo(Long.class).list());
        List<String> problems = new ArrayList<>();
        for (ProductSort sort : ProductSort.values()) {
            for (String category : new String[] {null, "cat-2"}) {
                for (int i = 1; i < 10; i++) {
                    long after = cursors.get(i * cursors.size() / 10);
                    ProductQuery query = new ProductQuery(500, 20, category, null, sort, after);
                    ProductFilter filter = ProductFilter.of(query);
                    long read = jdbi.withHandle(h -> {
                        long before = indexEntriesRead(h);
                        List<Long> ids = h.attach(ProductListDao.class).page(filter.joins(), filter.sql(), sort.orderBy(),
                                filter.values(), query.size(), 0);
                        assertThat(ids).as("%s", query).isNotEmpty();
                        return indexEntriesRead(h) - before;
                    });
                    // The page's 20 entries, the category's row, a few seeks: far below the list's thousands.
                    if (read > 3L * query.size()) {
                        problems.add(query + " read " + read + " index entries");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * The first pages (by OFFSET, up to {@link ProductQuery#MAX_PAGE}) read their entries in the sort's
     * index and no table rows. make bench's slow log had MariaDB scan and sort the whole catalogue for some
     * executions of exactly these statements (pages 50 to 100 of 50,000 products) in the running service,
     * which neither EXPLAIN nor these executions reproduce (without the hint this passed here, at 4,000
     * and at 50,000 products): this guards what a page reads, the hint is what keeps it so in production.
     */
    @Test
    void anOffsetPageReadsTheEntriesUpToItselfAndNoTableRows() {
        List<String> problems = new ArrayList<>();
        for (ProductSort sort : ProductSort.values()) {
            for (String category : new String[] {null, "cat-2"}) {
                int last = category == null ? ProductQuery.MAX_PAGE : PRODUCTS / CATEGORIES / 20;
                for (int page = 10; page <= last; page += 10) {
                    ProductQuery query = new ProductQuery(page, 20, category, null, sort, null);
                    ProductFilter filter = ProductFilter.of(query);
                    assertThat(filter.joins()).as("%s", query).startsWith(" FORCE INDEX (" + sort.index(category != null) + ")");
                    long[] read = jdbi.withHandle(h -> {
                        long entries = indexEntriesRead(h);
                        long rows = tableRowsRead(h);
                        List<Long> ids = h.attach(ProductListDao.class).page(filter.joins(), filter.sql(), sort.orderBy(),
                                filter.values(), query.size(), query.offset());
                        assertThat(ids).as("%s", query).hasSize(query.size());
                        return new long[] {indexEntriesRead(h) - entries, tableRowsRead(h) - rows};
                    });
                    // The entries up to the page's last, a few seeks and the category's row.
                    if (read[0] > query.offset() + 3L * query.size() || read[1] > 0) {
                        problems.add(query + " read " + read[0] + " index entries and " + read[1] + " table rows");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** This session's reads of whole table rows in storage order (a scan), so far. */
    private static long tableRowsRead(Handle h) {
        return handlerReads(h, "'Handler_read_rnd_next'");
    }

    /** This session's index reads so far (SHOW STATUS itself reads a temporary table, which is not counted here). */
    private static long indexEntriesRead(Handle h) {
        return handlerReads(h, "'Handler_read_key', 'Handler_read_next', 'Handler_read_prev', 'Handler_read_first', "
                + "'Handler_read_last'");
    }

    /** The sum of this session's status counters named in {@code variables} (quoted, comma-separated). */
    private static long handlerReads(Handle h, String variables) {
        return h.createQuery("SHOW SESSION STATUS WHERE Variable_name IN (" + variables + ")").map((rs, ctx) -> rs.getLong(2))
                .list().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void searchingReadsTheNameIndexNotTheCatalogue() {
        List<String> problems = new ArrayList<>();
        for (String text : new String[] {"driver", "pro wedge", "putter 123", "123", "ee", "37"}) {
            for (String category : new String[] {null, "cat-3"}) {
                ProductQuery query = new ProductQuery(2, 20, category, text, ProductSort.PRICE, null);
                ProductFilter filter = ProductFilter.of(query);
                problems.addAll(problems(query + "", explainPage(filter, query), false));
                problems.addAll(problems("count " + query, explainCount(filter), false));
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A word a quarter of the names hold ("driver", 1,000 of 4,000) is read in the sort's own index, as many
     * rows as its reach needs and none sorted; a rare text keeps the name index. Both ways give the same
     * matches in the same order, the one promise the planner must keep.
     */
    @Test
    void aWordMostNamesHoldIsReadInTheSortsIndexWithTheSameAnswer() {
        int reach = ProductQuery.MAX_SEARCH_PAGE * 20;
        Counter narrowed = new Counter();
        Counter walks = new Counter();
        SearchPlanner planner = new SearchPlanner(narrowed, walks);
        jdbi.useHandle(h -> {
            assertThat(planner.plan(h, "driver", reach).usesIndex()).as("a common word").isFalse();
            assertThat(planner.plan(h, "putter 123", reach).usesIndex()).as("a rare text").isTrue();
            assertThat(planner.plan(h, "zzz", reach).usesIndex()).as("a text no name holds").isTrue();
            assertThat(planner.plan(h, "ee", reach).usesIndex()).as("two characters").isTrue();
            assertThat(planner.plan(h, "DRIVER", reach).usesIndex()).as("counts kept, any case").isFalse();
            // Two common words no name holds side by side: narrowed by the trigram across the space, which
            // their place in the text would not have chosen ("eag", "gle", " li", "ite").
            NameSearch neverSideBySide = planner.plan(h, "eagle lite", reach);
            assertThat(neverSideBySide.usesIndex()).isTrue();
            assertThat(new String(neverSideBySide.grams().get(0), StandardCharsets.UTF_8)).isIn("le ", "e l");
            assertThat(NameSearch.of("eagle lite").grams()).extracting(String::new).doesNotContain("le ", "e l");
        });
        assertThat(walks.getCount()).as("walked: driver, DRIVER").isEqualTo(2);
        assertThat(narrowed.getCount()).as("narrowed: putter 123, zzz, eagle lite (two characters need no plan)").isEqualTo(3);
        List<String> problems = new ArrayList<>();
        for (ProductSort sort : ProductSort.values()) {
            for (String category : new String[] {null, "cat-1"}) { // cat-1: the drivers
                ProductQuery query = new ProductQuery(1, 20, category, "driver", sort, null);
                ProductFilter indexed = ProductFilter.of(query);
                ProductFilter walked = indexed.withSearch(indexed.search().inSortOrder());
                problems.addAll(problems("walk " + query, explain(sqlOf(ProductListDao.class, "page"), walked,
                        q -> q.define("orderBy", sort.orderBy()).bind("limit", reach + 1).bind("offset", 0)), true));
                List<Long> viaIndex = matches(indexed, sort, reach + 1);
                assertThat(viaIndex).as("%s", query).hasSizeGreaterThan(200);
                assertThat(matches(walked, sort, reach + 1)).as("%s", query).isEqualTo(viaIndex);
            }
        }
        assertThat(problems).isEmpty();
    }

    private static List<Long> matches(ProductFilter filter, ProductSort sort, int limit) {
        return jdbi.withHandle(h -> h.attach(ProductListDao.class).page(filter.joins(), filter.sql(), sort.orderBy(),
                filter.values(), limit, 0));
    }

    @Test
    void theNameIndexIsMaintainedByItsOwnKeys() {
        List<Map<String, Object>> plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN " + sqlOf(ProductDao.class, "unindexName"))
                .bind("id", someId).mapToMap().list());
        assertThat(problems("unindexName", plan, false)).isEmpty();
        plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN " + sqlOf(ProductDao.class, "indexName")).bind("id", someId).mapToMap().list());
        assertThat(problems("indexName", plan, false)).isEmpty();
    }

    @Test
    void theMigrationIndexedTheNamesOfProductsThatExistedBeforeIt() {
        long matches = jdbi.withHandle(h -> {
            ProductFilter filter = ProductFilter.of(new ProductQuery(1, 20, null, "Eagle Glove 1", ProductSort.PRICE, null));
            return h.attach(ProductListDao.class).count(filter.countJoins(), filter.sql(), filter.values());
        });
        long expected = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM products WHERE LOWER(name) LIKE '%eagle glove 1%'")
                .mapTo(Long.class).one());
        assertThat(expected).isPositive();
        assertThat(matches).isEqualTo(expected);
    }

    private static List<Map<String, Object>> explainPage(ProductFilter filter, ProductQuery query) {
        return explain(sqlOf(ProductListDao.class, "page"), filter, q -> q.define("orderBy", query.sort().orderBy())
                .bind("limit", query.size()).bind("offset", query.offset()));
    }

    private static List<Map<String, Object>> explainCount(ProductFilter filter) {
        return explain(sqlOf(ProductListDao.class, "count"), filter.countJoins(), filter, q -> q);
    }

    private static List<Map<String, Object>> explain(String sql, ProductFilter filter, java.util.function.UnaryOperator<Query> more) {
        return explain(sql, filter.joins(), filter, more);
    }

    private static List<Map<String, Object>> explain(String sql, String joins, ProductFilter filter,
                                                     java.util.function.UnaryOperator<Query> more) {
        return jdbi.withHandle((Handle h) -> more.apply(h.createQuery("EXPLAIN " + sql)
                .define("joins", joins).define("filter", filter.sql()).bindMap(filter.values())).mapToMap().list());
    }

    /** What is wrong with a plan: a full scan of a table, or (browsing) a sort or temporary table. */
    private static List<String> problems(String shape, List<Map<String, Object>> plan, boolean inIndexOrder) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> row : plan) {
            String table = String.valueOf(row.get("table"));
            String type = String.valueOf(row.get("type"));
            String extra = String.valueOf(row.get("extra"));
            // A derived or union table (<derived2>, <union2,3>) holds rows already narrowed: the search's
            // candidates, the positions of a name's trigrams.
            if ("ALL".equals(type) && !table.startsWith("<")) {
                problems.add(shape + ": full scan of " + table + " " + row);
            }
            if (inIndexOrder && (extra.contains("filesort") || extra.contains("temporary"))) {
                problems.add(shape + ": sorts the list " + row);
            }
        }
        return problems;
    }

    private static String sqlOf(Class<?> dao, String name) {
        for (Method method : dao.getMethods()) {
            if (method.getName().equals(name)) {
                SqlQuery query = method.getAnnotation(SqlQuery.class);
                return query != null ? query.value() : method.getAnnotation(SqlUpdate.class).value();
            }
        }
        throw new IllegalArgumentException(dao.getSimpleName() + " has no method " + name);
    }
}
