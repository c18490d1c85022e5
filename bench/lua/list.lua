-- GET /api/products?page=&size=20&category= with a random category (BENCH_CATEGORIES, comma
-- separated slugs) and a random page within that category (BENCH_PAGES pages each).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local bench = require("common")

local reqs = {}
function setup(thread) bench.setup(thread) end
function init(args)
  bench.seed()
  local pages = bench.num("BENCH_PAGES")
  for slug in string.gmatch(bench.env("BENCH_CATEGORIES"), "[^,]+") do
    for page = 1, pages do
      reqs[#reqs + 1] = wrk.format("GET", "/api/products?page=" .. page .. "&size=20&category=" .. slug)
    end
  end
end
function request() return reqs[math.random(#reqs)] end
function done(summary, latency, requests) bench.done(summary, latency, requests) end
