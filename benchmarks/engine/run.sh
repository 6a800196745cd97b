#!/usr/bin/env bash
# Engine overhead per case: `matgrade grade` (sandbox, case folders, input generation,
# references, checks, reports) against a hand-written Python harness with no isolation
# (benchmarks/engine/harness.py), on the same submissions and cases, in the same run.
# Writes the "Engine overhead" section of benchmarks/RESULTS.md.
#
# Usage: bash benchmarks/engine/run.sh MATGRADE_BIN_DIR   (needs root, as grading does)
#   STUDENTS sets how many copies of the correct week-6 submission are graded (default 20).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${1:?usage: benchmarks/engine/run.sh MATGRADE_BIN_DIR}
[ -f "$bin_dir" ] && bin_dir=$(dirname "$bin_dir")
matgrade=$(cd "$bin_dir" && pwd)/matgrade
[ -x "$matgrade" ] || { echo "benchmark: $matgrade not found; swift build -c release --product matgrade" >&2; exit 2; }
students=${STUDENTS:-20}
python=${PYTHON:-python3}
cd "$repo_root"
out=benchmarks/out/engine
rm -rf "$out"
mkdir -p "$out/correct" "$out/trivial" "$out/cases"
# Two workloads: the correct week-6 solution (numpy, ~0.2 s per case), and a trivial program
# that only writes empty answers (~20 ms), whose small, steady run time shows the overhead
# with less noise.
for k in $(seq -w 1 "$students"); do
    cp -r submissions/w06-crystal-graphs/correct "$out/correct/student$k"
    mkdir -p "$out/trivial/student$k"
    printf '%s\n' 'import json, sys' \
        'json.dump({"edges": [], "edge_features": [], "atom_features": [], "megnet_edges": []}, open(sys.argv[2], "w"))' \
        > "$out/trivial/student$k/solution.py"
done
# The public cases' inputs and references, for the Python harness (made before any clock).
"$matgrade" inputs w06-crystal-graphs -o "$out/cases" >/dev/null
for case in "$out"/cases/*/; do
    "$matgrade" reference w06-crystal-graphs --input "$case/input.json" --output "$case/reference.json" >/dev/null
done

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then pin=(taskset -c 0); fi
now() { "$python" -c 'import time; print(time.time())'; }

# Each workload ${repeats} times, the two sides alternating, so that a slow spell of the
# machine hits both; write_results.py takes medians.
repeats=${REPEATS:-3}
runs=()
for workload in correct trivial; do
    for rep in $(seq 1 "$repeats"); do
        echo "benchmark: $workload, pass $rep of $repeats: python harness, then matgrade grade ($students students x 3 public cases)" >&2
        flag=""; [ "$workload" = trivial ] && flag=--no-compare
        harness=$("${pin[@]}" "$python" benchmarks/engine/harness.py "$out/$workload" "$out/cases" $flag)
        reports="$out/reports-$workload-$rep"
        start=$(now)
        "${pin[@]}" "$matgrade" grade w06-crystal-graphs "$out/$workload" --public-only --jobs 1 \
            -o "$reports" --cache "$out/reference-cache-$workload-$rep" > "$out/grade.txt" 2> "$out/grade.err" || true
        end=$(now)
        runs+=("{\"workload\": \"$workload\", \"harness\": $harness, \"start\": $start, \"end\": $end, \"reports\": \"$reports/students\"}")
    done
done

"$python" benchmarks/engine/write_results.py --runs "${runs[@]}" \
    --isolation "$(grep -o 'bubblewrap[^;]*\|rlimits only[^;]*' "$out/grade.txt" | head -1)" \
    --command "bash benchmarks/engine/run.sh $1" --students "$students" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}"
