"""Week 4 sample with a typical mistake: every vertex of scipy's ConvexHull taken as stable:
the upper hull's vertices (the least stable phases) come along with the lower hull's.

Run as: python3 solution.py input.json output.json
"""
import json
import sys

import numpy as np
from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition


def stability(task):
    entries = [PDEntry(Composition(e["composition"]), e["total_energy"], name=e["id"]) for e in task["entries"]]
    diagram = PhaseDiagram(entries)
    # Formation energy per atom against the lowest-energy pure entry of each element.
    references = {}
    for entry in entries:
        if len(entry.composition.elements) == 1:
            element = entry.composition.elements[0]
            if element not in references or entry.energy_per_atom < references[element]:
                references[element] = entry.energy_per_atom
    formation = [
        entry.energy_per_atom - sum(entry.composition.get_atomic_fraction(el) * references[el] for el in entry.composition.elements)
        for entry in entries
    ]
    above = [diagram.get_e_above_hull(entry) for entry in entries]
    from scipy.spatial import ConvexHull

    elements = sorted({el for entry in entries for el in entry.composition.elements})
    points = [[entry.composition.get_atomic_fraction(el) for el in elements[1:]] + [f] for entry, f in zip(entries, formation)]
    stable = sorted({entries[k].name for k in ConvexHull(points).vertices})
    window = task["metastable_window"]
    metastable = [entry.name for entry, e in zip(entries, above) if 0 < e <= window and entry.name not in stable]
    position = {entry.name: k for k, entry in enumerate(entries)}
    fractions = []
    for query in task["decomposition_queries"]:
        row = [0.0] * len(entries)
        entry = entries[position[query]]
        for product, amount in diagram.get_decomposition(entry.composition).items():
            row[position[product.name]] = amount
        fractions.append(row)
    return {
        "formation_energy_per_atom": formation,
        "e_above_hull": above,
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
