--liquibase formatted sql

-- Uploaded product images live in the database, so every app node serves every image and the
-- database's backups (TiDB BR full + log backup) cover them. An image is cut into chunks of at
-- most 256 KiB: TiDB refuses a single entry above txn-entry-size-limit (6 MiB by default) and a
-- stored image may be 10 MiB. Names are random UUIDs, so new rows spread over TiDB's regions.
-- An image never changes once stored: a new upload gets a new name.

--changeset caddy:013-product-images
CREATE TABLE product_images (
  name VARCHAR(64) NOT NULL,
  content_type VARCHAR(32) NOT NULL,
  size_bytes INT NOT NULL,
  chunk_count INT NOT NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (name) /*T![clustered_index] CLUSTERED */
) DEFAULT CHARSET = utf8mb4;
CREATE TABLE product_image_chunks (
  name VARCHAR(64) NOT NULL,
  seq INT NOT NULL,
  data MEDIUMBLOB NOT NULL,
  PRIMARY KEY (name, seq) /*T![clustered_index] CLUSTERED */
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE product_image_chunks; DROP TABLE product_images;
