#!/usr/bin/env bash
# Times matgrade's Voronoi cells against pymatgen's VoronoiNN on the same structures and
# writes the Voronoi section of benchmarks/RESULTS.md. See benchmarks/README.md.
#
# Usage: bash benchmarks/voronoi/run.sh MATGRADE_BIN_DIR
#   MATGRADE_BIN_DIR holds the release binaries `matgrade` and `voronoi-benchmark`
#   (`swift build -c release --show-bin-path`). VENV overrides the venv (default .venv-bench
#   in the repo root), COUNT the number of structures (default 40), RESULTS_FILE the report
#   (default benchmarks/RESULTS.md).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${1:?usage: benchmarks/voronoi/run.sh MATGRADE_BIN_DIR}
[ -f "$bin_dir" ] && bin_dir=$(dirname "$bin_dir")
bin_dir=$(cd "$bin_dir" && pwd)
matgrade="$bin_dir/matgrade"
voronoi_benchmark="$bin_dir/voronoi-benchmark"
for binary in "$matgrade" "$voronoi_benchmark"; do
    if [ ! -x "$binary" ]; then
        echo "benchmark: $binary not found; build it with" \
             "'swift build -c release --product $(basename "$binary")'" >&2
        exit 2
    fi
done

python=$(bash "$repo_root/scripts/pymatgen-venv.sh" "${VENV:-$repo_root/.venv-bench}")
cd "$repo_root"
out=benchmarks/out/voronoi
"$python" -W ignore benchmarks/neighbors/make_structures.py --out "$out/structures" --count "${COUNT:-40}"

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
    pin=(taskset -c 0)
fi
commands=()
note() { commands+=("${pin[*]:+${pin[*]} }$1"); }
single() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${pin[@]}" "$@"; }

echo "benchmark: pymatgen VoronoiNN, best of 2 (a few minutes)" >&2
note "$python benchmarks/voronoi/time_pymatgen.py --repeat 2 --ok-list $out/usable.txt $out/structures"
pymatgen_json=$(single "$python" -W ignore benchmarks/voronoi/time_pymatgen.py --repeat 2 --ok-list "$out/usable.txt" "$out/structures")
mapfile -t files < "$out/usable.txt"

echo "benchmark: voronoi-benchmark, best of 5" >&2
note "$voronoi_benchmark --repeat 5 \$(cat $out/usable.txt)"
swift_json=$(single "$voronoi_benchmark" --repeat 5 "${files[@]}")

echo "benchmark: end to end, one process per file" >&2
note "$python benchmarks/neighbors/time_processes.py \$(cat $out/usable.txt) -- $matgrade compute voronoi {}"
matgrade_processes=$(single "$python" benchmarks/neighbors/time_processes.py "${files[@]}" -- "$matgrade" compute voronoi {})
note "$python benchmarks/neighbors/time_processes.py \$(cat $out/usable.txt) -- $python benchmarks/voronoi/pymatgen_voronoi_cli.py {}"
pymatgen_processes=$(single "$python" benchmarks/neighbors/time_processes.py "${files[@]}" \
    -- "$python" -W ignore benchmarks/voronoi/pymatgen_voronoi_cli.py {})

"$python" benchmarks/voronoi/write_results.py \
    --pymatgen "$pymatgen_json" --swift "$swift_json" \
    --matgrade-processes "$matgrade_processes" --pymatgen-processes "$pymatgen_processes" \
    --command "bash benchmarks/voronoi/run.sh $1" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}" \
    --details "${commands[@]}"

# Fail loudly when the two sides did different work or a run failed.
"$python" - "$pymatgen_json" "$swift_json" "$matgrade_processes" "$pymatgen_processes" <<'PY'
import json, sys
py, sw, mg, pp = map(json.loads, sys.argv[1:])
problems = []
if py["coordination_005"] != sw["coordination_005"]:
    problems.append(f"faces above weight 0.05 differ: pymatgen {py['coordination_005']}, matgrade {sw['coordination_005']}")
if abs(py["weighted"] - sw["weighted"]) > 1e-8 * abs(py["weighted"]):
    problems.append(f"weighted coordination differs: pymatgen {py['weighted']}, matgrade {sw['weighted']}")
for name, runs in (("matgrade", mg), ("pymatgen", pp)):
    if runs["failures"]:
        problems.append(f"{runs['failures']} of {runs['runs']} {name} process runs failed")
for problem in problems:
    print(f"benchmark: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
