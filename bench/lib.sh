# Shared by the bench scripts: build and start Lethe on a temp data dir, create the enrich flow,
# measure with wrk. Sourced, not run.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${LETHE_SHARED_BENCH:-$root/../shared/bench}
secs=${LETHE_BENCH_SECONDS:-10}
conns=${LETHE_BENCH_CONNECTIONS:-32}
password=bench-admin-password

need_wrk() {
  command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_lethe: builds if needed, starts on $port with data in $work; sets $lethe_pid, $base.
start_lethe() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/lethe-bench.XXXXXX")
  port=$(free_port)
  base="http://127.0.0.1:$port"
  "$root/lethe" build >/dev/null
  launch_lethe
}

# launch_lethe: starts the built Lethe on $port with the data in $work (again, after a kill: a restart); sets $lethe_pid.
launch_lethe() {
  LETHE_ADMIN_PASSWORD=$password "$root/lethe" serve --port "$port" --data "$work/data" >>"$work/lethe.log" 2>&1 &
  lethe_pid=$!
  for _ in $(seq 200); do curl -sf -m 2 -o /dev/null "$base/health" && return 0; sleep 0.1; done
  echo "bench: Lethe did not start, see $work/lethe.log" >&2; keep_work=1; return 1
}

# stop_lethe: stops it and removes its temp data dir (kept when it did not start, for its log).
stop_lethe() {
  [ -n "${lethe_pid:-}" ] && kill "$lethe_pid" 2>/dev/null && wait "$lethe_pid" 2>/dev/null || true
  lethe_pid=
  [ -n "${work:-}" ] && [ -z "${keep_work:-}" ] && rm -rf "$work"
  true
}

token() {
  curl -sf -X POST "$base/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

create_enrich() {
  curl -sf -o /dev/null -X POST "$base/api/sequences" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $(token)" --data @"$root/bench/enrich-sequence.json"
}

rss_mb() {
  # the JVM is the launcher's exec'd child: same pid
  awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$lethe_pid/status"
}

warmup=${LETHE_BENCH_WARMUP:-50}
churn=${LETHE_BENCH_CHURN:-5}
settle=${LETHE_BENCH_SETTLE:-12}

# settle URL PID: after the fixed warm-up, up to $settle more 10-s rounds at full load while the JIT compilers still
# use more than 5 % of a core in a round (on a machine half as fast, GraalJS's second-tier compilations of
# the script take 4-6 s each and are still running after 50 s; measured then, they take a third of the CPU).
settle() {
  local round before after
  for round in $(seq "$settle"); do
    before=$(python3 "$root/bench/cpu.py" compilers "$2")
    wrk -t2 -c"$conns" -d10s -s "$shared/post.lua" "$1" >/dev/null
    after=$(python3 "$root/bench/cpu.py" compilers "$2")
    [ $((after - before)) -le $((10 * $(getconf CLK_TCK) / 20)) ] && return 0
    echo "bench: JIT compilers still busy after $round more round(s) of warm-up ($((after - before)) ticks in 10 s)" >&2
  done
}

# wrk_measure URL [PID]: warm-up (at full load on 2 cores the JITs need ~30 s to reach full speed; Node-RED's run.sh warms
# 5 s; 50 s so that it also covers the first run of Lethe's hourly jobs, one minute after start, whose new database
# connections otherwise land in the measured run and make C2 recompile Netty code the HTTP server shares), then $churn short runs on new connections (a server that has run a while has seen connections come and go: the
# first new ones after a long steady run make C2 drop and recompile the event loop's code, 1.5-2 us of compiler CPU per
# request and a slower loop in the measured run otherwise), then a measured run; sets $rps, $p50, $p99 (ms) and $cpu, the server's (PID, default Lethe's)
# CPU time per request by thread kind: steadier than req/s, which moves with whatever shares the cores.
# Against Lethe (no PID given) also $server: the latency Lethe itself saw, from its /metrics buckets.
wrk_measure() {
  local pid=${2:-${lethe_pid:-}}
  wrk -t2 -c"$conns" -d"${warmup}s" -s "$shared/post.lua" "$1" >/dev/null
  settle "$1" "$pid"
  local out before buckets=""
  # /metrics is read just before the measured run: read it once here too, so that its first reading (a new
  # connection through the router, the first scrape) is not what the JIT reacts to in the measured run
  [ -z "${2:-}" ] && python3 "$root/bench/latency.py" snapshot "$base/metrics" >/dev/null
  for _ in $(seq "$churn"); do wrk -t2 -c"$conns" -d2s -s "$shared/post.lua" "$1" >/dev/null; done
  [ -z "${2:-}" ] && buckets=$(python3 "$root/bench/latency.py" snapshot "$base/metrics")
  before=$(python3 "$root/bench/cpu.py" snapshot "$pid")
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$shared/post.lua" "$1")
  echo "$out" >&2
  cpu=$(python3 "$root/bench/cpu.py" since "$pid" "$before" "$(echo "$out" | awk '/requests in/ {print $1}')")
  server=""
  [ -n "$buckets" ] && server=$(python3 "$root/bench/latency.py" since "$base/metrics" "$buckets")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
}
