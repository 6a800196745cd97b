#!/usr/bin/env bash
# matgrade's CGCNN training against PyTorch's on the same model and the same graphs, 2 threads
# each side. Builds the perov_5 lists (CDVAE's val.csv for training, test.csv for testing,
# target heat_ref; read from ../shared/data/reference-only/perov5 at run time, written only
# under benchmarks/out/), exports matgrade's graphs (`cgcnn graphs`), trains matgrade
# (`cgcnn train --threads 2` with OPENBLAS_NUM_THREADS=1: the fused convolution splits its
# products over its own 2 threads, and OpenBLAS's idle threads, which spin, would compete
# with them) and PyTorch (time_torch.py, torch.set_num_threads(2)) for the same epochs, predicts the test set on both sides and
# writes the "cgcnn-torch" section of benchmarks/RESULTS.md. Seconds per epoch are measured
# inside each program (graph building and start-up excluded), mean over epochs 2..N.
#
# Usage: bash benchmarks/cgcnn/compare_torch.sh MATGRADE_BIN_DIR
#   EPOCHS (30), THREADS (2), BATCH_SIZE (64; another size writes its own section), TRAIN_COUNT / TEST_COUNT (all rows), PEROV5 (data folder),
#   VENV (.venv-torch), RESULTS_FILE (benchmarks/RESULTS.md)
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${1:?usage: benchmarks/cgcnn/compare_torch.sh MATGRADE_BIN_DIR}
matgrade=$(cd "$bin_dir" && pwd)/matgrade
[ -x "$matgrade" ] || { echo "benchmark: $matgrade not found; swift build -c release --product matgrade" >&2; exit 2; }
epochs=${EPOCHS:-30}; threads=${THREADS:-2}; batch=${BATCH_SIZE:-64}
perov5=${PEROV5:-$repo_root/../shared/data/reference-only/perov5}
[ -f "$perov5/val.csv" ] || { echo "benchmark: $perov5/val.csv not found; set PEROV5" >&2; exit 2; }
venv=${VENV:-$repo_root/.venv-torch}
out=$repo_root/benchmarks/out/cgcnn-torch
rm -rf "$out"; mkdir -p "$out"
cd "$repo_root"
if ! "$venv/bin/python" -c 'import torch, numpy' 2>/dev/null; then
    python3 -m venv "$venv"
    # The CPU build (no CUDA): from a local wheel folder or PyPI's find-links when the machine
    # has one, else PyTorch's CPU index.
    "$venv/bin/pip" install -q "torch==2.13.0+cpu" numpy \
        || "$venv/bin/pip" install -q torch==2.13.0 numpy --index-url https://download.pytorch.org/whl/cpu
fi
python3 benchmarks/cgcnn/perov5_lists.py --source "$perov5" --out "$out" \
    ${TRAIN_COUNT:+--train-count "$TRAIN_COUNT"} ${TEST_COUNT:+--test-count "$TEST_COUNT"}
"$matgrade" compute cgcnn graphs --data "$out/train.csv" --output "$out/train.graphs" > "$out/train-graphs.json"
"$matgrade" compute cgcnn graphs --data "$out/test.csv" --output "$out/test.graphs" > "$out/test-graphs.json"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
matgrade_command="OPENBLAS_NUM_THREADS=1 matgrade compute cgcnn train --data train.csv --epochs $epochs --batch-size $batch --threads $threads"
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$matgrade" compute cgcnn train --data "$out/train.csv" --save "$out/weights.json" --epochs "$epochs" --batch-size "$batch" \
    --threads "$threads" > "$out/matgrade-train.json"
OPENBLAS_NUM_THREADS=1 "$matgrade" compute cgcnn predict --data "$out/test.csv" --weights "$out/weights.json" > "$out/matgrade-test.json"
torch_command="OMP_NUM_THREADS=$threads time_torch.py --train train.graphs --test test.graphs --epochs $epochs --batch-size $batch --threads $threads"
OMP_NUM_THREADS=$threads "$venv/bin/python" benchmarks/cgcnn/time_torch.py --train "$out/train.graphs" --test "$out/test.graphs" \
    --epochs "$epochs" --batch-size "$batch" --threads "$threads" > "$out/torch.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 benchmarks/cgcnn/write_torch_results.py --out "$out" --output "${RESULTS_FILE:-benchmarks/RESULTS.md}" \
    --batch-size "$batch" --command "EPOCHS=$epochs THREADS=$threads BATCH_SIZE=$batch ${TRAIN_COUNT:+TRAIN_COUNT=$TRAIN_COUNT }${TEST_COUNT:+TEST_COUNT=$TEST_COUNT }bash benchmarks/cgcnn/compare_torch.sh $1" \
    --matgrade-command "$matgrade_command" --torch-command "$torch_command" --load "$load_before / $load_after"
