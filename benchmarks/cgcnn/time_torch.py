"""The CGCNN-style network of `matgrade compute cgcnn train` in PyTorch, trained on the graphs
matgrade built (`matgrade compute cgcnn graphs`), timed per epoch.

The model is the one `Sources/Learning/GraphNetwork/CrystalGraphNetwork.swift` documents:
a linear embedding; per convolution, for every edge (i, j) `[v_i, v_j, u_ij]` through one
Linear(2A + B, 2A), BatchNorm1d(2A), `sigmoid(first half) * softplus(second half)` summed
into the center atom, BatchNorm1d(A), `v <- softplus(v + summed)`; mean pooling over each
crystal's atoms; head `softplus(Linear(softplus(pooled)))` then Linear(H, 1). PyTorch's
default initialisation, float32 (PyTorch's default), Adam, MSE on targets normalised by the
training mean and standard deviation, shuffled batches; a last batch of one crystal joins
the one before (as matgrade does: batch norm needs two).

Seconds per epoch are wall-clock time around each epoch's loop (batching from the loaded
graphs, forward, backward, optimiser step); reading the graph file is excluded.

Prints JSON: epoch_seconds, loss_curve, test_mae, train_mean, test_count, torch version,
threads.
"""
import argparse
import json
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional


def read_graphs(path):
    """The file `matgrade compute cgcnn graphs` writes (format in its --help)."""
    with open(path, "rb") as handle:
        header = json.loads(handle.readline())
        body = handle.read()
    if header.get("format") != "matgrade-cgcnn-graphs" or header.get("version") != 1:
        raise SystemExit(f"{path}: not a matgrade-cgcnn-graphs version 1 file")
    n, atoms, edges = header["crystals"], header["atoms"], header["edges"]
    a, b = header["atom_feature_length"], header["edge_feature_length"]
    offset = 0

    def take(dtype, count):
        nonlocal offset
        array = np.frombuffer(body, dtype=dtype, count=count, offset=offset)
        offset += array.nbytes
        return array

    graphs = {
        "atom_counts": take("<i8", n), "edge_counts": take("<i8", n),
        "atom_features": take("<f8", atoms * a).reshape(atoms, a),
        "centers": take("<i8", edges), "neighbors": take("<i8", edges),
        "edge_features": take("<f8", edges * b).reshape(edges, b),
    }
    graphs["targets"] = take("<f8", n) if header["has_targets"] else None
    if offset != len(body):
        raise SystemExit(f"{path}: {len(body) - offset} bytes left over; the header does not fit the data")
    return graphs


class Batcher:
    """Joins crystals into one disconnected graph, as matgrade's CrystalGraphBatch does."""

    def __init__(self, graphs):
        self.atom_counts = graphs["atom_counts"]
        self.edge_counts = graphs["edge_counts"]
        self.atom_starts = np.concatenate([[0], np.cumsum(self.atom_counts)[:-1]])
        self.edge_starts = np.concatenate([[0], np.cumsum(self.edge_counts)[:-1]])
        self.atom_features = torch.from_numpy(graphs["atom_features"].astype(np.float32))
        self.edge_features = torch.from_numpy(graphs["edge_features"].astype(np.float32))
        self.centers = graphs["centers"]
        self.neighbors = graphs["neighbors"]

    def batch(self, members):
        atom_counts, edge_counts = self.atom_counts[members], self.edge_counts[members]
        new_atom_starts = np.cumsum(atom_counts) - atom_counts
        new_edge_starts = np.cumsum(edge_counts) - edge_counts
        atom_index = np.repeat(self.atom_starts[members] - new_atom_starts, atom_counts) + np.arange(atom_counts.sum())
        edge_index = np.repeat(self.edge_starts[members] - new_edge_starts, edge_counts) + np.arange(edge_counts.sum())
        shift = np.repeat(new_atom_starts, edge_counts)
        return (self.atom_features[torch.from_numpy(atom_index)],
                torch.from_numpy(self.centers[edge_index] + shift),
                torch.from_numpy(self.neighbors[edge_index] + shift),
                self.edge_features[torch.from_numpy(edge_index)],
                torch.from_numpy(np.repeat(np.arange(len(members)), atom_counts)),
                torch.from_numpy(atom_counts.astype(np.float32)))


