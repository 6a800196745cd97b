"""Times pymatgen's PhaseDiagram against `matgrade compute hull` on the same seeded system
(ELEMENTS elements, ENTRIES entries: elemental references and polymorphs, compounds with
random small integer compositions and formation energies), in one run, and writes the
hull section of benchmarks/RESULTS.md.

pymatgen's side: PhaseDiagram(entries), then for every entry get_e_above_hull and
get_decomposition (what `compute hull` prints), best of REPEAT runs in this process.
matgrade's side: the whole `matgrade compute hull FILE` process (reading the CSV, the hull,
every entry's energy above hull and decomposition, writing the JSON), best of REPEAT.
"""
import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "neighbors"))
from write_results import git_revision, machine, replace_section  # noqa: E402

BEGIN, END = "<!-- hull-benchmark:begin -->", "<!-- hull-benchmark:end -->"


def system(elements, count, seed):
    rng = random.Random(seed)
    entries = []
    refs = {}
    for element in elements:
        base = -rng.uniform(1, 8)
        refs[element] = base
        for p, shift in enumerate((0.0, rng.uniform(0.01, 0.3))):
            entries.append((f"{element}-{p}", Composition({element: 1}), base + shift))
    while len(entries) < count:
        chosen = rng.sample(elements, rng.randint(2, len(elements)))
        composition = Composition({el: rng.randint(1, 6) for el in chosen})
        reference = sum(composition.get_atomic_fraction(el) * refs[el] for el in chosen)
        entries.append((f"c{len(entries)}", composition, reference - rng.uniform(-0.1, 1.0)))
    return entries


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--matgrade", required=True)
    parser.add_argument("--elements", type=int, default=4)
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--output", default="benchmarks/RESULTS.md")
    args = parser.parse_args()
    elements = ["Li", "Fe", "P", "O", "Mn", "Co"][: args.elements]
    rows = system(elements, args.entries, seed=11)
    csv_path = os.path.join(args.out, "entries.csv")
    with open(csv_path, "w", encoding="utf-8") as handle:
        handle.write("id,formula,energy_per_atom\n")
        for entry_id, composition, energy in rows:
            handle.write(f"{entry_id},{composition.formula.replace(' ', '')},{energy!r}\n")
    pd_entries = []
    for entry_id, composition, energy in rows:
        entry = PDEntry(composition, energy * composition.num_atoms, name=entry_id)
        entry.entry_id = entry_id
        pd_entries.append(entry)

    python_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        diagram = PhaseDiagram(pd_entries)
        answers = {e.entry_id: (diagram.get_e_above_hull(e), diagram.get_decomposition(e.composition)) for e in pd_entries}
        python_times.append(time.perf_counter() - start)
    matgrade_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        output = subprocess.run([args.matgrade, "compute", "hull", csv_path], check=True, capture_output=True, text=True).stdout
        matgrade_times.append(time.perf_counter() - start)
    ours = {row["id"]: row for row in json.loads(output)["entries"]}
    worst = max(abs(ours[i]["e_above_hull"] - answers[i][0]) for i in answers)

    stable = sum(1 for row in ours.values() if row["stable"])
    pymatgen_best, matgrade_best = min(python_times), min(matgrade_times)
    info = machine()
    section = f"""{BEGIN}
# Benchmark: convex hulls, matgrade vs pymatgen

`benchmarks/hull/run.sh` makes one seeded system of {args.elements} elements and {args.entries}
entries (two elemental polymorphs per element, compounds of 2 to {args.elements} elements with
random small integer compositions, formation energies from -1.0 to +0.1 eV/atom) and times,
in the same run, pymatgen's `PhaseDiagram(entries)` plus `get_e_above_hull` and
`get_decomposition` of every entry (in one Python process, best of {args.repeat}) against the
whole `matgrade compute hull FILE` process (CSV in, JSON out, best of {args.repeat}).

- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC
- machine: {info['cpu']}, {info['cores']} cores, {info['memory']} memory, Linux {info['kernel']}
- matgrade revision: {git_revision()}; pymatgen {version('pymatgen')}
- command: `{args.command}`

| | pymatgen s | matgrade s | ratio |
| --- | ---: | ---: | ---: |
| hull, energies above hull and decompositions of {args.entries} entries | {pymatgen_best:.3f} | {matgrade_best:.3f} | {pymatgen_best / matgrade_best:.1f}x |

Stable entries: {stable}; largest |e_above_hull difference|: {worst:.1e} eV/atom.
{END}
"""
    replace_section(Path(args.output), BEGIN, END, section)
    print(f"hull: pymatgen {pymatgen_best:.3f} s, matgrade {matgrade_best:.3f} s ({pymatgen_best / matgrade_best:.1f}x); max diff {worst:.1e}")


if __name__ == "__main__":
    main()
