#!/usr/bin/env bash
# Convex hulls: matgrade vs pymatgen's PhaseDiagram on a seeded 4-element system of 500
# entries, in the same run; writes the hull section of benchmarks/RESULTS.md.
#
# Usage: bash benchmarks/hull/run.sh MATGRADE_BIN_DIR   (ELEMENTS, ENTRIES, REPEAT override;
#   pymatgen comes from the venv of scripts/pymatgen-venv.sh, default .venv-fixtures)
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${1:?usage: benchmarks/hull/run.sh MATGRADE_BIN_DIR}
matgrade=$(cd "$bin_dir" && pwd)/matgrade
[ -x "$matgrade" ] || { echo "benchmark: $matgrade not found; swift build -c release --product matgrade" >&2; exit 2; }
python=$(bash "$repo_root/scripts/pymatgen-venv.sh" "${PYMATGEN_VENV:-$repo_root/.venv-fixtures}")
out=$repo_root/benchmarks/out/hull
rm -rf "$out"; mkdir -p "$out"
cd "$repo_root"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" "$python" benchmarks/hull/time_pymatgen_and_matgrade.py --matgrade "$matgrade" --elements "${ELEMENTS:-4}" \
    --entries "${ENTRIES:-500}" --repeat "${REPEAT:-3}" --out "$out" \
    --command "bash benchmarks/hull/run.sh $1" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}"
