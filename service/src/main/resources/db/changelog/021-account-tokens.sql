--liquibase formatted sql

-- Single-use tokens mailed to an account's address (issue 16): password reset (30 minutes) and e-mail
-- verification. Only the SHA-256 of the token is stored, so a copy of the table opens no account.

--changeset caddy:021-account-tokens
CREATE TABLE account_tokens (
  token_hash CHAR(64) NOT NULL,
  purpose VARCHAR(16) NOT NULL,
  user_id BIGINT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  used_at DATETIME(3) NULL,
  PRIMARY KEY (token_hash) /*T![clustered_index] NONCLUSTERED */,
  KEY idx_account_tokens_user (user_id, purpose),
  KEY idx_account_tokens_expires (expires_at),
  CONSTRAINT fk_account_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE account_tokens;

--changeset caddy:021-users-email-verified
-- When the account proved it receives mail at its address (the verification link); NULL until then.
ALTER TABLE users ADD COLUMN email_verified_at DATETIME(3) NULL;
--rollback ALTER TABLE users DROP COLUMN email_verified_at;
