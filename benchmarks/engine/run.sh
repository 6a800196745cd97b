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
mkdir -p "$out/submissions" "$out/cases"
for k in $(seq -w 1 "$students"); do
    cp -r submissions/w06-crystal-graphs/correct "$out/submissions/student$k"
done
# The public cases' inputs and references, for the Python harness (made before any clock).
"$matgrade" inputs w06-crystal-graphs -o "$out/cases" >/dev/null
for case in "$out"/cases/*/; do
    "$matgrade" reference w06-crystal-graphs --input "$case/input.json" --output "$case/reference.json" >/dev/null
done

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then pin=(taskset -c 0); fi

echo "benchmark: python harness, $students students x 3 public cases" >&2
harness=$("${pin[@]}" "$python" benchmarks/engine/harness.py "$out/submissions" "$out/cases")

echo "benchmark: matgrade grade --public-only --jobs 1, same submissions (fresh reference cache)" >&2
start=$("$python" -c 'import time; print(time.time())')
"${pin[@]}" "$matgrade" grade w06-crystal-graphs "$out/submissions" --public-only --jobs 1 \
    -o "$out/reports" --cache "$out/reference-cache" > "$out/grade.txt" 2> "$out/grade.err" || true
end=$("$python" -c 'import time; print(time.time())')

"$python" benchmarks/engine/write_results.py --harness "$harness" --start "$start" --end "$end" \
    --reports "$out/reports/students" --isolation "$(grep -o 'bubblewrap[^;]*\|rlimits only[^;]*' "$out/grade.txt" | head -1)" \
    --command "bash benchmarks/engine/run.sh $1" --students "$students" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}"
