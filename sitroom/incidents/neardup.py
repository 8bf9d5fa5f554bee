"""Near-duplicate documents: syndicated copies and updated versions of one story.

Each document gets a MinHash signature (datasketch) of its word shingles. The
signature is cut into bands (locality-sensitive hashing, as datasketch's MinHashLSH
does); documents sharing a band key are candidates, and candidates whose estimated
Jaccard similarity reaches the threshold are near-duplicates. A group of
near-duplicates (connected through that relation) has one *original*: the earliest
published, then the smallest id, whatever order they were read in.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Sequence

from datasketch import MinHash

from .rules import NearDupRules

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str, rules: NearDupRules) -> tuple[int, ...]:
    sketch = MinHash(num_perm=rules.num_perm, seed=rules.seed)
    sketch.update_batch(sorted(shingles(text, rules.shingle_words)))
    return tuple(int(v) for v in sketch.hashvalues)


def band_keys(sig: Sequence[int], rules: NearDupRules) -> list[str]:
    rows = rules.rows
    keys = []
    for band in range(rules.bands):
        chunk = ",".join(str(v) for v in sig[band * rows:(band + 1) * rows])
        keys.append(f"{band}:{hashlib.sha1(chunk.encode()).hexdigest()[:16]}")
    return keys


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if len(a) != len(b) or not a:
        return 0.0
    return sum(x == y for x, y in zip(a, b)) / len(a)


def original_key(document_id: str, published: date | None) -> tuple[int, str]:
    """Sort key: the original of a group is the smallest."""
    return (published.toordinal() if published else 10**7, document_id)
