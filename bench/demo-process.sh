#!/usr/bin/env bash
# `goodwill demo` as a user runs it, timed by phase: start-up (to the campaign line), the drip (to the shortlist),
# printing (to "Finished") and exit (to the end of the process). The floor printed beside it is the demo's own
# pacing: the prompts it emails times the interval, i.e. what no engine could beat.
# Usage: bench/demo-process.sh [RUNS] [extra demo arguments]   (default 3). Release build; medians.
set -euo pipefail
runs="${1:-3}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/GoodwillFlow.Cli" -c Release -o "$work/cli" -v:q -nologo >/dev/null

python3 - "$runs" "$work" "$@" <<'PY'
import os, re, statistics, subprocess, sys, time
runs, work, extra = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
phases = {"start-up": [], "drip": [], "shortlist printed": [], "exit": [], "whole": []}
floors = []
for run in range(runs):
    start = time.perf_counter()
    process = subprocess.Popen(["dotnet", f"{work}/cli/goodwill.dll", "demo", "--out", f"{work}/demo", *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=work)
    seen = {}
    interval = emailed = None
    for line in process.stdout:
        now = time.perf_counter() - start
        if m := re.search(r"one prompt every ([0-9.]+) s", line):
            interval = float(m.group(1))
        if line.startswith("Campaign "):
            seen.setdefault("campaign", now)
        if "Your legacy of goodwill" in line or line.startswith("Outreach shortlist"):
            seen.setdefault("shortlist", now)
        if line.startswith("Finished in"):
            seen.setdefault("finished", now)
    if process.wait() != 0 or len(seen) < 3:
        sys.exit(f"demo run {run + 1} failed (exit {process.returncode}): saw {sorted(seen)}")
    end = time.perf_counter() - start
    emailed = len([f for f in os.listdir(f"{work}/demo/outbox") if f.endswith(".eml")])
    phases["start-up"].append(seen["campaign"])
    phases["drip"].append(seen["shortlist"] - seen["campaign"])
    phases["shortlist printed"].append(seen["finished"] - seen["shortlist"])
    phases["exit"].append(end - seen["finished"])
    phases["whole"].append(end)
    floors.append(emailed * interval)  # prompt emails (plus the shortlist email) times the gap
    print(f"run {run + 1}: {end:5.1f} s  ({emailed} emails at {interval} s)", flush=True)

print(f"{'phase':20} {'median s':>9}   (of {runs} runs, load average {os.getloadavg()[0]:.1f})")
for name, values in phases.items():
    print(f"{name:20} {statistics.median(values):9.1f}")
floor = statistics.median(floors)
print(f"RATIO goodwill demo wall clock / its own pacing (emails x interval = {floor:.1f} s): "
      f"{statistics.median(phases['whole']) / floor:.2f}x; whole run {statistics.median(phases['whole']):.1f} s (goal <= 15 s)")
PY
