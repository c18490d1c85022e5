--liquibase formatted sql

-- What admins did to accounts (disable, enable, role changes): who, when, what, from which address.
-- Rows are only ever inserted. The actor's e-mail is copied so the entry still reads right after the
-- actor's account changes. Portable between TiDB and MariaDB (no triggers; ids from ${idGenerator}).

--changeset caddy:012-admin-audit
CREATE TABLE admin_audit (
  id BIGINT NOT NULL ${idGenerator},
  created_at DATETIME(3) NOT NULL,
  actor_id BIGINT NOT NULL,
  actor_email VARCHAR(254) NOT NULL,
  action VARCHAR(32) NOT NULL,
  target_user_id BIGINT NOT NULL,
  old_value VARCHAR(32) NULL,
  new_value VARCHAR(32) NULL,
  reason VARCHAR(500) NULL,
  client_ip VARCHAR(45) NULL,
  PRIMARY KEY (id) /*T![clustered_index] CLUSTERED */,
  KEY idx_admin_audit_created (created_at, id),
  KEY idx_admin_audit_target (target_user_id, created_at, id)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE admin_audit;
