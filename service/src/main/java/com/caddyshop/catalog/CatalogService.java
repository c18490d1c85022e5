package com.caddyshop.catalog;

import com.caddyshop.platform.cache.SingleFlight;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import com.caddyshop.platform.readalong.ReadAlong;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The catalog's business rules and its contract with other features (cart and orders):
 * reads through the product and list caches, and admin writes in retried transactions followed by
 * cache invalidation. Stock moves through {@link Inventory}; its changes evict only the products
 * concerned, while lists are retired by admin writes alone, since no list filters or sorts by stock
 * and the products on a cached page are read through the product cache.
 */
public final class CatalogService {
    private static final int DUPLICATE_KEY = 1062;
    private static final int FOREIGN_KEY_MISSING = 1452;

    private final Jdbi jdbi;
    private final RetryableTransactions transactions;
    private final ProductCache cache;
    private final ProductListCache lists;
    private final ImageStore images;
    private final Inventory inventory;
    private final SingleFlight<String, PageIds> listLoads = new SingleFlight<>();
    /**
     * Readers of different pages of one filter share its COUNT: when the filter's cached total is gone
     * (expired, or retired by an admin write) the pages asked for in the next moment all miss it at once,
     * and a COUNT over the whole catalogue is the costliest query a browse page makes.
     */
    private final SingleFlight<String, Long> totalLoads = new SingleFlight<>();
    private final SearchPlanner searchPlanner;

    CatalogService(Jdbi jdbi, RetryableTransactions transactions, ProductCache cache, ProductListCache lists,
                   ImageStore images, Inventory inventory, SearchPlanner searchPlanner) {
        this.jdbi = jdbi;
        this.searchPlanner = searchPlanner;
        this.inventory = inventory;
        this.transactions = transactions;
        this.cache = cache;
        this.lists = lists;
        this.images = images;
    }

    // ---- contract for other features --------------------------------------------------------

    /** An active product, from the cache when possible. */
    public Optional<ProductView> find(long id) {
        return cache.get(id, this::load);
    }

    /** The active products among {@code ids}, keyed by id, in one query (fresh, not cached). */
    public Map<Long, ProductView> findAll(Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : jdbi.withHandle(handle -> findAll(handle, ids));
    }

    /**
     * The active products among {@code ids}, keyed by id, read on the caller's handle: checkout reads
     * names and prices inside its transaction, right after {@link Inventory#reserve} locked those rows, so
     * the order is priced from the very rows it decremented and no second pooled connection is needed.
     */
    public Map<Long, ProductView> findAll(Handle tx, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Long> distinct = ids.stream().distinct().toList();
        return tx.attach(ActiveProductDao.class).findActive(distinct).stream()
                .collect(Collectors.toMap(ProductView::id, Function.identity()));
    }

    /** Drops cached copies of these products; call after the transaction that changed them committed. */
    public void evict(Collection<Long> ids) {
        cache.invalidate(ids);
    }

    // ---- catalog reads ----------------------------------------------------------------------

    public List<CategoryView> categories() {
        return jdbi.withExtension(CategoryDao.class, CategoryDao::all);
    }

    public ProductView get(long id) {
        return find(id).orElseThrow(() -> productNotFound(id));
    }

    /** The JSON of an active product for a response, straight from the cache when possible. */
    public String productJson(long id, ReadAlong.Fetches fetches) {
        return cache.getJson(id, fetches, this::load).orElseThrow(() -> productNotFound(id));
    }

    /**
     * A page from the list cache (ids and total) filled with products from the product cache, as
     * their cached JSON, or from the database. {@code fetches}: what the rate limiter read along.
     */
    public ProductSlice list(ProductQuery query, ReadAlong.Fetches fetches) {
        ProductListCache.Lookup lookup = lists.find(query, fetches);
        if (lookup.entry() != null) {
            return filled(lookup.entry().ids(), lookup.entry().total(), lookup.entry().capped());
        }
        // Readers of the same page under the same generation share one query (and one store).
        PageIds page = listLoads.get(lists.pageKey(query) + '\n' + lookup.generation(), () -> {
            PageIds loaded = query.q() != null ? searchFromDatabase(query)
                    : listFromDatabase(query, lookup.total(), lookup.generation());
            lists.store(query, lookup.generation(), loaded.ids(), loaded.total(), loaded.capped());
            if (lookup.total() == null) {
                lists.storeTotal(query, lookup.generation(), loaded.total());
            }
            return loaded;
        });
        return filled(page.ids(), page.total(), page.capped());
    }

