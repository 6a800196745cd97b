#!/usr/bin/env bash
# Does the CGCNN-style network learn? Trains `matgrade compute cgcnn train` on the ordered
# mineral prototypes bundled from robocrys 0.2.13 (exercises/data/robocrys-0.2.13) with a
# target every structure carries, its volume per atom (Angstrom^3), on a seeded 80/20 split,
# predicts the held-out 20 % with `cgcnn predict`, and compares the test MAE with the mean
# predictor's. Writes the "cgcnn-learning" section of benchmarks/RESULTS.md.
#
# Usage: bash benchmarks/cgcnn/run.sh MATGRADE_BIN_DIR   (EPOCHS, default 60; SEED, default 1)
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${1:?usage: benchmarks/cgcnn/run.sh MATGRADE_BIN_DIR}
matgrade=$(cd "$bin_dir" && pwd)/matgrade
[ -x "$matgrade" ] || { echo "benchmark: $matgrade not found; swift build -c release --product matgrade" >&2; exit 2; }
epochs=${EPOCHS:-60}; seed=${SEED:-1}
out=$repo_root/benchmarks/out/cgcnn
rm -rf "$out"; mkdir -p "$out/structures"
cd "$repo_root"
python3 benchmarks/cgcnn/mineral_volumes.py --out "$out" --seed "$seed"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
start=$(python3 -c 'import time; print(time.time())')
"$matgrade" compute cgcnn train --data "$out/train.csv" --save "$out/weights.json" --epochs "$epochs" \
    --batch-size 16 --learning-rate 0.005 --atom-feature-length 32 --hidden-length 64 --seed "$seed" > "$out/train.json"
end=$(python3 -c 'import time; print(time.time())')
"$matgrade" compute cgcnn predict --data "$out/test.csv" --weights "$out/weights.json" > "$out/test.json"
python3 benchmarks/cgcnn/write_results.py --out "$out" --seconds "$(python3 -c "print($end - $start)")" \
    --command "EPOCHS=$epochs SEED=$seed bash benchmarks/cgcnn/run.sh $1" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}"