class Convolution(nn.Module):
    def __init__(self, atom_length, edge_length):
        super().__init__()
        self.linear = nn.Linear(2 * atom_length + edge_length, 2 * atom_length)
        self.bn1 = nn.BatchNorm1d(2 * atom_length)
        self.bn2 = nn.BatchNorm1d(atom_length)

    def forward(self, atoms, centers, neighbors, edges):
        gated = self.bn1(self.linear(torch.cat([atoms[centers], atoms[neighbors], edges], dim=1)))
        gate, core = gated.chunk(2, dim=1)
        messages = torch.sigmoid(gate) * functional.softplus(core)
        summed = torch.zeros_like(atoms).index_add_(0, centers, messages)
        return functional.softplus(atoms + self.bn2(summed))


class CrystalGraphNetwork(nn.Module):
    def __init__(self, atom_input_length, edge_length, atom_length, convolutions, hidden_length):
        super().__init__()
        self.embedding = nn.Linear(atom_input_length, atom_length)
        self.convolutions = nn.ModuleList([Convolution(atom_length, edge_length) for _ in range(convolutions)])
        self.hidden = nn.Linear(atom_length, hidden_length)
        self.output = nn.Linear(hidden_length, 1)

    def forward(self, atom_features, centers, neighbors, edges, crystal_of_atom, atom_counts):
        atoms = self.embedding(atom_features)
        for convolution in self.convolutions:
            atoms = convolution(atoms, centers, neighbors, edges)
        pooled = torch.zeros(len(atom_counts), atoms.shape[1]).index_add_(0, crystal_of_atom, atoms) / atom_counts[:, None]
        return self.output(functional.softplus(self.hidden(functional.softplus(pooled))))


def batches(order, size):
    for start in range(0, len(order), size):
        members = order[start:start + size]
        if len(members) < 2:
            members = order[max(0, start - 1):start + 1]
        yield members


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", required=True, help="graphs file of the training crystals (with targets)")
    parser.add_argument("--test", required=True, help="graphs file of the test crystals (with targets)")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--learning-rate", type=float, default=1e-2)
    parser.add_argument("--atom-feature-length", type=int, default=64)
    parser.add_argument("--convolutions", type=int, default=3)
    parser.add_argument("--hidden-length", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = np.random.default_rng(args.seed)
    train, test = read_graphs(args.train), read_graphs(args.test)
    targets = train["targets"]
    mean, deviation = float(targets.mean()), float(targets.std()) or 1.0
    normalized = torch.from_numpy(((targets - mean) / deviation).astype(np.float32))
    batcher = Batcher(train)
    model = CrystalGraphNetwork(train["atom_features"].shape[1], train["edge_features"].shape[1],
                                args.atom_feature_length, args.convolutions, args.hidden_length)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    epoch_seconds, loss_curve = [], []
    for _ in range(args.epochs):
        start = time.perf_counter()
        model.train()
        order = generator.permutation(len(targets))
        total = 0.0
        for members in batches(order, args.batch_size):
            prediction = model(*batcher.batch(members)).squeeze(1)
            loss = functional.mse_loss(prediction, normalized[torch.from_numpy(members)])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(members)
        epoch_seconds.append(time.perf_counter() - start)
        loss_curve.append(total / len(targets))
    model.eval()
    test_batcher = Batcher(test)
    predictions = []
    with torch.no_grad():
        for start in range(0, len(test["targets"]), args.batch_size):
            members = np.arange(start, min(start + args.batch_size, len(test["targets"])))
            predictions.append(model(*test_batcher.batch(members)).squeeze(1).numpy().astype(np.float64) * deviation + mean)
    predictions = np.concatenate(predictions)
    print(json.dumps({
        "epoch_seconds": epoch_seconds, "loss_curve": loss_curve,
        "test_mae": float(np.abs(predictions - test["targets"]).mean()),
        "train_mean": mean, "test_count": len(test["targets"]), "train_count": len(targets),
        "torch": torch.__version__, "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
