#!/usr/bin/env bash
# Makes (or reuses) a throwaway venv holding the pinned pymatgen, and prints its python.
# pymatgen never goes into the system Python and is never committed.
#
# Usage: python=$(bash scripts/pymatgen-venv.sh VENV_DIR)
# Progress goes to stderr; only the interpreter path goes to stdout.
set -euo pipefail

PYMATGEN_VERSION=2026.10.24

venv=${1:?usage: pymatgen-venv.sh VENV_DIR}
python=${PYTHON:-python3}

if [ ! -x "$venv/bin/python" ]; then
    echo "pymatgen-venv: creating $venv" >&2
    "$python" -m venv "$venv" >&2
fi
if ! "$venv/bin/python" -c "import sys, pymatgen.core; from importlib.metadata import version; sys.exit(version('pymatgen') != '$PYMATGEN_VERSION')" 2>/dev/null; then
    echo "pymatgen-venv: installing pymatgen==$PYMATGEN_VERSION into $venv (takes a few minutes)" >&2
    "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
    "$venv/bin/python" -m pip install --quiet "pymatgen==$PYMATGEN_VERSION" >&2
fi
echo "$venv/bin/python"
