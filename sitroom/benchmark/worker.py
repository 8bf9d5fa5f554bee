"""Each measurement runs in a fresh Python process, so its memory is its own.

``measure_in_subprocess`` starts ``python -m sitroom.benchmark.worker`` with a JSON
job on its command line (runner, corpus, n, repeat and every setting) and reads
the ``Measurement`` it prints as JSON. The child imports this same source tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, Sequence

from ..errors import SitroomError
from ..settings import Options
from .measure import RUNNERS, Measurement, measure


def job(kind: str, corpus: str, options: Options, n: int | None, repeat: int) -> dict[str, Any]:
    return {"runner": kind, "corpus": corpus, "n": n, "repeat": repeat, "options": asdict(options)}


def measure_in_subprocess(kind: str, corpus: str, options: Options, *, n: int | None, repeat: int) -> Measurement:
    """``measure(...)`` in a child process; raises SitroomError with the child's message on failure."""
    if kind not in RUNNERS:
        raise SitroomError(f"unknown benchmark runner {kind!r}; known: {', '.join(RUNNERS)}")
    spec = json.dumps(job(kind, corpus, options, n, repeat))
    done = subprocess.run(
        [sys.executable, "-m", "sitroom.benchmark.worker", spec],
        capture_output=True, text=True, env=_child_env(), check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise SitroomError(f"benchmark run {kind!r} failed: {lines[-1]}")
    return Measurement.from_dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _child_env() -> dict[str, str]:
    """This environment, with this source tree first on the child's import path."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def main(argv: Sequence[str]) -> int:
    """Run the job given as JSON in ``argv[0]``; print the Measurement as JSON."""
    spec = json.loads(argv[0])
    options = Options(**spec["options"])
    try:
        result = measure(spec["runner"], spec["corpus"], options, n=spec["n"], repeat=spec["repeat"])
    except SitroomError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result.as_dict()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
