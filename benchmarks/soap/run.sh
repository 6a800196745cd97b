#!/usr/bin/env bash
# Times matgrade's SOAP kernel against DScribe's on the same structures and parameters and
# writes the SOAP section of benchmarks/RESULTS.md. See benchmarks/README.md.
#
# Usage: bash benchmarks/soap/run.sh BIN_DIR
#   BIN_DIR holds the release binary `soap-benchmark`
#   (swift build -c release --product soap-benchmark; --show-bin-path prints the folder).
#   VENV overrides the venv (default .venv-dscribe in the repo root, shared with
#   scripts/fixtures/soap_dscribe.py); RESULTS_FILE the report (default benchmarks/RESULTS.md).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${1:?usage: benchmarks/soap/run.sh BIN_DIR}
[ -f "$bin_dir" ] && bin_dir=$(dirname "$bin_dir")
bin_dir=$(cd "$bin_dir" && pwd)
soap_benchmark="$bin_dir/soap-benchmark"
if [ ! -x "$soap_benchmark" ]; then
    echo "benchmark: $soap_benchmark not found; build it with 'swift build -c release --product soap-benchmark'" >&2
    exit 2
fi

venv=${VENV:-$repo_root/.venv-dscribe}
python="$venv/bin/python"
if ! "$python" -c 'from importlib.metadata import version as v; assert v("dscribe") == "2.1.2" and v("ase") == "3.29.0"' 2>/dev/null; then
    echo "benchmark: installing dscribe 2.1.2 and ase 3.29.0 into $venv" >&2
    [ -x "$python" ] || python3 -m venv "$venv"
    "$python" -m pip install --quiet "dscribe==2.1.2" "ase==3.29.0" >&2
fi

cd "$repo_root"
out=benchmarks/out/soap-structures
"$python" benchmarks/soap/make_structures.py --out "$out"
files=("$out"/*.xyz)

# Single-threaded on both sides: one core, one thread per BLAS/OpenMP pool.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
    pin=(taskset -c 0)
fi
commands=()
note() { commands+=("${pin[*]:+${pin[*]} }$1"); }
single() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${pin[@]}" "$@"; }
all="$out/*.xyz"

runs=()
# name rcut nmax lmax sigma. Each side runs twice, alternating (DScribe, matgrade, DScribe,
# matgrade), each time best of 5 passes; the faster of its two runs counts. Alternating
# spreads the machine's slow spells (other work on a shared host) over both sides.
for setting in "gto 5.0 8 6 0.5" "polynomial 5.0 6 6 0.5"; do
    read -r rbf rcut nmax lmax sigma <<< "$setting"
    parameters="r_cut $rcut, n_max $nmax, l_max $lmax, sigma $sigma"
    options=(--rcut "$rcut" --nmax "$nmax" --lmax "$lmax" --sigma "$sigma" --rbf "$rbf" --repeat 5)
    note "$python benchmarks/soap/time_dscribe.py ${options[*]} $all   (twice)"
    note "$soap_benchmark ${options[*]} $all   (twice, alternating with DScribe)"
    dscribe_runs=() swift_runs=()
    for round in 1 2; do
        echo "benchmark: SOAP $rbf ($parameters), round $round of 2: DScribe, then matgrade" >&2
        dscribe_runs+=("$(single "$python" benchmarks/soap/time_dscribe.py "${options[@]}" "${files[@]}")")
        swift_runs+=("$(single "$soap_benchmark" "${options[@]}" "${files[@]}")")
    done
    runs+=(--run "$rbf" "$(printf '%s\n' "${dscribe_runs[@]}")" "$(printf '%s\n' "${swift_runs[@]}")" "$parameters")
done

"$python" benchmarks/soap/write_results.py "${runs[@]}" \
    --command "bash benchmarks/soap/run.sh $1" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}" \
    --details "${commands[@]}"
