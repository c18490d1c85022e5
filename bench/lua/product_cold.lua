-- GET /api/products/{id}, each id read once: the ids BENCH_ID_MIN..BENCH_ID_MAX are split into one
-- slice per thread and each thread walks its slice in order. run.sh deletes these ids' cache keys
-- right before the round, so every read is the first since the flush (a miss) until a slice runs
-- out; then the walk wraps around (hits), which the report shows through the service's own
-- cache hit/miss counters.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local bench = require("common")

local lo, hi, next_id
function setup(thread) bench.setup(thread) end
function init(args)
  local min, max = bench.num("BENCH_ID_MIN"), bench.num("BENCH_ID_MAX")
  local slice = math.floor((max - min + 1) / thread_count)
  lo = min + (thread_index - 1) * slice
  hi = lo + slice - 1
  next_id = lo
end
function request()
  local id = next_id
  next_id = next_id < hi and next_id + 1 or lo
  return wrk.format("GET", "/api/products/" .. id)
end
function done(summary, latency, requests) bench.done(summary, latency, requests) end
