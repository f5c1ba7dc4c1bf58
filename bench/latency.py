"""Server-side latency of Lethe's HTTP responses, from the buckets in its /metrics.

  latency.py snapshot METRICS-URL             prints the cumulative bucket counts of POST 200 responses (JSON)
  latency.py since METRICS-URL SNAPSHOT       prints the share within 1 and 2 ms and the p99 since SNAPSHOT

The time from a request's headers being read to its response being written, as the server sees it:
what wrk reports on top of it is time spent waiting in sockets, in the kernel and in wrk itself.
"""
import json
import sys
import urllib.request

SERIES = "vertx_http_server_response_time_seconds_bucket{"


def buckets(url):
    counts = {}
    for line in urllib.request.urlopen(url, timeout=10).read().decode().splitlines():
        if line.startswith(SERIES) and 'code="200"' in line and 'method="POST"' in line:
            le = line[line.index('le="') + 4:].split('"')[0]
            bound = float("inf") if le == "+Inf" else float(le)
            counts[bound] = counts.get(bound, 0) + float(line.rsplit(" ", 1)[1])
    return counts


def main():
    if sys.argv[1] == "snapshot":
        print(json.dumps({repr(k): v for k, v in buckets(sys.argv[2]).items()}))
        return
    before = {float(k): v for k, v in json.loads(sys.argv[3]).items()}
    now = buckets(sys.argv[2])
    delta = sorted((bound, count - before.get(bound, 0)) for bound, count in now.items())
    total = delta[-1][1] if delta else 0
    if total <= 0:
        print("server-side: no responses counted")
        return
    share = lambda limit: next(c for b, c in delta if b >= limit) / total * 100
    rank, low, below = 0.99 * total, 0.0, 0.0
    p99 = float("inf")
    for bound, count in delta:
        if count >= rank:
            p99 = bound if bound == float("inf") else low + (bound - low) * (rank - below) / max(count - below, 1)
            break
        low, below = bound, count
    print(f"server-side (Lethe's /metrics): {share(0.001):.2f} % within 1 ms, {share(0.002):.2f} % within 2 ms, "
          f"p99 ~{p99 * 1000:.2f} ms")


main()
