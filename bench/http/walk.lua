-- wrk script for bench/http/run: each connection walks the paths in the
-- file given after "--" (one a line) from a random place, and done() prints
-- one line: RESULT <requests/s> <p50 ms> <p99 ms> <non-2xx> <socket errors>.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do
        if line ~= "" then
            table.insert(paths, line)
        end
    end
    math.randomseed(os.time() + #paths + math.random(1000))
    position = math.random(#paths)
    bad = 0
end

function request()
    position = position % #paths + 1
    return wrk.format("GET", paths[position])
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        bad = bad + 1
    end
end

function done(summary, latency, requests)
    local total_bad = 0
    for _, thread in ipairs(threads) do
        total_bad = total_bad + thread:get("bad")
    end
    local errors = summary.errors
    io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        total_bad, errors.connect + errors.read + errors.write + errors.timeout))
end
