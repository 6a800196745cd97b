"""Writes the ordered mineral prototypes of robocrys 0.2.13 as pymatgen-JSON files, with
their volume per atom (|det(lattice)| / sites, Angstrom^3) as the target, split 80/20 by a
seeded shuffle into OUT/train.csv and OUT/test.csv (header: structure,target)."""
import argparse
import gzip
import json
import os
import random

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def determinant(m):
    return (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    table = json.load(gzip.open(os.path.join(REPO, "exercises/data/robocrys-0.2.13/mineral_db.json.gz")))
    column = table["columns"].index("structure")
    rows = []
    for index, row in enumerate(table["data"]):
        structure = row[column]
        # Ordered crystals only: every site holds one species with occupancy 1.
        if any(len(site["species"]) != 1 or abs(site["species"][0].get("occu", 1) - 1) > 1e-9 for site in structure["sites"]):
            continue
        volume = abs(determinant(structure["lattice"]["matrix"])) / len(structure["sites"])
        path = os.path.join(args.out, "structures", f"mineral-{index}.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(structure, handle)
        rows.append((os.path.relpath(path, args.out), volume))
    random.Random(args.seed).shuffle(rows)
    cut = int(0.8 * len(rows))
    for name, part in (("train", rows[:cut]), ("test", rows[cut:])):
        with open(os.path.join(args.out, f"{name}.csv"), "w", encoding="utf-8") as handle:
            handle.write("structure,target\n")
            handle.writelines(f"{path},{volume!r}\n" for path, volume in part)
    print(f"cgcnn: {len(rows)} ordered minerals, {cut} train / {len(rows) - cut} test")


if __name__ == "__main__":
    main()
