-- wrk script for bench/load.sh: mixed traffic against a running Claimtrail (read the settings
-- from the environment that load.sh sets). Each wrk thread runs this file in its own Lua state,
-- so counters live in per-thread globals and done() (in the main state) adds them up through the
-- thread handles kept by setup(). Acknowledged writes are appended to one file per thread, so
-- load.sh can compare them with what the database holds.

local function need(name)
  local v = os.getenv(name)
  if v == nil or v == "" then
    error(name .. " is not set: run this script through bench/load.sh")
  end
  return v
end

local function split(s)
  local t = {}
  for w in s:gmatch("%S+") do
    t[#t + 1] = w
  end
  return t
end

local cookie = need("LOAD_COOKIE")
local origin = need("LOAD_ORIGIN")
local slug = need("LOAD_SLUG")
local workspaces = split(need("LOAD_WORKSPACES"))
local words = split(need("LOAD_WORDS"))
local comment_path = need("LOAD_COMMENT_PATH")
local write_claim = need("LOAD_WRITE_CLAIM")
local out = need("LOAD_OUT")

-- The mix, cumulative shares of requests. Anonymous readers dominate (shared links, search,
-- aggregators reading the feed); reviewers read the queue and their workspaces; about one
-- request in a hundred writes.
local mix = {
  { 0.35, "page" },
  { 0.55, "search" },
  { 0.65, "feed" },
  { 0.77, "queue" },
  { 0.99, "workspace" },
  { 1.00, "write" },
}

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

-- Per-thread state (globals of this thread's Lua state; done() reads them with thread:get).
function init(args)
  math.randomseed(os.time() + id * 7919)
  sent_page, sent_search, sent_feed, sent_queue, sent_workspace, sent_write = 0, 0, 0, 0, 0, 0
  status_2xx, status_3xx, status_4xx, status_5xx = 0, 0, 0, 0
  write_ok, json_errors = 0, 0
  seq = 0
  okfile = assert(io.open(out .. "/acked-" .. id .. ".txt", "w"))
  errfile = assert(io.open(out .. "/errors-" .. id .. ".txt", "w"))
  anon = {}
  signed_in = { ["Cookie"] = cookie }
  writing = {
    ["Cookie"] = cookie,
    ["Origin"] = origin,
    -- What a hydrated ActionForm sends: the form's fields URL-encoded, JSON back.
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }
end

local function pick()
  local r = math.random()
  for _, m in ipairs(mix) do
    if r < m[1] then
      return m[2]
    end
  end
  return "page"
end

function request()
  local kind = pick()
  if kind == "page" then
    sent_page = sent_page + 1
    return wrk.format("GET", "/claims/" .. slug, anon)
  elseif kind == "search" then
    sent_search = sent_search + 1
    return wrk.format("GET", "/claims?q=" .. words[math.random(#words)], anon)
  elseif kind == "feed" then
    sent_feed = sent_feed + 1
    return wrk.format("GET", "/feeds/claimreview.json", anon)
  elseif kind == "queue" then
    sent_queue = sent_queue + 1
    return wrk.format("GET", "/review", signed_in)
  elseif kind == "workspace" then
    sent_workspace = sent_workspace + 1
    return wrk.format("GET", "/review/claims/" .. workspaces[math.random(#workspaces)], signed_in)
  end
  sent_write = sent_write + 1
  seq = seq + 1
  -- A marker unique across threads, so each acknowledged comment can be found in the database.
  local marker = "load-" .. id .. "-" .. seq
  local body = "claim_id=" .. write_claim .. "&body=" .. marker .. "+checked+against+the+source"
  return wrk.format("POST", comment_path, writing, body)
end

local function header(headers, name)
  for k, v in pairs(headers) do
    if k:lower() == name then
      return v
    end
  end
  return ""
end

-- wrk does not say which request a response answers (a thread's connections interleave), so a
-- write is recognised by its answer: the server function's JSON (a comment with our marker, or
-- the error it returned). Pages are HTML and the feed never shows comments.
function response(status, headers, body)
  local json = header(headers, "content-type"):find("json", 1, true) ~= nil
  if status < 300 then
    status_2xx = status_2xx + 1
    if json then
      local marker = body:match('"body":"(load%-%d+%-%d+) checked against the source"')
      if marker then
        write_ok = write_ok + 1
        okfile:write(marker, "\n")
        okfile:flush()
      end
    end
  elseif status < 400 then
    status_3xx = status_3xx + 1
  else
    if status < 500 then
      status_4xx = status_4xx + 1
    else
      status_5xx = status_5xx + 1
    end
    -- Server functions answer errors in JSON, pages in HTML: these are mostly refused writes.
    if json then
      json_errors = json_errors + 1
    end
    errfile:write(status, " ", body:sub(1, 300):gsub("%s+", " "), "\n")
    errfile:flush()
  end
end

function done(summary, latency, requests)
  local total = {}
  local keys = {
    "sent_page", "sent_search", "sent_feed", "sent_queue", "sent_workspace", "sent_write",
    "status_2xx", "status_3xx", "status_4xx", "status_5xx", "write_ok", "json_errors",
  }
  for _, k in ipairs(keys) do
    total[k] = 0
  end
  for _, t in ipairs(threads) do
    for _, k in ipairs(keys) do
      total[k] = total[k] + (t:get(k) or 0)
    end
  end
  local e = summary.errors
  -- One line of key=value pairs for load.sh to read.
  io.write(string.format("LOAD requests=%d duration_us=%d", summary.requests, summary.duration))
  for _, k in ipairs(keys) do
    io.write(string.format(" %s=%d", k, total[k]))
  end
  io.write(string.format(" connect_errors=%d read_errors=%d write_errors=%d timeouts=%d",
    e.connect, e.read, e.write, e.timeout))
  io.write(string.format(" p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
