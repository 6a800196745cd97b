"""Week 1, a typical mistake: pandas with fillna(0), so an unknown band gap, formation
energy or space group becomes 0: entries without the property pass `band_gap < 1` and
drag the statistics and the most common space group towards 0."""
import json
import sys

import pandas as pd


def mask(frame, conditions):
    keep = pd.Series(True, index=frame.index)
    for condition in conditions:
        prop, op, value = condition["property"], condition["op"], condition.get("value")
        if op == "HAS ALL":
            keep &= frame["elements"].map(lambda els: set(value) <= set(els))
        elif op == "HAS ANY":
            keep &= frame["elements"].map(lambda els: bool(set(value) & set(els)))
        elif op == "HAS ONLY":
            keep &= frame["elements"].map(lambda els: set(els) <= set(value))
        elif op == "IS KNOWN":
            keep &= frame[prop].notna()
        else:
            column = frame[prop]
            compared = {"<": column < value, "<=": column <= value, ">": column > value,
                        ">=": column >= value, "=": column == value, "!=": column != value}[op]
            keep &= compared & column.notna()
    return keep


def answers(task):
    frame = pd.DataFrame(task["entries"]).fillna(0)  # wrong: unknown is not zero
    questions = task["questions"]
    selection = frame.loc[mask(frame, questions["selection"]["conditions"]), "id"]

    system = set(questions["lowest_formation_energy"]["chemical_system"].split("-"))
    exact = frame[frame["elements"].map(lambda els: set(els) == system) & frame["formation_energy_per_atom"].notna()]
    lowest = exact.loc[exact["formation_energy_per_atom"].idxmin()]

    groups = frame.loc[mask(frame, questions["space_group_mode"]["conditions"]), "space_group_it_number"].dropna().astype(int)
    counts = groups.value_counts()
    mode = int(counts[counts == counts.max()].index.min())

    question = questions["property_statistics"]
    values = frame.loc[mask(frame, question["conditions"]), question["property"]].dropna()
    return {
        "selection_ids": selection.tolist(),
        "lowest_formation_id": lowest["id"],
        "lowest_formation_energy_per_atom": float(lowest["formation_energy_per_atom"]),
        "space_group_mode": [mode, int(counts[mode])],
        "property_statistics": [int(values.count()), float(values.mean()), float(values.median()),
                                float(values.std()), float(values.min()), float(values.max())],
    }


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    with open(output_path, "w") as handle:
        json.dump(answers(task), handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
