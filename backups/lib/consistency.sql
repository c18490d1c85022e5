-- The service's data-consistency rules (service/src/main/java/com/caddyshop/ops/ConsistencyCheck.java,
-- RULES), run by caddy-restore-drill against a restored copy. Each counts rows that must not
-- exist. backups/tests/run fails when this file and the Java rules differ.
-- rule: orders_without_items
SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id);
-- rule: items_without_order
SELECT COUNT(*) FROM order_items i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = i.order_id);
-- rule: orders_with_wrong_totals
SELECT COUNT(*) FROM orders o
JOIN (SELECT order_id, SUM(quantity) AS quantity, SUM(line_total) AS total
      FROM order_items GROUP BY order_id) s ON s.order_id = o.id
WHERE s.quantity <> o.item_count OR s.total <> o.total_amount;
-- rule: negative_stock
SELECT COUNT(*) FROM products WHERE stock < 0;
-- rule: stock_differs_from_ledger
SELECT COUNT(*) FROM products p
LEFT JOIN (SELECT product_id, SUM(delta) AS total FROM inventory_ledger GROUP BY product_id) l
  ON l.product_id = p.id
WHERE p.stock <> COALESCE(l.total, 0);
-- rule: sessions_without_user
SELECT COUNT(*) FROM user_sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id);
-- rule: profiles_without_user
SELECT COUNT(*) FROM user_profiles p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p.user_id);
