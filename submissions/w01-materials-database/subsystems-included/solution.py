"""Week 1, a typical mistake: a chemical system read as "within these elements", so Li2O
and Fe2O3 compete with the ternaries of Fe-Li-O."""
import json
import statistics
import sys

COMPARE = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def satisfies(entry, condition):
    op, value = condition["op"], condition.get("value")
    if op == "HAS ALL":
        return set(value) <= set(entry["elements"])
    if op == "HAS ANY":
        return bool(set(value) & set(entry["elements"]))
    if op == "HAS ONLY":
        return set(entry["elements"]) <= set(value)
    known = entry.get(condition["property"])
    if op == "IS KNOWN":
        return known is not None
    # A comparison with an unknown value is false, whatever the operator.
    return known is not None and COMPARE[op](known, value)


def select(entries, conditions):
    return [e for e in entries if all(satisfies(e, c) for c in conditions)]


def answers(task):
    entries, questions = task["entries"], task["questions"]
    selection = select(entries, questions["selection"]["conditions"])

    system = set(questions["lowest_formation_energy"]["chemical_system"].split("-"))
    candidates = [e for e in entries if set(e["elements"]) <= system and e["formation_energy_per_atom"] is not None]
    lowest = min(candidates, key=lambda e: e["formation_energy_per_atom"])

    groups = [e["space_group_it_number"] for e in select(entries, questions["space_group_mode"]["conditions"])
              if e["space_group_it_number"] is not None]
    counts = {}
    for group in groups:
        counts[group] = counts.get(group, 0) + 1
    mode = min(counts, key=lambda g: (-counts[g], g))

    question = questions["property_statistics"]
    prop = question["property"]
    values = [e[prop] for e in select(entries, question["conditions"]) if e[prop] is not None]
    return {
        "selection_ids": [e["id"] for e in selection],
        "lowest_formation_id": lowest["id"],
        "lowest_formation_energy_per_atom": lowest["formation_energy_per_atom"],
        "space_group_mode": [mode, counts[mode]],
        "property_statistics": [len(values), statistics.fmean(values), statistics.median(values),
                                statistics.stdev(values), min(values), max(values)],
    }


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    with open(output_path, "w") as handle:
        json.dump(answers(task), handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
