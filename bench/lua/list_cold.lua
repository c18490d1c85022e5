-- Cold list pages: GET /api/products?page=&size=20&sort=[&category=] at a position drawn uniformly
-- over the whole list (BENCH_CATALOG products without a category, BENCH_CATEGORY_PAGES pages per
-- category), half of the requests with a random category of BENCH_CATEGORIES, the sorts at random.
-- Nothing is pre-built or pre-warmed: run.sh retires every cached page before the round.
-- A page beyond BENCH_PAGE_LIMIT (the deepest page number the service serves by number) is asked
-- for as a client following `next` links gets it: `after=<the id of the last product seen>`, here a
-- random product id (BENCH_ID_MAX), with `page=` as well (a service without cursors reads it).
-- BENCH_DEEP=1: only pages beyond BENCH_PAGE_LIMIT (the deep-page case).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local bench = require("common")

local slugs, sorts = {}, { "newest", "price", "-price", "name" }
local all_pages, category_pages, page_limit, id_max, deep
function setup(thread) bench.setup(thread) end
function init(args)
  bench.seed()
  for slug in string.gmatch(bench.env("BENCH_CATEGORIES"), "[^,]+") do slugs[#slugs + 1] = slug end
  all_pages = math.ceil(bench.num("BENCH_CATALOG") / 20)
  category_pages = bench.num("BENCH_CATEGORY_PAGES")
  page_limit = bench.num("BENCH_PAGE_LIMIT")
  id_max = bench.num("BENCH_ID_MAX")
  deep = bench.num("BENCH_DEEP", 0) == 1
end
function request()
  local filter, pages = "", all_pages
  -- A category page deep enough is rarer than the deep-page case needs: deep pages go unfiltered.
  if not deep and math.random() < 0.5 then
    filter = "&category=" .. slugs[math.random(#slugs)]
    pages = category_pages
  end
  local page = deep and math.random(page_limit + 1, pages) or math.random(1, pages)
  local path = "/api/products?page=" .. page .. "&size=20&sort=" .. sorts[math.random(#sorts)] .. filter
  if page > page_limit then
    path = path .. "&after=" .. math.random(1, id_max)
  end
  return wrk.format("GET", path)
end
function done(summary, latency, requests) bench.done(summary, latency, requests) end
