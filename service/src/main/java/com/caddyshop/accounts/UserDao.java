package com.caddyshop.accounts;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code users} and {@code user_profiles} in SQL; every value bound. */
@RegisterConstructorMapper(UserRecord.class)
@RegisterConstructorMapper(ProfileView.class)
public interface UserDao {
    String USER_COLUMNS =
            "id, email, password_hash, role, status, created_at, token_generation, email_verified_at IS NOT NULL AS email_verified";

    @SqlUpdate("INSERT INTO users (email, password_hash, role, language) VALUES (:email, :passwordHash, :role, :language)")
    @GetGeneratedKeys("id")
    long insert(@Bind("email") String email, @Bind("passwordHash") String passwordHash, @Bind("role") Role role,
                @Bind("language") String language);

    @SqlQuery("SELECT " + USER_COLUMNS + " FROM users WHERE email = :email")
    Optional<UserRecord> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT " + USER_COLUMNS + " FROM users WHERE id = :id")
    Optional<UserRecord> findById(@Bind("id") long id);

    /** Locks the row: an admin change and the checks it depends on are decided one after the other. */
    @SqlQuery("SELECT " + USER_COLUMNS + " FROM users WHERE id = :id FOR UPDATE")
    Optional<UserRecord> lockById(@Bind("id") long id);

    @SqlQuery("SELECT email_verified_at IS NOT NULL FROM users WHERE id = :id")
    Optional<Boolean> findEmailVerified(@Bind("id") long id);

    /** The first verification counts; a later one changes nothing. */
    @SqlUpdate("UPDATE users SET email_verified_at = COALESCE(email_verified_at, :now) WHERE id = :id")
    int markEmailVerified(@Bind("id") long id, @Bind("now") java.time.Instant now);

    @SqlQuery("SELECT token_generation FROM users WHERE id = :id")
    Optional<Long> findTokenGeneration(@Bind("id") long id);

    /** Ends every access token of the account issued so far ({@code AccessRevocation}). */
    @SqlUpdate("UPDATE users SET token_generation = token_generation + 1, updated_at = CURRENT_TIMESTAMP(3) WHERE id = :id")
    int bumpTokenGeneration(@Bind("id") long id);

    @SqlUpdate("UPDATE users SET password_hash = :hash, updated_at = CURRENT_TIMESTAMP(3) WHERE id = :id")
    int updatePassword(@Bind("id") long id, @Bind("hash") String passwordHash);

    @SqlUpdate("UPDATE users SET status = :status, updated_at = CURRENT_TIMESTAMP(3) WHERE id = :id")
    int updateStatus(@Bind("id") long id, @Bind("status") String status);

    @SqlUpdate("UPDATE users SET role = :role, updated_at = CURRENT_TIMESTAMP(3) WHERE id = :id")
    int updateRole(@Bind("id") long id, @Bind("role") Role role);

    /**
     * Locks the active admins (through idx_users_role_status; TiDB's default pessimistic transactions
     * lock them as InnoDB does), so two changes cannot each leave the other admin last.
     */
    @SqlQuery("SELECT id FROM users WHERE role = 'ADMIN' AND status = 'ACTIVE' FOR UPDATE")
    List<Long> lockActiveAdmins();

    @SqlQuery("""
            SELECT display_name, phone, address_line1, address_line2, city, postal_code, country
            FROM user_profiles WHERE user_id = :userId""")
    Optional<ProfileView> findProfile(@Bind("userId") long userId);

    /** Insert or replace: the same statement on MariaDB and TiDB. */
    @SqlUpdate("""
            INSERT INTO user_profiles
              (user_id, display_name, phone, address_line1, address_line2, city, postal_code, country, updated_at)
            VALUES (:userId, :p.displayName, :p.phone, :p.addressLine1, :p.addressLine2, :p.city, :p.postalCode,
                    :p.country, CURRENT_TIMESTAMP(3))
            ON DUPLICATE KEY UPDATE display_name = VALUES(display_name), phone = VALUES(phone),
              address_line1 = VALUES(address_line1), address_line2 = VALUES(address_line2), city = VALUES(city),
              postal_code = VALUES(postal_code), country = VALUES(country), updated_at = VALUES(updated_at)""")
    void saveProfile(@Bind("userId") long userId, @BindMethods("p") ProfileView profile);
}
