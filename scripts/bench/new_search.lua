-- wrk: every request a search not asked before. The URL ends in a search's words;
-- punctuation is appended to them, which the search ignores (the same words, the
-- same matches) but which makes the words as typed, and so the results' fragment,
-- new. args[1]: a number no earlier run of wrk used (tools.load passes the time in
-- milliseconds; a thread asks fewer than one search per millisecond).
-- Written the same way as tools.new_search, which the in-process figures use.
local marks = {"%2E", "%2C", "%3B", "%3A", "%21", "%3F"}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  counter = tonumber(args[1]) * 100 + id
end

function request()
  counter = counter + 100
  local n, suffix = counter, ""
  while n > 0 do
    suffix = suffix .. marks[n % 6 + 1]
    n = math.floor(n / 6)
  end
  return wrk.format(nil, wrk.path .. suffix)
end
