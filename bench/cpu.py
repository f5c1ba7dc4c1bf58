"""Server CPU time per request, by thread kind, from /proc (steadier than req/s from run to run).

  cpu.py snapshot PID                  prints the CPU ticks of each of PID's threads (JSON)
  cpu.py since PID SNAPSHOT REQUESTS   prints µs of CPU per request since SNAPSHOT, per thread kind
  cpu.py compilers PID                 prints the CPU ticks of PID's JIT compiler threads (HotSpot's C1, C2; GraalJS's)
"""
import json
import os
import sys

# Thread names as /proc gives them: cut to 15 characters.
KINDS = (("event loop", ("vert.x-eventloo",)), ("runs", ("lethe-run", "pool-")))
COMPILERS = ("C1 CompilerThre", "C2 CompilerThre", "TruffleCompiler")


def ticks(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue  # the thread ended
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out[tid] = [name, int(fields[11]) + int(fields[12])]  # utime + stime
    return out


def kind(name):
    return next((k for k, prefixes in KINDS if name.startswith(prefixes)), "other")


if sys.argv[1] == "snapshot":
    print(json.dumps(ticks(sys.argv[2])))
elif sys.argv[1] == "compilers":
    print(sum(t for name, t in ticks(sys.argv[2]).values() if name.startswith(COMPILERS)))
else:
    before, requests = json.loads(sys.argv[3]), int(sys.argv[4])
    per_tick_us = 1e6 / os.sysconf("SC_CLK_TCK")
    spent = {}
    for tid, (name, now) in ticks(sys.argv[2]).items():
        spent[kind(name)] = spent.get(kind(name), 0) + now - before.get(tid, [name, 0])[1]
    order = [k for k, _ in KINDS] + ["other"]
    us = {k: spent.get(k, 0) * per_tick_us / max(requests, 1) for k in order}
    print(", ".join(f"{k} {us[k]:.1f}" for k in order) + f", in all {sum(us.values()):.1f} µs CPU per request")
