--liquibase formatted sql

-- Sessions that can be ended (issue 13). Every access token carries the token generation of its
-- account; bumping it (disable, role or password change, refresh-token reuse, "log out everywhere")
-- ends every access token issued before. Portable between TiDB and MariaDB; one schema change per
-- statement (TiDB before 6.2 takes one per ALTER TABLE).

--changeset caddy:010-users-token-generation
ALTER TABLE users ADD COLUMN token_generation BIGINT NOT NULL DEFAULT 0;
--rollback ALTER TABLE users DROP COLUMN token_generation;

--changeset caddy:010-users-role-status
-- The active admins are locked through this index when a change could leave the shop without one,
-- so the lock covers those rows and not the whole table.
CREATE INDEX idx_users_role_status ON users (role, status);
--rollback DROP INDEX idx_users_role_status ON users;
