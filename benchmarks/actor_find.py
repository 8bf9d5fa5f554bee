"""Speed of ActorKB.find (the actor scan run once per document).

    .venv/bin/python benchmarks/actor_find.py                    # VOA stories + seed article, 2,000-word texts
    .venv/bin/python benchmarks/actor_find.py --words 5000 --repeat 50
    .venv/bin/python benchmarks/actor_find.py --text some-article.txt

Builds texts of about ``--words`` words from real news (the VOA stories and the seed
article under the shared folder, else the bundled sample corpus), loads the shipped
knowledge base once, then times ``find`` over each text ``--repeat`` times and prints
the load time, the mean and worst milliseconds per 2,000 words, and the matches found.
The target is under 5 ms per 2,000 words on one core.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitroom.knowledge.actors import ActorKB
from sitroom.settings import Options

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = (SHARED / "eval" / "voa" / "voa_stories.jsonl", ROOT / "sitroom" / "data" / "samples" / "articles.jsonl")
TARGET_MS = 5.0


def corpus_texts(paths: list[Path]) -> list[str]:
    """Article texts from the given files (.jsonl with a 'text' field, or plain text)."""
    texts: list[str] = []
    for path in paths:
        if path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def chunks(texts: list[str], words: int) -> list[str]:
    """Consecutive texts joined into pieces of about ``words`` words."""
    pieces, current = [], []
    for word in " ".join(texts).split():
        current.append(word)
        if len(current) == words:
            pieces.append(" ".join(current))
            current = []
    return pieces or [" ".join(current)]


def time_find(kb: ActorKB, pieces: list[str], repeat: int) -> tuple[list[float], int]:
    """Milliseconds per 2,000 words of ``kb.find`` on each piece (after one warm-up call),
    and the matches found over all pieces."""
    times, found = [], 0
    for piece in pieces:
        found += len(kb.find(piece))
        started = time.perf_counter()
        for _ in range(repeat):
            kb.find(piece)
        times.append((time.perf_counter() - started) / repeat * 1000 * 2000 / max(1, len(piece.split())))
    return times, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, action="append", help="text or .jsonl file(s) to use instead")
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if args.repeat < 1 or args.words < 1:
        raise SystemExit(f"error: --repeat and --words must be 1 or more, not {args.repeat} and {args.words}")
    paths = args.text or [p for p in (*SOURCES, SHARED / "seed" / "seed-article.txt") if p.exists()]
    if not paths:
        raise SystemExit("error: no text found; pass --text FILE")
    started = time.perf_counter()
    kb = ActorKB.load(Options.load(environ={}))
    load_ms = (time.perf_counter() - started) * 1000
    pieces = chunks(corpus_texts(paths), args.words)
    times, found = time_find(kb, pieces, args.repeat)
    mean = sum(times) / len(times)
    print(f"knowledge base: {len(kb.actors)} actors, loaded in {load_ms:.0f} ms")
    print(f"texts: {len(pieces)} x ~{args.words} words from {', '.join(p.name for p in paths)}")
    print(f"find: mean {mean:.2f} ms, worst {max(times):.2f} ms per 2,000 words (target < {TARGET_MS:.0f} ms); "
          f"{found / len(pieces):.0f} matches per text")


if __name__ == "__main__":
    main()
