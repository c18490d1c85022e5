-- Cold searches: GET /api/products?q= with texts made up per request from the catalogue's
-- vocabulary (BENCH_WORDS: the words product names are made of, comma separated) and its model
-- numbers (1..BENCH_ID_MAX): a word, a word pair, a number, or a word and a number. With 50,000
-- numbers most texts are new to the run; run.sh retires every cached page before the round.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local bench = require("common")

local words, id_max = {}, 0
function setup(thread) bench.setup(thread) end
function init(args)
  bench.seed()
  for word in string.gmatch(bench.env("BENCH_WORDS"), "[^,]+") do words[#words + 1] = word end
  id_max = bench.num("BENCH_ID_MAX")
end
local function word() return words[math.random(#words)] end
function request()
  local pick, q = math.random(), nil
  if pick < 0.15 then
    q = word()
  elseif pick < 0.3 then
    q = word() .. "%20" .. word()
  elseif pick < 0.65 then
    q = tostring(math.random(10, id_max))
  else
    q = word() .. "%20" .. math.random(10, id_max)
  end
  return wrk.format("GET", "/api/products?q=" .. q)
end
function done(summary, latency, requests) bench.done(summary, latency, requests) end
