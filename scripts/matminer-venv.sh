#!/usr/bin/env bash
# Makes (or reuses) a throwaway venv holding the pinned matminer (with the pinned pymatgen
# it runs on), and prints its python. matminer never goes into the system Python and is
# never committed: only the fixture and benchmark scripts that call it are.
#
# Usage: python=$(bash scripts/matminer-venv.sh VENV_DIR)
# Progress goes to stderr; only the interpreter path goes to stdout.
set -euo pipefail

MATMINER_VERSION=0.10.1
PYMATGEN_VERSION=2026.10.24

venv=${1:?usage: matminer-venv.sh VENV_DIR}
python=${PYTHON:-python3}

if [ ! -x "$venv/bin/python" ]; then
    echo "matminer-venv: creating $venv" >&2
    "$python" -m venv "$venv" >&2
fi
if ! "$venv/bin/python" -c "import sys; from importlib.metadata import version; sys.exit(version('matminer') != '$MATMINER_VERSION' or version('pymatgen') != '$PYMATGEN_VERSION')" 2>/dev/null; then
    echo "matminer-venv: installing matminer==$MATMINER_VERSION, pymatgen==$PYMATGEN_VERSION into $venv (takes a few minutes)" >&2
    "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
    "$venv/bin/python" -m pip install --quiet "matminer==$MATMINER_VERSION" "pymatgen==$PYMATGEN_VERSION" >&2
fi
echo "$venv/bin/python"
