-- The checkout flow of many buyers: PUT /api/cart/items/{id} then POST /api/orders (with an
-- Idempotency-Key), per buyer in turn; a failed checkout is followed by DELETE of the cart line so
-- the buyer starts clean. Products come from a well-stocked set (BENCH_STOCKED_MIN..MAX, 90%) and
-- a scarce set (BENCH_SCARCE_MIN..MAX, 10%) that sells out.
--
-- wrk does not tell request() which connection it serves, so the flow needs ONE connection per
-- thread (run with -t N -c N): then request() and response() alternate strictly on one socket.
-- Thread t owns the buyers whose line number in BENCH_TOKENS is t modulo the thread count.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local bench = require("common")

local buyers, buyer, product, quantity, state, seq, round
local stocked_min, stocked_max, scarce_min, scarce_max

function setup(thread) bench.setup(thread) end

function init(args)
  bench.seed()
  buyers = {}
  for i, token in ipairs(bench.lines(bench.env("BENCH_TOKENS"))) do
    if (i - 1) % thread_count == thread_index - 1 then buyers[#buyers + 1] = token end
  end
  assert(#buyers > 0, "bench: fewer buyers than threads")
  stocked_min, stocked_max = bench.num("BENCH_STOCKED_MIN"), bench.num("BENCH_STOCKED_MAX")
  scarce_min, scarce_max = bench.num("BENCH_SCARCE_MIN"), bench.num("BENCH_SCARCE_MAX")
  round = bench.num("BENCH_ROUND", 0)
  buyer, seq, state = 0, 0, "put"
  counters = { orders = 0, ordered_units = 0 }
end

local function next_buyer()
  buyer = buyer % #buyers + 1
  if math.random() < 0.1 then
    product = math.random(scarce_min, scarce_max)
  else
    product = math.random(stocked_min, stocked_max)
  end
  quantity = math.random(1, 2)
  state = "put"
end

local function auth(extra)
  local headers = { Authorization = "Bearer " .. buyers[buyer] }
  for k, v in pairs(extra or {}) do headers[k] = v end
  return headers
end

function request()
  if buyer == 0 then next_buyer() end
  if state == "put" then
    return wrk.format("PUT", "/api/cart/items/" .. product, auth({ ["Content-Type"] = "application/json" }),
      '{"quantity":' .. quantity .. '}')
  elseif state == "post" then
    seq = seq + 1
    local key = string.format("bench-r%d-t%d-%d", round, thread_index, seq)
    return wrk.format("POST", "/api/orders", auth({ ["Content-Type"] = "application/json", ["Idempotency-Key"] = key }),
      '{"shippingAddress":{"name":"Bench Buyer","line1":"1 Load Street","city":"Berlin","postalCode":"10115","country":"DE"}}')
  end
  return wrk.format("DELETE", "/api/cart/items/" .. product, auth())
end

function response(status, headers, body)
  if state == "put" then
    bench.count("put_", status)
    if status == 200 then state = "post" else next_buyer() end
  elseif state == "post" then
    bench.count("post_", status)
    if status == 201 then
      counters.orders = counters.orders + 1
      counters.ordered_units = counters.ordered_units + quantity
      next_buyer()
    else
      state = "delete"
    end
  else
    bench.count("delete_", status)
    next_buyer()
  end
end

function done(summary, latency, requests) bench.done(summary, latency, requests) end
