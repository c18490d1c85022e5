-- GET /api/products/{id} with ids drawn uniformly from BENCH_ID_MIN..BENCH_ID_MAX (a set warmed
-- into the cache beforehand: the cache-hit case). Requests are pre-built, as wrk advises.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local bench = require("common")

local reqs = {}
function setup(thread) bench.setup(thread) end
function init(args)
  bench.seed()
  local lo, hi = bench.num("BENCH_ID_MIN"), bench.num("BENCH_ID_MAX")
  for id = lo, hi do reqs[#reqs + 1] = wrk.format("GET", "/api/products/" .. id) end
end
function request() return reqs[math.random(#reqs)] end
function done(summary, latency, requests) bench.done(summary, latency, requests) end
