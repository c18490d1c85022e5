package com.caddyshop.addresses;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code user_addresses}: every statement is scoped to the owner, so another account's entry is never found. */
@RegisterConstructorMapper(AddressEntry.class)
public interface AddressDao {
    String COLUMNS = "id, name, phone, line1, line2, city, region, postal_code, country";

    @SqlQuery("SELECT " + COLUMNS + " FROM user_addresses WHERE user_id = :userId ORDER BY id")
    List<AddressEntry> all(@Bind("userId") long userId);

    @SqlQuery("SELECT " + COLUMNS + " FROM user_addresses WHERE user_id = :userId AND id = :id")
    Optional<AddressEntry> find(@Bind("userId") long userId, @Bind("id") long id);

    /** Locks the owner's entries (and, on MariaDB, the gap after them) so two inserts cannot both pass the cap. */
    @SqlQuery("SELECT COUNT(*) FROM user_addresses WHERE user_id = :userId FOR UPDATE")
    int lockCount(@Bind("userId") long userId);

    @SqlUpdate("""
            INSERT INTO user_addresses (user_id, name, phone, line1, line2, city, region, postal_code, country)
            VALUES (:userId, :a.name, :a.phone, :a.line1, :a.line2, :a.city, :a.region, :a.postalCode, :a.country)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("userId") long userId, @BindMethods("a") PostalAddress address);

    @SqlUpdate("""
            UPDATE user_addresses SET name = :a.name, phone = :a.phone, line1 = :a.line1, line2 = :a.line2,
              city = :a.city, region = :a.region, postal_code = :a.postalCode, country = :a.country,
              updated_at = CURRENT_TIMESTAMP(3)
            WHERE user_id = :userId AND id = :id""")
    int update(@Bind("userId") long userId, @Bind("id") long id, @BindMethods("a") PostalAddress address);

    @SqlUpdate("DELETE FROM user_addresses WHERE user_id = :userId AND id = :id")
    int delete(@Bind("userId") long userId, @Bind("id") long id);
}
