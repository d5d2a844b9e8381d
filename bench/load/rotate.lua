-- wrk script: each connection walks the list of paths given after "--"
-- (one a line), starting at a random place, and every response is counted
-- by class. done() prints the totals of all threads.
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
    math.randomseed(os.time() + #paths)
    position = math.random(#paths)
    counts = { ["2xx"] = 0, ["3xx"] = 0, ["4xx"] = 0, ["5xx"] = 0, other = 0 }
end

function request()
    position = position % #paths + 1
    return wrk.format("GET", paths[position])
end

function response(status, headers, body)
    local class = math.floor(status / 100) .. "xx"
    if counts[class] == nil then
        class = "other"
    end
    counts[class] = counts[class] + 1
end

function done(summary, latency, requests)
    local totals = { ["2xx"] = 0, ["3xx"] = 0, ["4xx"] = 0, ["5xx"] = 0, other = 0 }
    for _, thread in ipairs(threads) do
        local thread_counts = thread:get("counts")
        for class, count in pairs(thread_counts) do
            totals[class] = totals[class] + count
        end
    end
    local errors = summary.errors
    io.write(string.format("paths: %d\n", #threads[1]:get("paths")))
    io.write(string.format("requests: %d in %.1f s (%.1f requests/s)\n",
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
    io.write(string.format("latency ms: mean %.1f, p50 %.1f, p90 %.1f, p99 %.1f, max %.1f\n",
        latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000))
    io.write(string.format("responses: 2xx %d, 3xx %d, 4xx %d, 5xx %d, other %d\n",
        totals["2xx"], totals["3xx"], totals["4xx"], totals["5xx"], totals.other))
    io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
        errors.connect, errors.read, errors.write, errors.timeout))
    io.write(string.format("RESULT 5xx=%d socket_errors=%d non_2xx_3xx=%d\n", totals["5xx"],
        errors.connect + errors.read + errors.write + errors.timeout,
        totals["4xx"] + totals["5xx"] + totals.other))
end
