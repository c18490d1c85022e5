--liquibase formatted sql

-- Issue 15: product search without a scan of the catalogue. TiDB 7.5 has no full-text index, so
-- the search index is a table both databases serve alike: every distinct trigram (three characters)
-- of each active product's lower-cased name and its last two characters (the last one for a name of
-- one), as UTF-8 bytes (VARBINARY: compared byte for byte, no collation, no trailing-space padding).
-- A search for a text of three characters or more joins the products having its trigrams, then
-- checks the text itself with LIKE on those few; a two-character text takes the grams it begins
-- (the name's last two characters are a gram so that a text at the very end is found too).
-- The service keeps the rows in step with every product write, in the write's transaction
-- (ProductDao, CatalogService); the changeset below fills them for the products that exist already.

--changeset caddy:023-product-name-grams
CREATE TABLE product_name_grams (
  gram VARBINARY(16) NOT NULL,
  product_id BIGINT NOT NULL,
  PRIMARY KEY (gram, product_id) /*T![clustered_index] CLUSTERED */,
  KEY idx_product_name_grams_product (product_id)
);
--rollback DROP TABLE product_name_grams;

--changeset caddy:023-product-name-grams-backfill
INSERT INTO product_name_grams (gram, product_id)
SELECT DISTINCT CAST(SUBSTRING(LOWER(p.name), n.i, 3) AS BINARY), p.id
FROM products p
JOIN (WITH RECURSIVE positions (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM positions WHERE i < 200)
      SELECT i FROM positions) n ON n.i <= GREATEST(CHAR_LENGTH(p.name) - 1, 1)
WHERE p.active = 1;
--rollback DELETE FROM product_name_grams;
