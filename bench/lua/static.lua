-- One fixed GET (BENCH_PATH), e.g. the admin port's /ping: the bare reference.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local bench = require("common")

local req
function setup(thread) bench.setup(thread) end
function init(args)
  req = wrk.format("GET", bench.env("BENCH_PATH"))
end
function request() return req end
function done(summary, latency, requests) bench.done(summary, latency, requests) end
