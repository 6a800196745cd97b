#!/usr/bin/env bash
# `make demo`: a short tour of matgrade on the bundled example structures.
# Usage: bash scripts/demo.sh PATH_TO_MATGRADE
set -uo pipefail
matgrade=${1:?usage: scripts/demo.sh PATH_TO_MATGRADE}
cd "$(dirname "$0")/.."
structures=exercises/data/pymatgen-core/structures
out=demo-out
mkdir -p "$out"

bold=""; plain=""
if [ -t 1 ]; then bold=$(printf '\033[1m'); plain=$(printf '\033[0m'); fi
step() { printf '\n%s== %s%s\n$ %s\n' "$bold" "$1" "$plain" "${*:2}"; }
run() { step "$@"; "${@:2}"; }

run "matgrade's version" "$matgrade" --version
run "A formula, parsed the way pymatgen reads it" "$matgrade" compute composition "Li7La3Zr2O12" --format table
run "A hydrate, written with a middle dot" "$matgrade" compute composition "CuSO4·5H2O" --format table
step "A case mistake is an input error: exit 2 and the likely symbol" "$matgrade" compute composition FE2O3
"$matgrade" compute composition FE2O3
echo "(exit $?)"
run "Magpie composition features as matminer computes them (first columns of the CSV)" \
    bash -c "'$matgrade' compute magpie Fe2O3 LiFePO4 --format csv | cut -d, -f1-5"
run "Neighbors of diamond Si within 2.6 A (4 each, with their periodic images)" \
    "$matgrade" compute neighbors "$structures/Si.json" --cutoff 2.6 --format table

step "Every bundled structure: neighbor pairs within 6 A, JSON written to $out/" \
    "$matgrade" compute neighbors FILE --cutoff 6 ">" "$out/neighbors-NAME.json"
total=0
for file in "$structures"/*.json; do
    name=$(basename "$file" .json)
    if "$matgrade" compute neighbors "$file" --cutoff 6 > "$out/neighbors-$name.json" 2> "$out/neighbors-$name.err"; then
        pairs=$(grep -o '"distance"' "$out/neighbors-$name.json" | wc -l)
        total=$((total + pairs))
        printf '  %-22s %7d pairs\n' "$name" "$pairs"
        rm -f "$out/neighbors-$name.err"
    else
        printf '  %-22s %s\n' "$name" "$(head -1 "$out/neighbors-$name.err")"
    fi
done
echo "  total: $total pairs"

step "The CGCNN graph of SrTiO3 as JSON (first lines), drawn to $out/SrTiO3-graph.svg" \
    "$matgrade" compute graph "$structures/SrTiO3.json" --svg "$out/SrTiO3-graph.svg"
"$matgrade" compute graph "$structures/SrTiO3.json" --svg "$out/SrTiO3-graph.svg" > "$out/SrTiO3-graph.json"
head -c 600 "$out/SrTiO3-graph.json"; echo " ..."
run "The 12 nearest neighbors within 8 A (CGCNN edges) as a table" \
    "$matgrade" compute neighbors "$structures/SrTiO3.json" --cutoff 8 --nearest 12 --format table
for sample in correct no-periodic-images; do
    step "A student's self-check: matgrade check on the sample submission $sample (public cases only)" \
        "$matgrade" check w06-crystal-graphs "submissions/w06-crystal-graphs/$sample"
    "$matgrade" check w06-crystal-graphs "submissions/w06-crystal-graphs/$sample"
    echo "(exit $?)"
done

# The instructor's batch: every sample submission of week 6 as one "student" each (the
# correct ones, the typical mistakes and the hostile programs; expected outcomes in
# submissions/README.md), public and hidden cases. Hidden inputs come from the course secret;
# the demo uses a throw-away one unless MATGRADE_SECRET is set. Limits are lowered so the
# infinite loops and the fork bomb cost seconds, not minutes.
export MATGRADE_SECRET=${MATGRADE_SECRET:-matgrade-demo-secret-not-for-courses}
step "The instructor grades all $(ls -d submissions/w06-crystal-graphs/*/ | wc -l) week-6 sample submissions, 2 at a time" \
    "$matgrade" grade w06-crystal-graphs submissions/w06-crystal-graphs --jobs 2 --max-wall-seconds 10 --max-cpu-seconds 3 -o "$out/grades/w06-crystal-graphs" --gradebook "$out/gradebook.sqlite"
"$matgrade" grade w06-crystal-graphs submissions/w06-crystal-graphs --jobs 2 --max-wall-seconds 10 --max-cpu-seconds 3 \
    -o "$out/grades/w06-crystal-graphs" --cache "$out/reference-cache" --gradebook "$out/gradebook.sqlite" --regrade
echo "(exit $?: 1 means some submission failed some check)"
step "One student's report (Markdown; JSON beside it)" head -30 "$out/grades/w06-crystal-graphs/students/off-by-one-neighbors.md"
head -30 "$out/grades/w06-crystal-graphs/students/off-by-one-neighbors.md"

