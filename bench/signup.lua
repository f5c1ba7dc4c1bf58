-- POST /hooks/signup with a unique person per request; each wrk thread stops sending after its share.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local n = 0
local limit = tonumber(os.getenv("LETHE_SCALE_PER_THREAD") or "50000")

function request()
  n = n + 1
  local body = string.format('{"email":"p%d-%d@example.org","name":"Person %d-%d","city":"City %d"}', id, n, id, n, n % 100)
  return wrk.format("POST", "/hooks/signup", {["Content-Type"] = "application/json"}, body)
end

function response()
  if n >= limit then
    wrk.thread:stop()
  end
end