    /** The page's products as their JSON, from the product cache or the database. */
    private ProductSlice filled(List<Long> ids, long total, boolean capped) {
        Map<Long, String> products = cache.getAllJson(ids, this::findAll);
        // A product deactivated since the page was cached is left out rather than shown.
        List<String> items = ids.stream().map(products::get).filter(Objects::nonNull).toList();
        return new ProductSlice(items, total, !capped, ids.isEmpty() ? null : ids.get(ids.size() - 1));
    }

    /** How many readers wait for another's COUNT of their filter now (observability for tests). */
    int readersWaitingForTotals() {
        return totalLoads.waiting();
    }

    /** A page's product ids in display order, and the list's total ({@code capped}: counted only that far). */
    private record PageIds(List<Long> ids, long total, boolean capped) {
        PageIds(List<Long> ids, long total) {
            this(ids, total, false);
        }
    }

    /**
     * A search page, in one query: a search's matches must all be read to be sorted anyway, so the query
     * returns the ids of every match its pages can reach (up to page {@link ProductQuery#MAX_SEARCH_PAGE}) and
     * one more, in order, and the page and the total are taken from them. A COUNT would read every match a
     * second time, and beyond the last reachable page there is nothing to show: the total stops there,
     * marked as not exact. {@link SearchPlanner} chooses whether the matches are found through the name
     * index or in the sort's own index.
     */
    private PageIds searchFromDatabase(ProductQuery query) {
        int reach = ProductQuery.MAX_SEARCH_PAGE * query.size();
        List<Long> matches = jdbi.withHandle(handle -> {
            ProductFilter filter = ProductFilter.of(query, searchPlanner.plan(handle, query.q(), reach));
            return handle.attach(ProductListDao.class).page(filter.joins(), filter.sql(), query.sort().orderBy(),
                    filter.values(), reach + 1, 0);
        });
        boolean capped = matches.size() > reach;
        int total = Math.min(matches.size(), reach);
        int from = (int) Math.min(query.offset(), total);
        int to = (int) Math.min(query.offset() + query.size(), total);
        return new PageIds(List.copyOf(matches.subList(from, to)), total, capped);
    }

    /**
     * One page query (a seek past the cursor's product for a deep page, an OFFSET for the first
     * pages), and a COUNT only when the total is neither cached ({@code knownTotal}) nor told by a
     * short page, shared by this node's concurrent readers of the filter ({@link #totalLoads}).
     */
    private PageIds listFromDatabase(ProductQuery query, Long knownTotal, String generation) {
        return jdbi.withHandle(handle -> {
            ProductListDao dao = handle.attach(ProductListDao.class);
            ProductFilter filter = ProductFilter.of(query);
            List<Long> ids = dao.page(filter.joins(), filter.sql(), query.sort().orderBy(), filter.values(),
                    query.size(), query.offset());
            if (ids.isEmpty() && query.after() != null && !dao.exists(query.after())) {
                throw ApiException.unprocessable("Invalid query parameters", List.of(new FieldProblem("after", "no such product")));
            }
            if (knownTotal != null) {
                return new PageIds(ids, knownTotal);
            }
            // A short page of the first pages, not past the end, already tells the total.
            boolean lastPage = query.after() == null && ids.size() < query.size() && (!ids.isEmpty() || query.page() == 1);
            ProductFilter whole = filter.whole();
            long total = lastPage ? query.offset() + ids.size()
                    : totalLoads.get(lists.totalKey(query) + '\n' + generation,
                            () -> dao.count(whole.countJoins(), whole.sql(), whole.values()));
            return new PageIds(ids, total);
        });
    }

    // ---- admin writes -----------------------------------------------------------------------

    /** A new product, its stock opening its ledger. Answered with its version for the ETag. */
    public VersionedProduct create(ProductInput input, long adminId) {
        int stock = input.stock() == null ? 0 : input.stock();
        long id = write(() -> transactions.inTransaction(handle -> {
            long created = handle.attach(ProductDao.class).insert(categoryId(handle, input.categorySlug()), input.sku(),
                    input.name(), input.description(), input.storedPrice(), stock);
            handle.attach(ProductDao.class).indexName(created);
            inventory.open(handle, created, stock, adminId);
            return created;
        }));
        // A new id may have been looked up (and cached as missing) before it existed.
        evict(List.of(id));
        lists.invalidateAll();
        return versioned(id);
    }

