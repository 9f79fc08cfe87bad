-- Paces wrk to a fixed total rate: `wrk -tT ... -s pace.lua URL -- RATE T`. Each wrk thread keeps
-- a schedule of one request every T*1000/RATE ms and delays each request until its slot (falling
-- behind sends at once, so a stall is caught up rather than forgotten). Also counts answer bodies
-- ("primary", "canary", anything else) and prints them at the end.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } pace_timespec;
  int clock_gettime(int clk, pace_timespec *ts);
]]
local ts = ffi.new("pace_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

local gap, next_ms
primary, canary, other = 0, 0, 0
function init(args)
  local rate = tonumber(args[1] or "10000")
  local nthreads = tonumber(args[2] or "1")
  gap = 1000 * nthreads / rate
end

function delay()
  local t = now_ms()
  if next_ms == nil then next_ms = t end
  next_ms = next_ms + gap
  local d = next_ms - t
  if d < 1 then return 0 end
  return math.floor(d)
end

function response(status, headers, body)
  if body == "primary\n" then primary = primary + 1
  elseif body == "canary\n" then canary = canary + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local p, c, o = 0, 0, 0
  for _, t in ipairs(threads) do
    p = p + t:get("primary"); c = c + t:get("canary"); o = o + t:get("other")
  end
  io.write(string.format("bodies: primary=%d canary=%d other=%d\n", p, c, o))
end
