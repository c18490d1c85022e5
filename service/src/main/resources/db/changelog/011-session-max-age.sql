--liquibase formatted sql

-- Refresh sessions get an absolute lifetime (JWT_SESSION_MAX_AGE) besides the sliding one: each
-- token of a login's family carries the family's end. Rows from before have none; the service then
-- counts from the row's created_at (no backfill: an UPDATE of every session is one huge transaction
-- on TiDB, and rows written by an older node during a rolling update would miss it anyway).

--changeset caddy:011-user-sessions-family-expires-at
ALTER TABLE user_sessions ADD COLUMN family_expires_at DATETIME(3) NULL;
--rollback ALTER TABLE user_sessions DROP COLUMN family_expires_at;

--changeset caddy:011-user-sessions-rotated-at
-- Set when a refresh replaces the token (revoked_at alone is also set by logouts): presenting a
-- rotated token again is a reuse, presenting a logged-out one is merely refused.
ALTER TABLE user_sessions ADD COLUMN rotated_at DATETIME(3) NULL;
--rollback ALTER TABLE user_sessions DROP COLUMN rotated_at;
