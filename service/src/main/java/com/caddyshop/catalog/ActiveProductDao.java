package com.caddyshop.catalog;

import static com.caddyshop.catalog.ProductDao.VIEW;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads of active products as shoppers see them: a cache miss, a list page's products, checkout's
 * prices. Apart from {@link ProductDao} (the admin's side) because attaching a SQL object costs Jdbi
 * one handler per method of the interface, paid again on every attach, and these run per request.
 * Both select {@link ProductDao#COLUMNS}, which {@link ProductViewMapper} reads by position.
 */
@RegisterRowMapper(ProductViewMapper.class)
public interface ActiveProductDao {
    @SqlQuery(VIEW + "WHERE p.id = :id AND p.active = 1")
    Optional<ProductView> findActive(@Bind("id") long id);

    @SqlQuery(VIEW + "WHERE p.id IN (<ids>) AND p.active = 1")
    List<ProductView> findActive(@BindList("ids") Collection<Long> ids);
}
