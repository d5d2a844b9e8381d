-- wrk script for bench/faults/run: each connection walks the paths in the
-- file given after "--" from a random place; done() prints one line:
-- RESULT <requests> <p50 ms> <p99 ms> <errors: not 2xx/3xx> <socket errors> <stale>
-- where stale counts the responses marked X-Newsroom-Stale.
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
    stale = 0
end

function request()
    position = position % #paths + 1
    return wrk.format("GET", paths[position])
end

function response(status, headers, body)
    if status < 200 or status > 399 then
        bad = bad + 1
    end
    if headers["X-Newsroom-Stale"] or headers["x-newsroom-stale"] then
        stale = stale + 1
    end
end

function done(summary, latency, requests)
    local total_bad, total_stale = 0, 0
    for _, thread in ipairs(threads) do
        total_bad = total_bad + thread:get("bad")
        total_stale = total_stale + thread:get("stale")
    end
    local errors = summary.errors
    io.write(string.format("RESULT %d %.1f %.1f %d %d %d\n", summary.requests,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, total_bad,
        errors.connect + errors.read + errors.write + errors.timeout, total_stale))
end
