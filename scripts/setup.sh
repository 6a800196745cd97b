#!/usr/bin/env bash
# Installs what matgrade needs on a Debian machine, and only what is missing.
# Called by `make test` and `make demo`; safe to run again (it then does nothing).
set -euo pipefail

# C libraries behind the system-library targets (Sources/CSQLite, COpenBLAS, CArchive),
# bubblewrap and prlimit for the sandbox, zip for building archive fixtures.
apt_packages=(libsqlite3-dev libopenblas-dev libarchive-dev bubblewrap util-linux)
missing=()
for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]} with apt-get"
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: need root to apt-get install ${missing[*]}; run 'sudo make test' once or install them yourself" >&2
        exit 2
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python packages the sample submissions and the benchmarks' Python side import.
python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
    echo "setup: $python not found; install Python 3 (apt-get install python3 python3-pip)" >&2
    exit 2
fi
if ! "$python" -c "import numpy, scipy.spatial, pymatgen.core, pymatgen.analysis.phase_diagram, dscribe" 2>/dev/null; then
    echo "setup: installing the sample submissions' Python packages with pip (scripts/requirements-submissions.txt)"
    "$python" -m pip install --quiet -r scripts/requirements-submissions.txt
fi
