#!/usr/bin/env bash
# Times matgrade's Magpie and stoichiometry features against matminer's on the same
# formulas (Matbench expt_gap, 4,604 formulas) and writes the Magpie section of
# benchmarks/RESULTS.md. benchmarks/run.sh calls it after the neighbor-list benchmark.
#
# Usage: bash benchmarks/magpie/run.sh MATGRADE_BIN_DIR
#   MATGRADE_BIN_DIR holds the release `matgrade` (`swift build -c release --show-bin-path`);
#   the binary's own path is accepted too. MATMINER_VENV overrides the venv (default
#   .venv-matminer in the repo root), FORMULAS the CSV (a `formula` column), RESULTS_FILE
#   the report (default benchmarks/RESULTS.md).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${1:?usage: benchmarks/magpie/run.sh MATGRADE_BIN_DIR}
[ -f "$bin_dir" ] && bin_dir=$(dirname "$bin_dir")
bin_dir=$(cd "$bin_dir" && pwd)
matgrade="$bin_dir/matgrade"
if [ ! -x "$matgrade" ]; then
    echo "benchmark: $matgrade not found; build it with 'swift build -c release --product matgrade'" >&2
    exit 2
fi
formulas=${FORMULAS:-$repo_root/../shared/data/pypi/crabnet-2.0.8/matbench/expt_gap.csv}
if [ ! -f "$formulas" ]; then
    echo "benchmark: $formulas not found; set FORMULAS to a CSV with a 'formula' column" >&2
    exit 2
fi

python=$(bash "$repo_root/scripts/matminer-venv.sh" "${MATMINER_VENV:-$repo_root/.venv-matminer}")
cd "$repo_root"

# One core, one thread per BLAS/OpenMP pool, as in benchmarks/run.sh.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
    pin=(taskset -c 0)
fi
extra=()
[ -x "$bin_dir/magpie-benchmark" ] && extra=(--magpie-benchmark "$bin_dir/magpie-benchmark")
run=("${pin[@]}" "$python" benchmarks/magpie/time_matminer_and_matgrade.py --formulas "$formulas" --matgrade "$matgrade" --repeat 3 "${extra[@]}")

echo "benchmark: matminer vs matgrade, Magpie + stoichiometry (about a minute)" >&2
timings=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${run[@]}")
"$python" benchmarks/magpie/write_results.py --timings "$timings" \
    --command "bash benchmarks/magpie/run.sh $1" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}" \
    --details "${run[*]}"

# Fail loudly when the two sides disagree beyond the kernels' tolerance contract.
"$python" -c 'import json, sys; n = json.loads(sys.argv[1])["values_beyond_tolerance"]; print(f"benchmark: {n} values differ from matminer beyond 1e-11 + 1e-13 |value|", file=sys.stderr) if n else None; sys.exit(1 if n else 0)' "$timings"
