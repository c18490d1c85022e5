--liquibase formatted sql

-- Portable between TiDB and MariaDB: no triggers, events or procedures; TiDB-only syntax only in
-- executable comments or through ${idGenerator}. Partitioned tables carry no foreign keys.

--changeset caddy:001-users
CREATE TABLE users (
  id BIGINT NOT NULL ${idGenerator},
  email VARCHAR(254) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role VARCHAR(16) NOT NULL DEFAULT 'CUSTOMER',
  status VARCHAR(16) NOT NULL DEFAULT 'ACTIVE',
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id) /*T![clustered_index] CLUSTERED */,
  UNIQUE KEY uk_users_email (email)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
--rollback DROP TABLE users;

--changeset caddy:001-user-profiles
CREATE TABLE user_profiles (
  user_id BIGINT NOT NULL,
  display_name VARCHAR(100) NULL,
  phone VARCHAR(32) NULL,
  address_line1 VARCHAR(200) NULL,
  address_line2 VARCHAR(200) NULL,
  city VARCHAR(100) NULL,
  postal_code VARCHAR(20) NULL,
  country CHAR(2) NULL,
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (user_id) /*T![clustered_index] CLUSTERED */,
  CONSTRAINT fk_user_profiles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE user_profiles;

--changeset caddy:001-user-sessions
CREATE TABLE user_sessions (
  id BIGINT NOT NULL ${idGenerator},
  user_id BIGINT NOT NULL,
  refresh_token_hash CHAR(64) NOT NULL,
  family_id CHAR(36) NOT NULL,
  user_agent VARCHAR(255) NULL,
  client_ip VARCHAR(45) NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  expires_at DATETIME(3) NOT NULL,
  revoked_at DATETIME(3) NULL,
  PRIMARY KEY (id) /*T![clustered_index] CLUSTERED */,
  UNIQUE KEY uk_user_sessions_token (refresh_token_hash),
  KEY idx_user_sessions_user (user_id),
  KEY idx_user_sessions_family (family_id),
  CONSTRAINT fk_user_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE user_sessions;

--changeset caddy:001-categories
CREATE TABLE categories (
  id BIGINT NOT NULL AUTO_INCREMENT,
  slug VARCHAR(100) NOT NULL,
  name VARCHAR(100) NOT NULL,
  parent_id BIGINT NULL,
  sort_order INT NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_categories_slug (slug),
  CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE categories;

--changeset caddy:001-products
CREATE TABLE products (
  id BIGINT NOT NULL ${idGenerator},
  category_id BIGINT NOT NULL,
  sku VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  description TEXT NULL,
  price DECIMAL(12, 2) NOT NULL,
  stock INT NOT NULL DEFAULT 0,
  image_path VARCHAR(255) NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id) /*T![clustered_index] CLUSTERED */,
  UNIQUE KEY uk_products_sku (sku),
  KEY idx_products_category (category_id, id),
  KEY idx_products_name (name),
  KEY idx_products_price (price, id),
  KEY idx_products_created (created_at, id),
  CONSTRAINT chk_products_stock CHECK (stock >= 0),
  CONSTRAINT chk_products_price CHECK (price >= 0),
  CONSTRAINT fk_products_category FOREIGN KEY (category_id) REFERENCES categories (id)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE products;

--changeset caddy:001-orders
-- Range-partitioned by order time so old months can be archived by partition; the primary key
-- therefore includes created_at. No foreign keys: the service writes an order and its items in
-- one transaction and the consistency check verifies them.
CREATE TABLE orders (
  id BIGINT NOT NULL ${idGenerator},
  created_at DATETIME(3) NOT NULL,
  user_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  total_amount DECIMAL(14, 2) NOT NULL,
  currency CHAR(3) NOT NULL DEFAULT 'EUR',
  item_count INT NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id, created_at) /*T![clustered_index] CLUSTERED */,
  KEY idx_orders_user (user_id, created_at),
  KEY idx_orders_status (status, created_at)
) DEFAULT CHARSET = utf8mb4
PARTITION BY RANGE COLUMNS (created_at) (
  PARTITION p202601 VALUES LESS THAN ('2026-02-01'),
  PARTITION p202602 VALUES LESS THAN ('2026-03-01'),
  PARTITION p202603 VALUES LESS THAN ('2026-04-01'),
  PARTITION p202604 VALUES LESS THAN ('2026-05-01'),
  PARTITION p202605 VALUES LESS THAN ('2026-06-01'),
  PARTITION p202606 VALUES LESS THAN ('2026-07-01'),
  PARTITION p202607 VALUES LESS THAN ('2026-08-01'),
  PARTITION p202608 VALUES LESS THAN ('2026-09-01'),
  PARTITION p202609 VALUES LESS THAN ('2026-10-01'),
  PARTITION p202610 VALUES LESS THAN ('2026-11-01'),
  PARTITION p202611 VALUES LESS THAN ('2026-12-01'),
  PARTITION p202612 VALUES LESS THAN ('2027-01-01'),
  PARTITION p202701 VALUES LESS THAN ('2027-02-01'),
  PARTITION p202702 VALUES LESS THAN ('2027-03-01'),
  PARTITION p202703 VALUES LESS THAN ('2027-04-01'),
  PARTITION p202704 VALUES LESS THAN ('2027-05-01'),
  PARTITION p202705 VALUES LESS THAN ('2027-06-01'),
  PARTITION p202706 VALUES LESS THAN ('2027-07-01'),
  PARTITION p202707 VALUES LESS THAN ('2027-08-01'),
  PARTITION p202708 VALUES LESS THAN ('2027-09-01'),
  PARTITION p202709 VALUES LESS THAN ('2027-10-01'),
  PARTITION p202710 VALUES LESS THAN ('2027-11-01'),
  PARTITION p202711 VALUES LESS THAN ('2027-12-01'),
  PARTITION p202712 VALUES LESS THAN ('2028-01-01'),
  PARTITION pmax VALUES LESS THAN (MAXVALUE)
);
--rollback DROP TABLE orders;

--changeset caddy:001-order-items
CREATE TABLE order_items (
  id BIGINT NOT NULL ${idGenerator},
  order_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  product_name VARCHAR(200) NOT NULL,
  unit_price DECIMAL(12, 2) NOT NULL,
  quantity INT NOT NULL,
  line_total DECIMAL(14, 2) NOT NULL,
  PRIMARY KEY (id) /*T![clustered_index] CLUSTERED */,
  KEY idx_order_items_order (order_id),
  KEY idx_order_items_product (product_id),
  CONSTRAINT chk_order_items_quantity CHECK (quantity > 0)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE order_items;

--changeset caddy:001-idempotency-keys
CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL,
  idempotency_key VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  request_hash CHAR(64) NOT NULL,
  response_status INT NULL,
  response_body MEDIUMTEXT NULL,
  resource_id BIGINT NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  expires_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id, idempotency_key) /*T![clustered_index] CLUSTERED */,
  KEY idx_idempotency_keys_expires (expires_at)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE idempotency_keys;

--changeset caddy:001-system-checks
CREATE TABLE system_checks (
  id BIGINT NOT NULL AUTO_INCREMENT,
  check_name VARCHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL,
  details TEXT NULL,
  started_at DATETIME(3) NOT NULL,
  finished_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY idx_system_checks_name (check_name, started_at)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE system_checks;
