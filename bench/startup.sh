#!/usr/bin/env bash
# Start-up: from process start to the first 200 on /health, embedded database, fresh data dir.
# Usage: bench/startup.sh [runs=3]. Last line: "startup seconds <median>".
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$root/lethe" build >/dev/null
times=()
for _ in $(seq "${1:-3}"); do
  work=$(mktemp -d "${TMPDIR:-/tmp}/lethe-start.XXXXXX"); port=$(free_port)
  t0=$(date +%s%N)
  LETHE_ADMIN_PASSWORD=$password "$root/lethe" serve --port "$port" --data "$work/data" >"$work/log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.02; done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$work"
  times+=("$(( (t1 - t0) / 1000000 ))")
done
echo "start-up runs (ms): ${times[*]}"
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "startup seconds %.2f\n", a[int((NR+1)/2)]/1000}'
