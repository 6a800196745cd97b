"""Week 4 sample: a correct solution without pymatgen: the lower hull by linear programming
(scipy's linprog), numpy for the truss.

Run as: python3 solution.py input.json output.json
"""
import json
import sys

import numpy as np
from scipy.optimize import linprog

STABLE_TOLERANCE = 1e-9  # eV/atom


def fractions_and_energies(entries):
    """Atomic fractions [n_entries x n_elements] and energies per atom."""
    elements = sorted({symbol for entry in entries for symbol in entry["composition"]})
    X = np.zeros((len(entries), len(elements)))
    energy = np.zeros(len(entries))
    for k, entry in enumerate(entries):
        atoms = sum(entry["composition"].values())
        for symbol, amount in entry["composition"].items():
            X[k, elements.index(symbol)] = amount / atoms
        energy[k] = entry["total_energy"] / atoms
    return elements, X, energy


def formation_energies(entries):
    elements, X, energy = fractions_and_energies(entries)
    pure = X.max(axis=1) > 1 - 1e-12
    references = np.array([energy[pure & (X[:, j] > 0.5)].min() for j in range(len(elements))])
    return X, energy - X @ references


def hull(X, formation, candidates, x):
    """The lowest mixture of the candidates with composition x: (energy, weights) or None."""
    result = linprog(formation[candidates], A_eq=X[candidates].T, b_eq=x, bounds=(0, None), method="highs")
    if result.status != 0:
        return None
    return result.fun, result.x


def stability(task):
    entries = task["entries"]
    X, formation = formation_energies(entries)
    everyone = np.arange(len(entries))
    above = np.zeros(len(entries))
    for k in everyone:
        energy, _ = hull(X, formation, everyone, X[k])
        above[k] = max(0.0, formation[k] - energy)
    stable = [entries[k]["id"] for k in everyone if above[k] <= STABLE_TOLERANCE]
    window = task["metastable_window"]
    metastable = [entries[k]["id"] for k in everyone if STABLE_TOLERANCE < above[k] <= window]
    on_hull = np.array([k for k in everyone if above[k] <= STABLE_TOLERANCE])
    position = {entry["id"]: k for k, entry in enumerate(entries)}
    fractions = []
    for query in task["decomposition_queries"]:
        _, weights = hull(X, formation, on_hull, X[position[query]])
        row = np.zeros(len(entries))
        row[on_hull] = weights
        fractions.append(row.tolist())
    return {
        "formation_energy_per_atom": formation.tolist(),
        "e_above_hull": above.tolist(),
        "stable_ids": stable,
        "metastable_ids": metastable,
        "decomposition_fractions": fractions,
    }


def truss(task):
    nodes, members = task["truss"]["nodes"], task["truss"]["members"]
    n = len(nodes)
    K = np.zeros((2 * n, 2 * n))
    geometry = []
    for m in members:
        a, b = nodes[m["start"]], nodes[m["end"]]
        dx, dy = b["x"] - a["x"], b["y"] - a["y"]
        length = np.hypot(dx, dy)
        c, s = dx / length, dy / length
        k = m["youngs_modulus"] * m["area"] / length
        block = k * np.array([[c * c, c * s], [c * s, s * s]])
        dofs = [2 * m["start"], 2 * m["start"] + 1, 2 * m["end"], 2 * m["end"] + 1]
        K[np.ix_(dofs, dofs)] += np.block([[block, -block], [-block, block]])
        geometry.append((k, c, s, dofs))
    fixed = [f for node in nodes for f in node.get("fixed", [False, False])]
    loads = np.array([f for node in nodes for f in node.get("load", [0.0, 0.0])], dtype=float)
    free = [i for i in range(2 * n) if not fixed[i]]
    u = np.zeros(2 * n)
    u[free] = np.linalg.solve(K[np.ix_(free, free)], loads[free])
    forces = [k * (c * (u[d[2]] - u[d[0]]) + s * (u[d[3]] - u[d[1]])) for k, c, s, d in geometry]
    return {"truss_displacements": u.reshape(n, 2).tolist(), "truss_axial_forces": forces}


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    output = stability(task)
    output.update(truss(task))
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
