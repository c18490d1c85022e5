--liquibase formatted sql

-- Mail is a row first (issue 16): written in the transaction of the event that causes it (registration,
-- order placed or cancelled, password reset), so a mail exists exactly when its event committed. The
-- sender of every app node claims due rows with a lease (claim_token, claimed_until), one
-- compare-and-set UPDATE per row by primary key, which TiDB and MariaDB both decide on the row's latest
-- committed version (SKIP LOCKED is not used: TiDB does not support it). A node that dies mid-send leaves a lease that expires, and another node sends
-- again: at least once. Delivered rows are purged after a retention; rows that ran out of attempts
-- stay as FAILED for an operator. Portable between TiDB and MariaDB; ids from ${idGenerator}.

--changeset caddy:020-mail-outbox
CREATE TABLE mail_outbox (
  id BIGINT NOT NULL ${idGenerator},
  kind VARCHAR(32) NOT NULL,
  recipient VARCHAR(254) NOT NULL,
  language CHAR(2) NOT NULL,
  subject VARCHAR(255) NOT NULL,
  body_text MEDIUMTEXT NOT NULL,
  body_html MEDIUMTEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL,
  next_attempt_at DATETIME(3) NOT NULL,
  claim_token CHAR(36) NULL,
  claimed_until DATETIME(3) NULL,
  sent_at DATETIME(3) NULL,
  last_error VARCHAR(500) NULL,
  PRIMARY KEY (id) /*T![clustered_index] CLUSTERED */,
  KEY idx_mail_outbox_due (status, next_attempt_at),
  KEY idx_mail_outbox_claim (claim_token),
  KEY idx_mail_outbox_sent (status, sent_at)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE mail_outbox;

--changeset caddy:020-users-language
-- The language of the account's mail (en or zh), taken from the registration's Accept-Language.
ALTER TABLE users ADD COLUMN language CHAR(2) NOT NULL DEFAULT 'en';
--rollback ALTER TABLE users DROP COLUMN language;
