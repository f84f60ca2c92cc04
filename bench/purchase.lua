-- wrk script: durable cover purchases over HTTP, each with a unique Idempotency-Key.
-- Needs TOKEN (a session token) and RUN (a prefix that makes keys unique across runs) in the environment.
local token = os.getenv("TOKEN")
local run = os.getenv("RUN") or "run"
local body = '{"pool_id":"blue-chip","protocol_id":"lendwell","amount":{"amount":"1","asset":"USDC"},"period_days":30}'
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  refused = 0
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/covers", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = run .. "-" .. id .. "-" .. counter,
  }, body)
end

function response(status, headers, body)
  if status ~= 201 then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("refused")
  end
  io.write(string.format("answers other than 201: %d\n", total))
end
