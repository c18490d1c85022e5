--liquibase formatted sql

-- Addresses (issue 16): the shipping address and contact an order was placed with are copied onto the
-- order at checkout (written with the order insert, so checkout costs no extra statement), never a
-- reference to the address book, so editing or deleting an entry never changes a placed order. NULL on
-- orders placed before addresses existed. One statement per column: TiDB before 6.2 adds one column per ALTER.

--changeset caddy:026-orders-ship-name
ALTER TABLE orders ADD COLUMN ship_name VARCHAR(100) NULL;
--rollback ALTER TABLE orders DROP COLUMN ship_name;
--changeset caddy:026-orders-ship-phone
ALTER TABLE orders ADD COLUMN ship_phone VARCHAR(32) NULL;
--rollback ALTER TABLE orders DROP COLUMN ship_phone;
--changeset caddy:026-orders-ship-line1
ALTER TABLE orders ADD COLUMN ship_line1 VARCHAR(200) NULL;
--rollback ALTER TABLE orders DROP COLUMN ship_line1;
--changeset caddy:026-orders-ship-line2
ALTER TABLE orders ADD COLUMN ship_line2 VARCHAR(200) NULL;
--rollback ALTER TABLE orders DROP COLUMN ship_line2;
--changeset caddy:026-orders-ship-city
ALTER TABLE orders ADD COLUMN ship_city VARCHAR(100) NULL;
--rollback ALTER TABLE orders DROP COLUMN ship_city;
--changeset caddy:026-orders-ship-region
ALTER TABLE orders ADD COLUMN ship_region VARCHAR(100) NULL;
--rollback ALTER TABLE orders DROP COLUMN ship_region;
--changeset caddy:026-orders-ship-postal-code
ALTER TABLE orders ADD COLUMN ship_postal_code VARCHAR(20) NULL;
--rollback ALTER TABLE orders DROP COLUMN ship_postal_code;
--changeset caddy:026-orders-ship-country
ALTER TABLE orders ADD COLUMN ship_country CHAR(2) NULL;
--rollback ALTER TABLE orders DROP COLUMN ship_country;

--changeset caddy:026-user-addresses
-- The address book: a handful of entries per account (the service caps it), listed by the account.
CREATE TABLE user_addresses (
  id BIGINT NOT NULL ${idGenerator},
  user_id BIGINT NOT NULL,
  name VARCHAR(100) NOT NULL,
  phone VARCHAR(32) NULL,
  line1 VARCHAR(200) NOT NULL,
  line2 VARCHAR(200) NULL,
  city VARCHAR(100) NOT NULL,
  region VARCHAR(100) NULL,
  postal_code VARCHAR(20) NULL,
  country CHAR(2) NOT NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id) /*T![clustered_index] CLUSTERED */,
  KEY idx_user_addresses_user (user_id, id),
  CONSTRAINT fk_user_addresses_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE user_addresses;
