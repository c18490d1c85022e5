package com.caddyshop.catalog;

import org.jdbi.v3.core.Handle;

/**
 * The catalogue's door for code outside it that inserts products by SQL (the demo data): their names
 * get the search rows CatalogService writes for its own products, without reaching into its DAO.
 */
public final class ProductSearchIndex {
    private ProductSearchIndex() {
    }

    /** Call in the transaction that inserted the product. */
    public static void indexNewProduct(Handle handle, long productId) {
        handle.attach(ProductDao.class).indexName(productId);
    }
}