# Week 5: Magpie features and a ridge predictor of experimental band gaps; the correct
# sample and the four typical mistakes (submissions/README.md, "Week 5").
step "The instructor grades the $(ls -d submissions/w05-descriptors/*/ | wc -l) week-5 sample submissions" \
    "$matgrade" grade w05-descriptors submissions/w05-descriptors --jobs 2 -o "$out/grades/w05-descriptors" --gradebook "$out/gradebook.sqlite"
"$matgrade" grade w05-descriptors submissions/w05-descriptors --jobs 2 -o "$out/grades/w05-descriptors" --cache "$out/reference-cache" --gradebook "$out/gradebook.sqlite" --regrade
echo "(exit $?: 1 means some submission failed some check)"
echo

# Week 1: questions to the materials database (OPTIMADE-style conditions, the most stable
# compound of a system, the most common space group, statistics); two correct samples and
# four typical mistakes (submissions/README.md, "Week 1").
step "The instructor grades the $(ls -d submissions/w01-materials-database/*/ | wc -l) week-1 sample submissions" \
    "$matgrade" grade w01-materials-database submissions/w01-materials-database --jobs 2 -o "$out/grades/w01-materials-database" --gradebook "$out/gradebook.sqlite"
"$matgrade" grade w01-materials-database submissions/w01-materials-database --jobs 2 -o "$out/grades/w01-materials-database" --cache "$out/reference-cache" --gradebook "$out/gradebook.sqlite" --regrade
echo "(exit $?: 1 means some submission failed some check)"
echo

# Week 2: methods and biases (structured answers with partial credit), the DFT band-gap
# error on real data and cost scaling; the correct sample and four mistakes.
step "The instructor grades the $(ls -d submissions/w02-simulation-methods/*/ | wc -l) week-2 sample submissions" \
    "$matgrade" grade w02-simulation-methods submissions/w02-simulation-methods --jobs 2 -o "$out/grades/w02-simulation-methods" --gradebook "$out/gradebook.sqlite"
"$matgrade" grade w02-simulation-methods submissions/w02-simulation-methods --jobs 2 -o "$out/grades/w02-simulation-methods" --cache "$out/reference-cache" --gradebook "$out/gradebook.sqlite" --regrade
echo "(exit $?: 1 means some submission failed some check)"
echo

# Week 3: a Lennard-Jones crystal by velocity Verlet, Ising averages with standard errors
# (graded statistically), provenance of database fields; the correct sample and four
# mistakes (submissions/README.md, "Week 3").
step "The instructor grades the $(ls -d submissions/w03-simulation-assumptions/*/ | wc -l) week-3 sample submissions" \
    "$matgrade" grade w03-simulation-assumptions submissions/w03-simulation-assumptions --jobs 2 -o "$out/grades/w03-simulation-assumptions" --gradebook "$out/gradebook.sqlite"
"$matgrade" grade w03-simulation-assumptions submissions/w03-simulation-assumptions --jobs 2 -o "$out/grades/w03-simulation-assumptions" --cache "$out/reference-cache" --gradebook "$out/gradebook.sqlite" --regrade
echo "(exit $?: 1 means some submission failed some check)"
echo

# Week 4: the convex hull from real Materials Project energies and a truss by finite
# elements; two correct samples and seven typical mistakes (submissions/README.md, "Week 4").
step "The instructor grades the $(ls -d submissions/w04-stability/*/ | wc -l) week-4 sample submissions" \
    "$matgrade" grade w04-stability submissions/w04-stability --jobs 2 -o "$out/grades/w04-stability" --gradebook "$out/gradebook.sqlite"
"$matgrade" grade w04-stability submissions/w04-stability --jobs 2 -o "$out/grades/w04-stability" --cache "$out/reference-cache" --gradebook "$out/gradebook.sqlite" --regrade
echo "(exit $?: 1 means some submission failed some check)"
echo
run "All weeks in one SQLite gradebook, exported as CSV" "$matgrade" gradebook export "$out/gradebook.sqlite" -o "$out/grades.csv"
head -5 "$out/grades.csv"
run "The class dashboard of all weeks (HTML with plots; a page per student beside it)" \
    "$matgrade" report --gradebook "$out/gradebook.sqlite" --format html -o "$out/report"
run "The same grades as Canvas' gradebook import reads them" \
    "$matgrade" report --gradebook "$out/gradebook.sqlite" --format canvas -o "$out/canvas.csv"
head -4 "$out/canvas.csv"
echo "Demo done. JSON outputs, the SVG drawing and the week-2, 3, 4, 5 and 6 grade reports are in $out/, the gradebook in $out/gradebook.sqlite, the class dashboard in $out/report/index.html (open it in a browser). Next: 'make test' runs the whole suite."
