#!/usr/bin/env bash
# The enrich flow with debugging off, then on (traces captured, redacted, written in the background).
# Usage: bench/debugger.sh [seconds=10]. Last line: "debugger ratio <on req/s / off req/s>" (target >= 0.70).
set -euo pipefail
LETHE_BENCH_SECONDS=${1:-${LETHE_BENCH_SECONDS:-10}}
source "$(dirname "$0")/lib.sh"
[ -f "$shared/post.lua" ] || { echo "bench: peer kit not found at $shared (set LETHE_SHARED_BENCH)" >&2; exit 1; }
need_wrk
trap stop_lethe EXIT
start_lethe
create_enrich
wrk_measure "$base/hooks/enrich"; off=$rps; off_cpu=$cpu
curl -sf -o /dev/null -X PUT "$base/api/debug/sequences/enrich" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $(token)" -d '{"minutes": 30}'
wrk_measure "$base/hooks/enrich"; on=$rps; on_cpu=$cpu
dropped=$(curl -sf "$base/api/debug/sequences/enrich" -H "Authorization: Bearer $(token)" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin).get("droppedTraces", "?"))')
echo "debug off req/s $off ($off_cpu)"
echo "debug on  req/s $on ($on_cpu; traces dropped by the bounded writer: $dropped)"
python3 -c "print('debugger ratio %.2f' % ($on / $off))"
