-- The checkout floor (sysbench, not wrk): the SQL any correct checkout must run, straight at MariaDB,
-- in the bench_floor schema (copies of the service's tables, its own stock): a durable cart write
-- (autocommit), then one transaction that locks the cart line and its product, takes the stock with a
-- conditional update, writes the order and its line and empties the cart. 8 statements, 2 commits per
-- order. Each sysbench thread buys for its own buyers (no two threads share a cart). The buyer's
-- verified address costs the service no statement either: the buyers log in after their addresses are
-- verified, so their tokens carry it (email_verified; VerifiedEmailRequirement reads the users row only
-- for a token issued before the verification).
--   sysbench checkout_floor.lua --buyers=512 --product-min=.. --product-max=.. --threads=32 run
sysbench.cmdline.options = {
  buyers = { "buyers (user ids 1..N, split between the threads)", 512 },
  ["product-min"] = { "first product id to buy", 1 },
  ["product-max"] = { "last product id to buy", 100 },
}

local con, turn

function thread_init()
  con = sysbench.sql.driver():connect()
  turn = 0
  -- Every thread its own random sequence: the same one would have all threads buy the same product at once.
  math.randomseed(os.time() * 1000 + sysbench.tid * 7919)
end

function thread_done()
  con:disconnect()
end

function event()
  local threads = sysbench.opt.threads
  local per_thread = math.max(1, math.floor(sysbench.opt.buyers / threads))
  turn = turn % per_thread + 1
  local user = sysbench.tid + 1 + (turn - 1) * threads
  local product = math.random(sysbench.opt.product_min, sysbench.opt.product_max)
  local quantity = math.random(1, 2)
  con:query(string.format("INSERT INTO cart_items (user_id, product_id, quantity) VALUES (%d, %d, %d) "
    .. "ON DUPLICATE KEY UPDATE quantity = VALUES(quantity), updated_at = CURRENT_TIMESTAMP(3)", user, product, quantity))
  con:query("BEGIN")
  local _, price = con:query_row(string.format("SELECT p.name, p.price, c.quantity FROM cart_items c "
    .. "JOIN products p ON p.id = c.product_id WHERE c.user_id = %d AND c.product_id = %d FOR UPDATE", user, product))
  con:query(string.format("UPDATE products SET stock = stock - %d, updated_at = CURRENT_TIMESTAMP(3) "
    .. "WHERE id = %d AND active = 1 AND stock >= %d", quantity, product, quantity))
  con:query(string.format("INSERT INTO orders (created_at, user_id, status, total_amount, currency, item_count, updated_at) "
    .. "VALUES (NOW(3), %d, 'PENDING', %s * %d, 'EUR', %d, NOW(3))", user, price, quantity, quantity))
  con:query(string.format("INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity, line_total) "
    .. "SELECT LAST_INSERT_ID(), id, name, price, %d, price * %d FROM products WHERE id = %d", quantity, quantity, product))
  con:query(string.format("DELETE FROM cart_items WHERE user_id = %d", user))
  con:query("COMMIT")
end
