#!/usr/bin/env bash
# Times matgrade's neighbor search against pymatgen's on the same 200 structures and
# writes benchmarks/RESULTS.md. See benchmarks/README.md.
#
# Usage: bash benchmarks/run.sh MATGRADE_BIN_DIR
#   MATGRADE_BIN_DIR holds the release binaries `matgrade` and `neighbor-benchmark`
#   (`swift build -c release --show-bin-path`); the path of the `matgrade` binary itself
#   is accepted too. VENV overrides the venv (default .venv-bench in the repo root);
#   RESULTS_FILE the report (default benchmarks/RESULTS.md).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=${1:?usage: benchmarks/run.sh MATGRADE_BIN_DIR}
[ -f "$bin_dir" ] && bin_dir=$(dirname "$bin_dir")
bin_dir=$(cd "$bin_dir" && pwd)
matgrade="$bin_dir/matgrade"
neighbor_benchmark="$bin_dir/neighbor-benchmark"
for binary in "$matgrade" "$neighbor_benchmark"; do
    if [ ! -x "$binary" ]; then
        echo "benchmark: $binary not found; build it with" \
             "'swift build -c release --product $(basename "$binary")'" >&2
        exit 2
    fi
done

python=$(bash "$repo_root/scripts/pymatgen-venv.sh" "${VENV:-$repo_root/.venv-bench}")
cd "$repo_root"
out=benchmarks/out
"$python" -W ignore benchmarks/neighbors/make_structures.py --out "$out/structures"
files=("$out"/structures/*.json)

# Single-threaded on both sides: one core, one thread per BLAS/OpenMP pool. The
# OPENBLAS_CORETYPE work-around some machines set slows a current numpy, so it is unset
# for these commands only.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
    pin=(taskset -c 0)
fi
commands=()  # what RESULTS.md shows: the commands as run, with the file list abbreviated
note() { commands+=("${pin[*]:+${pin[*]} }$1"); }
single() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${pin[@]}" "$@"; }
all="$out/structures/*.json"

echo "benchmark: pymatgen, best of 3 (about a minute)" >&2
note "$python benchmarks/neighbors/time_pymatgen.py --repeat 3 $out/structures"
pymatgen_json=$(single "$python" -W ignore benchmarks/neighbors/time_pymatgen.py --repeat 3 "$out/structures")

echo "benchmark: neighbor-benchmark, cutoff 6, then CGCNN 12 within 8" >&2
note "$neighbor_benchmark --cutoff 6 --repeat 3 $all"
swift_cutoff6=$(single "$neighbor_benchmark" --cutoff 6 --repeat 3 "${files[@]}")
note "$neighbor_benchmark --cutoff 8 --nearest 12 --repeat 3 $all"
swift_cgcnn=$(single "$neighbor_benchmark" --cutoff 8 --nearest 12 --repeat 3 "${files[@]}")

echo "benchmark: end to end, one process per file (a few minutes)" >&2
note "$python benchmarks/neighbors/time_processes.py $out/structures -- $matgrade compute neighbors {} --cutoff 6"
matgrade_processes=$(single "$python" benchmarks/neighbors/time_processes.py "$out/structures" \
    -- "$matgrade" compute neighbors {} --cutoff 6)
note "$python benchmarks/neighbors/time_processes.py $out/structures -- $python benchmarks/neighbors/pymatgen_neighbors_cli.py {} --cutoff 6"
pymatgen_processes=$(single "$python" benchmarks/neighbors/time_processes.py "$out/structures" \
    -- "$python" -W ignore benchmarks/neighbors/pymatgen_neighbors_cli.py {} --cutoff 6)

"$python" benchmarks/neighbors/write_results.py \
    --pymatgen "$pymatgen_json" --swift-cutoff6 "$swift_cutoff6" --swift-cgcnn "$swift_cgcnn" \
    --matgrade-processes "$matgrade_processes" --pymatgen-processes "$pymatgen_processes" \
    --command "bash benchmarks/run.sh $1" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}" \
    --details "${commands[@]}"

# Fail loudly when the two sides did different work or a run failed.
"$python" - "$pymatgen_json" "$swift_cutoff6" "$swift_cgcnn" "$matgrade_processes" "$pymatgen_processes" <<'PY'
import json, sys
py, sw6, sw12, mg, pp = map(json.loads, sys.argv[1:])
problems = []
if sw6["pairs"] != py["pairs_cutoff6"]:
    problems.append(f"cutoff 6 pairs differ: pymatgen {py['pairs_cutoff6']}, matgrade {sw6['pairs']}")
if sw12["pairs"] != py["pairs_cgcnn"]:
    problems.append(f"CGCNN pairs differ: pymatgen {py['pairs_cgcnn']}, matgrade {sw12['pairs']}")
for name, runs in (("matgrade", mg), ("pymatgen", pp)):
    if runs["failures"]:
        problems.append(f"{runs['failures']} of {runs['runs']} {name} process runs failed")
for problem in problems:
    print(f"benchmark: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# Magpie and stoichiometry features against matminer (benchmarks/magpie/run.sh).
bash "$repo_root/benchmarks/magpie/run.sh" "$bin_dir"
