-- Shared by every bench script: parameters from the environment, a per-thread seed, and done()
-- appending one JSON line of results to $BENCH_OUT (the report generator reads these lines).
local M = {}

M.threads = {}

function M.env(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then
    if default == nil then error("bench: environment variable " .. name .. " is not set") end
    return default
  end
  return value
end

function M.num(name, default)
  return tonumber(M.env(name, default and tostring(default) or nil))
end

-- setup() runs in the main state once per thread: number the threads and keep them for done().
function M.setup(thread)
  table.insert(M.threads, thread)
  thread:set("thread_index", #M.threads)
  thread:set("thread_count", 0)
  for _, t in ipairs(M.threads) do t:set("thread_count", #M.threads) end
end

-- Called from init() in each thread's state: distinct random sequences per thread and per run.
function M.seed()
  math.randomseed(os.time() * 1000 + (thread_index or 0) * 7919 + math.floor(os.clock() * 1e6))
  for _ = 1, 10 do math.random() end
end

-- Lines of a file as a table (tokens, search terms...).
function M.lines(path)
  local t = {}
  local f = assert(io.open(path, "r"))
  for line in f:lines() do
    if line ~= "" then t[#t + 1] = line end
  end
  f:close()
  assert(#t > 0, "bench: " .. path .. " is empty")
  return t
end

local function json_value(v)
  if type(v) == "number" then
    if v ~= v or v == math.huge or v == -math.huge then return "null" end
    return string.format("%.6g", v)
  elseif type(v) == "table" then
    local parts = {}
    for k, x in pairs(v) do parts[#parts + 1] = string.format("%q:%s", tostring(k), json_value(x)) end
    table.sort(parts)
    return "{" .. table.concat(parts, ",") .. "}"
  elseif type(v) == "boolean" then
    return tostring(v)
  end
  return string.format("%q", tostring(v))
end

-- Sums the per-thread `counters` tables (status and outcome counts kept by response() hooks).
function M.counters()
  local total = {}
  for _, t in ipairs(M.threads) do
    local c = t:get("counters")
    if type(c) == "table" then
      for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
    end
  end
  return total
end

function M.done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local result = {
    case = M.env("BENCH_CASE"),
    round = M.num("BENCH_ROUND", 0),
    seconds = seconds,
    requests = summary.requests,
    rps = summary.requests / seconds,
    p50_ms = latency:percentile(50) / 1000,
    p99_ms = latency:percentile(99) / 1000,
    max_ms = latency.max / 1000,
    status_errors = e.status,
    socket_errors = e.connect + e.read + e.write + e.timeout,
    timeouts = e.timeout,
    counters = M.counters(),
  }
  local f = assert(io.open(M.env("BENCH_OUT"), "a"))
  f:write(json_value(result), "\n")
  f:close()
end

-- Counts a response status into the thread's `counters` global under "<prefix><status>".
function M.count(prefix, status)
  counters = counters or {}
  local key = prefix .. tostring(status)
  counters[key] = (counters[key] or 0) + 1
end

return M
