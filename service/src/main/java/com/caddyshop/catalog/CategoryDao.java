package com.caddyshop.catalog;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Categories in SQL; they are few and change only through migrations or demo data. */
@RegisterConstructorMapper(CategoryView.class)
public interface CategoryDao {
    @SqlQuery("SELECT id, slug, name, parent_id, sort_order FROM categories ORDER BY sort_order, name, id")
    List<CategoryView> all();

    @SqlQuery("SELECT id FROM categories WHERE slug = :slug")
    Optional<Long> idOf(@Bind("slug") String slug);
}
