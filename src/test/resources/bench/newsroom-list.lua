-- wrk script of StoryBenchmark: POSTs the newsroom list query (the 20 newest stories with their
-- versions and channels) with a chief editor's bearer token, and counts answers that carry
-- GraphQL errors (those still come back as HTTP 200).
--
--   BENCH_TOKEN=<token> BENCH_BODY='{"query":"..."}' \
--     taskset -c 0 wrk -t1 -c16 -d20s --latency -s newsroom-list.lua http://127.0.0.1:8080/graphql

local token = os.getenv("BENCH_TOKEN")
local body = os.getenv("BENCH_BODY")
if token == nil or body == nil then
  error("set BENCH_TOKEN and BENCH_BODY")
end

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  graphql_errors = 0
end

function response(status, headers, response_body)
  if status == 200 and string.find(response_body, '"errors"', 1, true) then
    graphql_errors = graphql_errors + 1
  end
end

function done(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do
    errors = errors + (thread:get("graphql_errors") or 0)
  end
  io.write(string.format("GraphQL errors: %d\n", errors))
end
