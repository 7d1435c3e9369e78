#!/usr/bin/env bash
# Throughput of a study against a shell loop, side by side: tiny runs (softmax, d=2, n=6, 300 Adam steps of 32
# prompts) through one `icl sweep --jobs 2` (one JVM) and through a loop of `icl run` (one JVM per run).
#   bash bench/sweep-throughput.sh [SWEEP_RUNS=200] [LOOP_RUNS=200] [OUT=/tmp/icl-sweep-bench]
# Prints runs per minute of each and their ratio. LOOP_RUNS may be smaller than SWEEP_RUNS to save time: the loop's
# rate is per run (every run pays the same JVM start), so it does not depend on how many runs are timed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sweep_runs="${1:-200}"
loop_runs="${2:-200}"
out="${3:-/tmp/icl-sweep-bench}"
rm -rf "$out" && mkdir -p "$out"
cat >"$out/tiny.yaml" <<YAML
task: {d: 2, n: 6}
train: {steps: 300, batch: 32, lr: 0.01, logEvery: 10, evalEvery: 100, checkpointEvery: 100, snapshots: 3, threads: 1}
eval: {prompts: 128}
YAML
{ cat "$out/tiny.yaml"; printf 'sweep:\n  seeds: %d\n' "$sweep_runs"; } >"$out/study.yaml"
"$here/icl" config "$out/tiny.yaml" >/dev/null   # build once, outside the timings

load0=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s.%N)
"$here/icl" sweep "$out/study.yaml" --jobs 2 --out "$out/sweep" >"$out/sweep.log" 2>&1
t1=$(date +%s.%N)
for i in $(seq 1 "$loop_runs"); do
  "$here/icl" run "$out/tiny.yaml" --set seed="$i" --out "$out/loop/$i" >>"$out/loop.log" 2>&1
done
t2=$(date +%s.%N)

done_sweep=$(grep -c ',completed,' "$out/sweep/study.csv")
done_loop=$(ls "$out"/loop/*/summary.json | wc -l)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v ns="$done_sweep" -v nl="$done_loop" 'BEGIN {
  s = ns / ((b - a) / 60); l = nl / ((c - b) / 60);
  printf "icl sweep --jobs 2: %d runs in %.1f s = %.1f runs/min\n", ns, b - a, s;
  printf "loop of icl run:    %d runs in %.1f s = %.1f runs/min\n", nl, c - b, l;
  printf "ratio: %.1fx more runs per minute through the sweep\n", s / l;
  if (nl < ns) printf "(the loop was timed on %d runs: %d runs of it would take about %.0f s at that rate)\n", nl, ns, ns * (c - b) / nl }' \
  | tee "$out/result.txt"
echo "load average before: $load0; after: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)" | tee -a "$out/result.txt"
