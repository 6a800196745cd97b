"""Week 6 with a typical mistake: only the atoms of the cell itself, no periodic images.
Expected: the edge and MEGNet checks fail (neighbors in the next cell are missing); atom
features still pass."""
import json
import math
import sys

import numpy as np


def image_ranges(lattice, radius, frac_coords):
    """Image offsets per lattice direction that can hold a neighbor within radius."""
    spacing = 1.0 / np.linalg.norm(np.linalg.inv(lattice).T, axis=1)
    spread = frac_coords.max(axis=0) - frac_coords.min(axis=0)
    return [range(-int(math.ceil(radius / spacing[k] + spread[k])) - 1,
                  int(math.ceil(radius / spacing[k] + spread[k])) + 2) for k in range(3)]


def all_pairs(lattice, frac_coords, radius):
    """Every (i, j, image, d) with 0 < d <= radius, periodic images included."""
    ranges = image_ranges(lattice, radius, frac_coords)
    images = np.array([(0, 0, 0)], dtype=float)  # the mistake: the cell only
    rows = []
    for i, fi in enumerate(frac_coords):
        for j, fj in enumerate(frac_coords):
            vectors = (fj + images - fi) @ lattice
            distances = np.linalg.norm(vectors, axis=1)
            for image, d in zip(images, distances):
                if d <= radius + 1e-9 and not (i == j and d < 1e-8):
                    rows.append([i, j, int(image[0]), int(image[1]), int(image[2]), float(d)])
    return rows



def cgcnn_edges(lattice, frac_coords, radius, max_neighbors):
    pairs = all_pairs(lattice, frac_coords, radius)
    edges = []
    for i in range(len(frac_coords)):
        mine = sorted((row for row in pairs if row[0] == i), key=lambda row: row[5])
        # Distances within 1e-8 A are equal: order such groups by j, then image.
        grouped, group = [], []
        for row in mine:
            if group and row[5] - group[-1][5] > 1e-8:
                grouped += sorted(group, key=lambda r: (r[1], r[2], r[3], r[4]))
                group = []
            group.append(row)
        grouped += sorted(group, key=lambda r: (r[1], r[2], r[3], r[4]))
        edges += grouped[:max_neighbors]
    return edges


def gaussian_features(distances, dmin, dmax, step, width):
    centers = np.arange(dmin, dmax + step, step)
    d = np.asarray(distances, dtype=float)[:, None]
    return np.exp(-((d - centers[None, :]) ** 2) / width ** 2).tolist()


def atom_features(species, elements, blocks):
    length = max(block["first"] + block["count"] for block in blocks)
    rows = []
    for symbol in species:
        row = [0] * length
        for block in blocks:
            value = elements[symbol].get(block["property"])
            if value is None:
                continue
            count = block["count"]
            if block["kind"] == "category":
                index = int(value) - int(block["lowest"])
            else:
                x = math.log(value) if block["kind"] == "log" else value
                index = math.floor((x - block["lower"]) / ((block["upper"] - block["lower"]) / count))
            row[block["first"] + min(max(index, 0), count - 1)] = 1
        rows.append(row)
    return rows


def megnet_edges(lattice, frac_coords, cutoff):
    return all_pairs(lattice, frac_coords, cutoff)


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    structure = task["structure"]
    lattice = np.array(structure["lattice"], dtype=float)
    frac_coords = np.array(structure["frac_coords"], dtype=float)
    edges = cgcnn_edges(lattice, frac_coords, task["radius"], task["max_neighbors"])
    gaussian = task["gaussian"]
    output = {
        "edges": edges,
        "edge_features": gaussian_features([row[5] for row in edges], gaussian["dmin"], gaussian["dmax"],
                                           gaussian["step"], gaussian["width"]),
        "atom_features": atom_features(structure["species"], task["elements"], task["atom_feature_blocks"]),
        "megnet_edges": megnet_edges(lattice, frac_coords, task["megnet_cutoff"]),
    }
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
