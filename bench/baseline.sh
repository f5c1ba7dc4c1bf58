#!/usr/bin/env bash
# What this machine can do at all: the enrich flow written by hand (bench/Baseline.java: Vert.x and
# GraalJS, nothing else) against Lethe, same wrk command, one after the other. The hand-written server
# runs twice: scripts on the event loop, then (as Lethe does) handed to a pool of one thread per core.
# Usage: bench/baseline.sh [seconds=10] [connections=32]. Last line: "baseline ratio <lethe / the faster hand-written req/s>".
set -euo pipefail
LETHE_BENCH_SECONDS=${1:-${LETHE_BENCH_SECONDS:-10}}; LETHE_BENCH_CONNECTIONS=${2:-${LETHE_BENCH_CONNECTIONS:-32}}
source "$(dirname "$0")/lib.sh"
need_wrk
trap 'stop_lethe; [ -n "${hand_pid:-}" ] && kill "$hand_pid" 2>/dev/null || true' EXIT

"$root/lethe" build >/dev/null
# hand_measure [POOL-THREADS]: starts the hand-written server, measures it, stops it; sets $rps, $p50, $p99, $cpu.
hand_measure() {
  local hand_port; hand_port=$(free_port)
  LETHE_MAIN="$root/bench/Baseline.java" "$root/lethe" "$hand_port" "$root/bench/enrich-sequence.json" "$@" >/dev/null 2>&1 &
  hand_pid=$!
  for _ in $(seq 300); do curl -sf -o /dev/null -X POST -H "Content-Type: application/json" --data @"$shared/enrich-body.json" "http://127.0.0.1:$hand_port/" 2>/dev/null && break; sleep 0.1; done
  wrk_measure "http://127.0.0.1:$hand_port/hooks/enrich" "$hand_pid"
  kill "$hand_pid"; wait "$hand_pid" 2>/dev/null || true; hand_pid=
}
hand_measure
hand_rps=$rps; hand_p50=$p50; hand_p99=$p99; hand_cpu=$cpu
hand_measure "$(nproc)"
pool_rps=$rps; pool_p50=$p50; pool_p99=$p99; pool_cpu=$cpu

start_lethe
create_enrich
wrk_measure "$base/hooks/enrich"
echo "hand-written, on the loop req/s $hand_rps  p50 $hand_p50  p99 $hand_p99  ($hand_cpu)"
echo "hand-written, pool       req/s $pool_rps  p50 $pool_p50  p99 $pool_p99  ($pool_cpu)"
echo "lethe                    req/s $rps  p50 $p50  p99 $p99  ($cpu)"
echo "lethe                    $server"
python3 -c "print('baseline ratio %.2f' % ($rps / max($hand_rps, $pool_rps)))"
