-- POST /api/auth/login for a random account of the login pool (BENCH_LOGIN_USERS accounts named
-- login-<n>@bench.caddyshop.test, all with password BENCH_PASSWORD, hashed at the production cost).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local bench = require("common")

local reqs = {}
function setup(thread) bench.setup(thread) end
function init(args)
  bench.seed()
  local password = bench.env("BENCH_PASSWORD")
  local headers = { ["Content-Type"] = "application/json" }
  for n = 1, bench.num("BENCH_LOGIN_USERS") do
    local body = string.format('{"email":"login-%d@bench.caddyshop.test","password":"%s"}', n, password)
    reqs[#reqs + 1] = wrk.format("POST", "/api/auth/login", headers, body)
  end
end
function request() return reqs[math.random(#reqs)] end
function response(status, headers, body) bench.count("login_", status) end
function done(summary, latency, requests) bench.done(summary, latency, requests) end