    /**
     * Replaces the product's fields, but only the version the admin read ({@code ifMatch}, see
     * {@link ProductETag}): 428 without it, 412 when the product changed meanwhile, 404 when it is gone.
     * Stock is not one of the fields: sending it is a 422, reported before a missing If-Match (silently
     * ignoring it would let a client believe it set the stock).
     */
    public VersionedProduct update(long id, String ifMatch, ProductInput input) {
        if (input.stock() != null) {
            throw ApiException.unprocessable("Validation failed", List.of(new FieldProblem("stock",
                    "stock is not edited with the product; use POST /api/admin/products/" + id + "/stock-adjustments")));
        }
        int expectedVersion = ProductETag.expectedVersion(ifMatch);
        write(() -> transactions.inTransaction(handle -> {
            ProductDao dao = handle.attach(ProductDao.class);
            int updated = dao.update(id, expectedVersion, categoryId(handle, input.categorySlug()), input.sku(),
                    input.name(), input.description(), input.storedPrice());
            if (updated == 0) {
                int current = dao.activeVersion(id).orElseThrow(() -> productNotFound(id));
                throw ApiException.preconditionFailed("Product " + id + " was changed since it was read; read it again",
                        List.of(new FieldProblem("If-Match", "the product's ETag is now " + ProductETag.quoted(current))));
            }
            dao.unindexName(id);
            dao.indexName(id);
            return updated;
        }));
        evict(List.of(id));
        lists.invalidateAll();
        return versioned(id);
    }

    /** An active product with its version, read fresh from the database (admins edit from it). */
    public VersionedProduct versioned(long id) {
        return jdbi.withExtension(ProductDao.class, dao -> dao.findVersioned(id)).orElseThrow(() -> productNotFound(id));
    }

    /** Soft delete: the row stays for order history, the product disappears from every read. */
    public void delete(long id) {
        int updated = transactions.inTransaction(handle -> {
            ProductDao dao = handle.attach(ProductDao.class);
            dao.unindexName(id);
            return dao.deactivate(id);
        });
        evict(List.of(id));
        lists.invalidateAll();
        if (updated == 0) {
            throw productNotFound(id);
        }
    }

    /** Stores a new image for an active product and returns the product; the previous image is removed. */
    public ProductView attachImage(long id, InputStream content) {
        if (load(id).isEmpty()) {
            throw productNotFound(id);
        }
        String stored = images.store(content);
        Optional<String> previous;
        try {
            previous = transactions.inTransaction(handle -> {
                ProductDao dao = handle.attach(ProductDao.class);
                Optional<String> current = dao.lockImage(id);
                if (current.isPresent()) {
                    dao.setImage(id, stored);
                }
                return current;
            });
        } catch (RuntimeException e) {
            images.delete(stored);
            throw e;
        }
        evict(List.of(id));
        if (previous.isEmpty()) {
            images.delete(stored);
            throw productNotFound(id);
        }
        images.delete(previous.get());
        return load(id).orElseThrow(() -> productNotFound(id));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Optional<ProductView> load(long id) {
        return jdbi.withExtension(ActiveProductDao.class, dao -> dao.findActive(id));
    }

    private static long categoryId(Handle handle, String slug) {
        return handle.attach(CategoryDao.class).idOf(slug).orElseThrow(() -> ApiException.unprocessable(
                "Validation failed", List.of(new FieldProblem("categorySlug", "no such category"))));
    }

    /** Turns constraint violations the database detects into the client errors they are. */
    private static <T> T write(Supplier<T> work) {
        try {
            return work.get();
        } catch (StatementException e) {
            int code = vendorCode(e);
            if (code == DUPLICATE_KEY) {
                throw ApiException.conflict("A product with this SKU already exists",
                        List.of(new FieldProblem("sku", "already in use")));
            }
            if (code == FOREIGN_KEY_MISSING) {
                throw ApiException.unprocessable("Validation failed",
                        List.of(new FieldProblem("categorySlug", "no such category")));
            }
            throw e;
        }
    }

    private static int vendorCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getErrorCode();
            }
        }
        return 0;
    }

    static ApiException productNotFound(long id) {
        return ApiException.notFound("Product " + id + " not found");
    }
}
