#!/usr/bin/env bash
# One large model, as a user meets it: N people signed up through a hook (wrk, bench/signup.lua), Lethe restarted,
# then the first list page and counts after the start, warm list pages, a filter, filing, planning and running a subject
# purge (a second admin approves), a backup and deleting the model with its instances, each timed through the REST API
# (bench/scale.py). Embedded database, default settings.
# Usage: bench/scale.sh [instances, default 100000]. Last line: "scale delete-model seconds N".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_wrk
instances=${1:-100000}
trap stop_lethe EXIT
start_lethe
python3 "$root/bench/scale.py" "$base" "$password" setup
# wrk's threads stop sending at their share, but wrk itself waits out its duration: stopped once all are stored
LETHE_SCALE_PER_THREAD=$((instances / 2)) wrk -t2 -c10 -d600s -s "$root/bench/signup.lua" "$base" >/dev/null &
wrk_pid=$!
while kill -0 "$wrk_pid" 2>/dev/null; do
  sleep 2
  [ "$(python3 "$root/bench/scale.py" "$base" "$password" count)" -ge $((instances - 10)) ] && kill "$wrk_pid" && break
done
wait "$wrk_pid" 2>/dev/null || true
# a restart: what the first reads after a start cost (the page cache is filled in the background from the start on)
kill "$lethe_pid" && wait "$lethe_pid" 2>/dev/null || true
launch_lethe
python3 "$root/bench/scale.py" "$base" "$password" measure
