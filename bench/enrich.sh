#!/usr/bin/env bash
# Enrich flow, Lethe vs Node-RED, same machine, same wrk command, one after the other.
# Usage: bench/enrich.sh [seconds=10] [connections=32]. Last line: "enrich ratio <lethe req/s / node-red req/s>".
set -euo pipefail
LETHE_BENCH_SECONDS=${1:-${LETHE_BENCH_SECONDS:-10}}; LETHE_BENCH_CONNECTIONS=${2:-${LETHE_BENCH_CONNECTIONS:-32}}
source "$(dirname "$0")/lib.sh"
[ -f "$shared/post.lua" ] || { echo "bench: peer kit not found at $shared (set LETHE_SHARED_BENCH)" >&2; exit 1; }
need_wrk
trap stop_lethe EXIT

start_lethe
create_enrich
idle=$(rss_mb)
wrk_measure "$base/hooks/enrich"
lethe_rps=$rps; lethe_p50=$p50; lethe_p99=$p99; lethe_cpu=$cpu; lethe_server=$server; loaded=$(rss_mb)
stop_lethe

if [ "${LETHE_BENCH_SMOKE:-0}" = 1 ]; then
  echo "lethe req/s $lethe_rps p50 $lethe_p50 p99 $lethe_p99 rss idle ${idle} MB loaded ${loaded} MB ($lethe_cpu; $lethe_server)"
  echo "enrich smoke ok"; exit 0
fi
nr_out=$(bash "$shared/nodered/run.sh" "$secs" "$conns")
echo "$nr_out" >&2
nr_rps=$(echo "$nr_out" | awk '/^nodered req\/s/ {print $3}')
# run.sh (the peer kit's) runs wrk without --latency: its mean and max latency are what there is to print
nr_mean=$(echo "$nr_out" | awk '$1=="Latency" {print $2}'); nr_max=$(echo "$nr_out" | awk '$1=="Latency" {print $4}')
echo "lethe    req/s $lethe_rps  p50 ${lethe_p50:-?}  p99 ${lethe_p99:-?}  rss idle ${idle} MB, under load ${loaded} MB"
echo "lethe    $lethe_cpu"
echo "lethe    $lethe_server"
echo "node-red req/s $nr_rps  latency mean ${nr_mean:-?}, max ${nr_max:-?} (run.sh gives no percentiles)"
python3 -c "print('enrich ratio %.2f' % ($lethe_rps / $nr_rps))"
