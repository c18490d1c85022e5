-- Authenticated GET /api/cart with a random bearer token from the file BENCH_TOKENS (users whose
-- carts run.sh filled with a few products).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local bench = require("common")

local reqs = {}
function setup(thread) bench.setup(thread) end
function init(args)
  bench.seed()
  for _, token in ipairs(bench.lines(bench.env("BENCH_TOKENS"))) do
    reqs[#reqs + 1] = wrk.format("GET", "/api/cart", { Authorization = "Bearer " .. token })
  end
end
function request() return reqs[math.random(#reqs)] end
function done(summary, latency, requests) bench.done(summary, latency, requests) end
