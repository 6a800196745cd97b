"""Writes the cgcnn-torch section of benchmarks/RESULTS.md from a run of compare_torch.sh."""
import argparse
import csv
import datetime
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "neighbors"))
from write_results import git_revision, machine, replace_section  # noqa: E402



def targets(path):
    csv.field_size_limit(sys.maxsize)
    return [float(row["target"]) for row in csv.DictReader(open(path, newline=""))]


def steady(seconds):
    """Mean seconds per epoch over the epochs after the first (the first warms caches up)."""
    later = seconds[1:] or seconds
    return sum(later) / len(later)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    for name in ("--out", "--output", "--command", "--matgrade-command", "--torch-command", "--load"):
        parser.add_argument(name, required=True)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    # Batches of 64 own the "cgcnn-torch" section; other sizes get one each.
    name = "cgcnn-torch" if args.batch_size == 64 else f"cgcnn-torch-batch{args.batch_size}"
    BEGIN, END = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    train, test = targets(os.path.join(args.out, "train.csv")), targets(os.path.join(args.out, "test.csv"))
    trained = json.load(open(os.path.join(args.out, "matgrade-train.json")))
    predicted = json.load(open(os.path.join(args.out, "matgrade-test.json")))
    torch = json.load(open(os.path.join(args.out, "torch.json")))
    graphs = json.load(open(os.path.join(args.out, "train-graphs.json")))
    mean = sum(train) / len(train)
    baseline = sum(abs(y - mean) for y in test) / len(test)
    ours, theirs = steady(trained["epoch_seconds"]), steady(torch["epoch_seconds"])
    epochs = len(trained["epoch_seconds"])
    if len(torch["epoch_seconds"]) != epochs or torch["test_count"] != len(test):
        raise SystemExit(f"{name}: the two sides ran different epochs or test sets")
    info = machine()
    section = f"""{BEGIN}
# CGCNN training: matgrade against PyTorch (same model, same graphs, 2 threads, batches of {args.batch_size})

CDVAE's perov_5 cubic perovskites (5 atoms each; `val.csv` as training set, `test.csv` as
test set, read from `../shared/data/reference-only/perov5` at run time), target `heat_ref`
(CDVAE's perov_5 property: heat of formation, eV per cell). Graphs built once by
`matgrade compute cgcnn graphs` (8 A, 12 neighbors, 41 Gaussians; {graphs['atoms']} atoms,
{graphs['edges']} edges in the training set) and read by both sides. Model: embedding 64,
3 gated convolutions with both batch norms, mean pooling, head 128; Adam 0.01, batches of {args.batch_size},
MSE on normalised targets. matgrade trains in float64 (its fused convolution splits the
concatenated product by atom, see `Tensor+GatedEdgeConvolution.swift`); PyTorch
{torch['torch']} in float32 (its default) with the textbook concatenation, as CGCNN's
reference code. Seconds per epoch are measured inside each program, graph building and
start-up excluded, mean over epochs 2..{epochs}.

- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC
- machine: {info['cpu']}, {info['cores']} cores, {info['memory']} memory, Linux {info['kernel']}
- load average (1, 5, 15 min) before / after the two runs: {args.load}
- matgrade revision: {git_revision()}
- command: `{args.command}`
- matgrade: `{args.matgrade_command}`; PyTorch: `{args.torch_command}` (`torch.set_num_threads({torch['threads']})`)

| | matgrade | PyTorch |
| --- | ---: | ---: |
| structures, train / test | {len(train)} / {len(test)} | {torch['train_count']} / {torch['test_count']} |
| epochs | {epochs} | {len(torch['epoch_seconds'])} |
| seconds per epoch (mean of epochs 2..{epochs}) | {ours:.2f} | {theirs:.2f} |
| first epoch, s | {trained['epoch_seconds'][0]:.2f} | {torch['epoch_seconds'][0]:.2f} |
| **PyTorch s / matgrade s** | **{theirs / ours:.2f}** | |
| normalised training loss, last epoch | {trained['loss_curve'][-1]:.4f} | {torch['loss_curve'][-1]:.4f} |
| **test MAE**, eV per cell | **{predicted['mae']:.3f}** | **{torch['test_mae']:.3f}** |
| mean predictor's test MAE | {baseline:.3f} | {baseline:.3f} |
{END}
"""
    replace_section(Path(args.output), BEGIN, END, section)
    print(f"{name}: matgrade {ours:.2f} s/epoch, PyTorch {theirs:.2f} s/epoch (ratio {theirs / ours:.2f}); "
          f"test MAE {predicted['mae']:.3f} vs {torch['test_mae']:.3f}, mean predictor {baseline:.3f}")


if __name__ == "__main__":
    main()
