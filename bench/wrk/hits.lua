-- Page-view beacons from many readers on many articles, as browsers send them.
-- ARTICLE_IDS: comma-separated public article ids; HIT_DELAY_MS: pause per connection between
-- hits (unset: as fast as possible). Requests are made once in init(): building each one in
-- request() would cost wrk more CPU than the service spends on it.
local ids = {}
for id in string.gmatch(os.getenv("ARTICLE_IDS") or "", "%d+") do ids[#ids + 1] = id end
local pause = tonumber(os.getenv("HIT_DELAY_MS") or "")
local headers = {
  ["Content-Type"] = "application/json",
  ["User-Agent"] = "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
}
local requests = {}
local next = 0
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("thread_number", thread_number)
end

function init(args)
  math.randomseed(thread_number)
  for i = 1, 2000 do
    local article = ids[math.random(#ids)]
    local body = '{"path":"/bai-viet/' .. article .. '","articleId":' .. article
        .. ',"visitorId":"bench-reader-' .. math.random(1, 5000) .. '"}'
    requests[i] = wrk.format("POST", "/api/v1/stats/hits", headers, body)
  end
end

function request()
  next = next % #requests + 1
  return requests[next]
end

if pause then
  function delay()
    return pause
  end
end
