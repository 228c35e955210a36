#!/usr/bin/env bash
# `goodwill import FILE --dry-run --json` against a bare CsvHelper read of the same 30,000-row file, as whole
# processes (start-up, JIT and output included), timed with hyperfine (apt-get install hyperfine).
# Usage: bench/import-process.sh [RUNS]   (default 15). Prints hyperfine's table and the ratio of the medians.
set -euo pipefail
runs="${1:-15}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v hyperfine >/dev/null || { echo "hyperfine is not installed: apt-get install -y hyperfine" >&2; exit 1; }
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
dotnet publish "$root/bench/GoodwillFlow.BareRead" -c Release -o "$work/bare" -v:q -nologo >/dev/null
# The way goodwill ships: a RID-specific publish, so ReadyToRun applies (src/GoodwillFlow.Cli/GoodwillFlow.Cli.csproj).
dotnet publish "$root/src/GoodwillFlow.Cli" -c Release -r "$rid" --self-contained false -o "$work/cli" -v:q -nologo >/dev/null
dotnet run -c Release --project "$root/bench/GoodwillFlow.Benchmarks" -- generate "$work/Connections.csv" >/dev/null

hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/times.json" \
  -n "bare CsvHelper read" "dotnet $work/bare/GoodwillFlow.BareRead.dll $work/Connections.csv" \
  -n "goodwill import --dry-run --json" "dotnet $work/cli/goodwill.dll import $work/Connections.csv --dry-run --json"
python3 - "$work/times.json" <<'PY'
import json, statistics, sys
bare, cli = json.load(open(sys.argv[1]))["results"]
print(f"RATIO goodwill import --json / bare CsvHelper read: median wall {statistics.median(cli['times']) / statistics.median(bare['times']):.2f}x, "
      f"CPU {(cli['user'] + cli['system']) / (bare['user'] + bare['system']):.2f}x")
PY
