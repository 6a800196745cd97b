#!/usr/bin/env bash
# A whole cohort, end to end (issue 4's "done means"): scripts/cohort/make_cohort.py makes
# STUDENTS students x every exercise with sample submissions (late, missing, duplicate,
# archived, zip-slip and hostile hand-ins among them), `matgrade grade --all --jobs JOBS`
# grades it with public and hidden cases into one gradebook, then the same cohort is graded as
# SHARDS shard processes (one after another, each --jobs JOBS) whose gradebooks are merged and
# compared with the single run. Throughput (submissions per minute) and the engine's time per
# case are written to the "cohort-benchmark" section of benchmarks/RESULTS.md.
#
# Usage: bash benchmarks/cohort/run.sh MATGRADE_BIN_DIR   (as root, as grading is)
#   STUDENTS (300), JOBS (2), SHARDS (0: skip the shard pass), SEED (7), WALL_CAP / CPU_CAP
#   (60 / 30 s: per-run caps under the exercises' own limits; the correct week-7 sample needs
#   more than 8 s of CPU on some re-reduced skewed copies, so do not cap CPU below its need)
#   RESUME=1 continues a run that was stopped (killed, machine restarted): it keeps the cohort and
#   the gradebook in benchmarks/out/cohort, `grade --all` skips what is already committed, and the
#   wall time counts the earlier segments (each ends at the last progress line it wrote).
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${1:?usage: benchmarks/cohort/run.sh MATGRADE_BIN_DIR}
matgrade=$(cd "$bin_dir" && pwd)/matgrade
[ -x "$matgrade" ] || { echo "benchmark: $matgrade not found; swift build -c release --product matgrade" >&2; exit 2; }
students=${STUDENTS:-300}; jobs=${JOBS:-2}; shards=${SHARDS:-0}; seed=${SEED:-7}
python=${PYTHON:-python3}
out=$repo_root/benchmarks/out/cohort
cd "$repo_root"
export MATGRADE_SECRET=${MATGRADE_SECRET:-cohort-benchmark-secret-not-for-courses}
now() { "$python" -c 'import time; print(time.time())'; }
earlier=0
if [ "${RESUME:-0}" = 1 ] && [ -f "$out/cohort/.expected.csv" ] && [ -f "$out/segment-start" ]; then
    # The stopped segment ran from segment-start to the last progress line (single.err's mtime).
    earlier=$("$python" -c "import os; print($(cat "$out/elapsed" 2>/dev/null || echo 0) + os.path.getmtime('$out/single.err') - $(cat "$out/segment-start"))")
    echo "cohort: resuming; earlier segments took ${earlier%.*} s" >&2
else
    rm -rf "$out"; mkdir -p "$out"
    "$python" scripts/cohort/make_cohort.py "$out/cohort" --students "$students" --seed "$seed"
fi
caps=(--max-wall-seconds "${WALL_CAP:-60}" --max-cpu-seconds "${CPU_CAP:-30}")

echo "cohort: grading $students students, --all --jobs $jobs" >&2
segment_start=$(now)
echo "$earlier" > "$out/elapsed"; echo "$segment_start" > "$out/segment-start"
start=$("$python" -c "print($segment_start - $earlier)")
status=0
"$matgrade" grade --all "$out/cohort" --jobs "$jobs" "${caps[@]}" -o "$out/single" --cache "$out/cache" \
    >> "$out/single.txt" 2>> "$out/single.err" || status=$?
end=$(now)
[ "$status" -le 1 ] || { echo "cohort: grade failed (exit $status)"; tail -20 "$out/single.err"; exit 1; }

shard_note=""
if [ "$shards" -gt 0 ]; then
    for k in $(seq 1 "$shards"); do
        "$matgrade" grade --all "$out/cohort" --jobs "$jobs" "${caps[@]}" --shard "$k/$shards" -o "$out/shard-$k" \
            --cache "$out/cache" > /dev/null 2>> "$out/shards.err" || [ $? -le 1 ]
    done
    "$matgrade" gradebook merge "$out"/shard-*/gradebook.sqlite -o "$out/merged.sqlite" > "$out/merge.txt"
    if cmp -s <("$matgrade" gradebook export "$out/single/gradebook.sqlite") <("$matgrade" gradebook export "$out/merged.sqlite"); then
        shard_note="$shards shards merged: identical export"
    else
        shard_note="$shards shards merged: EXPORT DIFFERS"; echo "cohort: $shard_note" >&2; exit 1
    fi
fi

"$python" benchmarks/cohort/write_results.py --gradebook "$out/single/gradebook.sqlite" --expected "$out/cohort/.expected.csv" \
    --start "$start" --end "$end" --jobs "$jobs" --students "$students" --shards-note "$shard_note" --summary "$out/single.txt" \
    --command "STUDENTS=$students JOBS=$jobs SHARDS=$shards WALL_CAP=${WALL_CAP:-60} CPU_CAP=${CPU_CAP:-30} bash benchmarks/cohort/run.sh $1" \
    --output "${RESULTS_FILE:-benchmarks/RESULTS.md}"
