#!/usr/bin/env bash
# `goodwill import FILE --dry-run --json` against a bare CsvHelper read of the same 30,000-row file, as whole
# processes (start-up, JIT and output included). The variants run alternately, one run each per round, so load that
# comes and goes on a shared machine falls on all of them alike; medians of wall-clock and CPU (user + system) time.
# Usage: bench/import-process.sh [RUNS]   (default 15). Prints a table and the ratio of the medians.
set -euo pipefail
runs="${1:-15}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
dotnet publish "$root/bench/GoodwillFlow.BareRead" -c Release -o "$work/bare" -v:q -nologo >/dev/null
# The way goodwill ships: a RID-specific publish, so ReadyToRun applies (src/GoodwillFlow.Cli/GoodwillFlow.Cli.csproj).
dotnet publish "$root/src/GoodwillFlow.Cli" -c Release -r "$rid" --self-contained false -o "$work/cli" -v:q -nologo >/dev/null
dotnet run -c Release --project "$root/bench/GoodwillFlow.Benchmarks" -- generate "$work/Connections.csv" >/dev/null

python3 - "$runs" \
  "bare CsvHelper read=dotnet $work/bare/GoodwillFlow.BareRead.dll $work/Connections.csv" \
  "goodwill import --dry-run --json=dotnet $work/cli/goodwill.dll import $work/Connections.csv --dry-run --json" \
  "goodwill import --help (start-up)=dotnet $work/cli/goodwill.dll import --help" <<'PY'
import os, statistics, sys, time
runs, variants = int(sys.argv[1]), [a.split("=", 1) for a in sys.argv[2:]]
wall = {name: [] for name, _ in variants}
cpu = {name: [] for name, _ in variants}

def run(command):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        args = command.split()
        os.execvp(args[0], args)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {command}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime

for round in range(runs + 2):  # two warm-up rounds
    for name, command in variants:
        w, c = run(command)
        if round >= 2:
            wall[name].append(w)
            cpu[name].append(c)

(floor, _), (cli, _) = variants[0], variants[1]
# The least CPU time of each variant as well: on a shared machine the median moves with the load, the minimum much less.
print(f"{'':36} {'wall ms':>8} {'CPU ms':>8} {'wall x':>7} {'CPU x':>6} {'min CPU':>8} {'min x':>6}   (medians of {runs}, alternating)")
for name, _ in variants:
    w, c = statistics.median(wall[name]), statistics.median(cpu[name])
    print(f"{name:36} {w * 1000:8.0f} {c * 1000:8.0f} {w / statistics.median(wall[floor]):7.2f} {c / statistics.median(cpu[floor]):6.2f}"
          f" {min(cpu[name]) * 1000:8.0f} {min(cpu[name]) / min(cpu[floor]):6.2f}")
print(f"RATIO goodwill import --json / bare CsvHelper read: median wall "
      f"{statistics.median(wall[cli]) / statistics.median(wall[floor]):.2f}x, "
      f"CPU {statistics.median(cpu[cli]) / statistics.median(cpu[floor]):.2f}x "
      f"(load average {os.getloadavg()[0]:.1f})")
print(f"RATIO goodwill import --json / bare CsvHelper read: least CPU {min(cpu[cli]) / min(cpu[floor]):.2f}x")
PY
