#!/usr/bin/env bash
# Times matgrade's Gaussian-process regression and random forest against scikit-learn 1.9.1
# on the same data and writes the learning section of benchmarks/RESULTS.md. See
# benchmarks/README.md.
#
# Usage: bash benchmarks/learning/run.sh MATGRADE_BIN_DIR
#   MATGRADE_BIN_DIR holds the release `matgrade` (`swift build -c release --show-bin-path`).
#   SKLEARN_VENV overrides the venv (default .venv-sklearn, the fixtures' venv), TREES, FOLDS,
#   MAX_FOLDS and THREADS the forest run (default 500 trees, 5 folds, all run, 2 threads),
#   RESULTS_FILE the report (default benchmarks/RESULTS.md).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${1:?usage: benchmarks/learning/run.sh MATGRADE_BIN_DIR}
[ -f "$bin_dir" ] && bin_dir=$(dirname "$bin_dir")
bin_dir=$(cd "$bin_dir" && pwd)
matgrade="$bin_dir/matgrade"
if [ ! -x "$matgrade" ]; then
    echo "benchmark: $matgrade not found; build it with 'swift build -c release --product matgrade'" >&2
    exit 2
fi
gaps=${GAPS:-$repo_root/../shared/data/pypi/crabnet-2.0.8/matbench/expt_gap.csv}
venv=${SKLEARN_VENV:-$repo_root/.venv-sklearn}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c 'import sklearn; assert sklearn.__version__ == "1.9.1"' 2>/dev/null \
    || "$venv/bin/python" -m pip install --quiet "scikit-learn==1.9.1"
python="$venv/bin/python"
cd "$repo_root"
out=benchmarks/out/learning
mkdir -p "$out"

# (a) GP: one core, one BLAS thread on both sides.
gp_pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then gp_pin=(taskset -c 0); fi
echo "benchmark: Gaussian process, 2000 x 10 / 500, fixed kernel and optimised (a few minutes)" >&2
gp_command=("${gp_pin[@]}" "$python" benchmarks/learning/time_gp.py --out "$out" --matgrade "$matgrade" --repeat "${REPEAT:-3}")
gp=$(env -u OPENBLAS_CORETYPE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 "${gp_command[@]}")

# (b) Random forest on Magpie features of the experimental band gaps, THREADS threads a side.
echo "benchmark: Magpie features of $(basename "$gaps")" >&2
"$matgrade" compute magpie --file "$gaps" --format csv > "$out/expt_gap_magpie.csv"
forest_command=("$python" benchmarks/learning/time_forest.py --features "$out/expt_gap_magpie.csv" --targets "$gaps"
    --out "$out" --matgrade "$matgrade" --trees "${TREES:-500}" --folds "${FOLDS:-5}" --threads "${THREADS:-2}")
[ -n "${MAX_FOLDS:-}" ] && forest_command+=(--max-folds "$MAX_FOLDS")
echo "benchmark: random forest, ${TREES:-500} trees, ${FOLDS:-5}-fold (long)" >&2
forest=$(env -u OPENBLAS_CORETYPE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 "${forest_command[@]}")

"$python" benchmarks/learning/write_results.py --gp "$gp" --forest "$forest" \
    --command "bash benchmarks/learning/run.sh $1" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}" \
    --details "${gp_command[*]}" "$matgrade compute magpie --file $gaps --format csv" "${forest_command[*]}"
