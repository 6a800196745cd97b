"""pymatgen's counterpart of `matgrade compute voronoi FILE`, for the end-to-end row of
benchmarks/voronoi/run.sh: load the file, VoronoiNN().get_all_nn_info, print the same JSON
layout ({"min_weight": 0, "sites": [{"index", "species", "coordination",
"weighted_coordination", "faces": [{"index", "image", "solid_angle", "weight", "area",
"distance"}]}]}).

Usage: python pymatgen_voronoi_cli.py FILE
"""

from __future__ import annotations

import json
import sys

from pymatgen.core import Structure
from pymatgen.core.local_env import VoronoiNN


def main() -> None:
    structure = Structure.from_file(sys.argv[1])
    sites = []
    for index, info in enumerate(VoronoiNN().get_all_nn_info(structure)):
        faces = [{"index": int(entry["site_index"]), "image": [int(x) for x in entry["image"]],
                  "solid_angle": float(entry["poly_info"]["solid_angle"]),
                  "weight": float(entry["weight"]), "area": float(entry["poly_info"]["area"]),
                  "distance": 2 * float(entry["poly_info"]["face_dist"])} for entry in info]
        sites.append({"index": index, "species": structure[index].specie.symbol,
                      "coordination": len(info),
                      "weighted_coordination": sum(f["weight"] for f in faces), "faces": faces})
    json.dump({"min_weight": 0.0, "sites": sites}, sys.stdout)


if __name__ == "__main__":
    main()
