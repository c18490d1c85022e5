-- GET /api/products?q= with a random search text from the file BENCH_TERMS (one per line,
-- already URL-encoded).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local bench = require("common")

local reqs = {}
function setup(thread) bench.setup(thread) end
function init(args)
  bench.seed()
  for _, term in ipairs(bench.lines(bench.env("BENCH_TERMS"))) do
    reqs[#reqs + 1] = wrk.format("GET", "/api/products?q=" .. term)
  end
end
function request() return reqs[math.random(#reqs)] end
function done(summary, latency, requests) bench.done(summary, latency, requests) end
