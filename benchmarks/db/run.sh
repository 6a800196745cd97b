#!/usr/bin/env bash
# Materials-database queries: matgrade db query vs pandas on the same data, in the same run;
# writes the db section of benchmarks/RESULTS.md.
#
# Usage: bash benchmarks/db/run.sh MATGRADE_BIN_DIR   (REPEAT overrides the runs per query;
#   pandas comes from the venv of scripts/pymatgen-venv.sh, default .venv-fixtures)
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${1:?usage: benchmarks/db/run.sh MATGRADE_BIN_DIR}
matgrade=$(cd "$bin_dir" && pwd)/matgrade
[ -x "$matgrade" ] || { echo "benchmark: $matgrade not found; swift build -c release --product matgrade" >&2; exit 2; }
python=$(bash "$repo_root/scripts/pymatgen-venv.sh" "${PYMATGEN_VENV:-$repo_root/.venv-fixtures}")
"$python" -c "import pandas" 2>/dev/null || "$python" -m pip install --quiet pandas >&2
out=$repo_root/benchmarks/out/db
rm -rf "$out"; mkdir -p "$out"
cd "$repo_root"
"$matgrade" db build --db "$out/materials.sqlite" | head -1
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" "$python" benchmarks/db/time_pandas_and_matgrade.py --matgrade "$matgrade" --database "$out/materials.sqlite" \
    --repeat "${REPEAT:-20}" --command "bash benchmarks/db/run.sh $1" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}"
