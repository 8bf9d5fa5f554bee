"""Label mappings for scoring: CAMEO codes and older PLOVER labels -> current PLOVER types.

The table is data (``knowledge/data/cameo_plover.json``); docs/evaluation.md explains it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Mapping

from ..errors import KnowledgeError
from ..records import EVENT_TYPES

MAPPING_FILE = "cameo_plover.json"


@dataclass(frozen=True)
class TypeMap:
    """CAMEO root / code and old PLOVER label lookups."""

    cameo_root: Mapping[str, str | None]
    cameo_code: Mapping[str, str]
    old_labels: Mapping[str, str]

    @classmethod
    def load(cls) -> "TypeMap":
        path = resources.files("sitroom") / "knowledge" / "data" / MAPPING_FILE
        data = json.loads(path.read_text(encoding="utf-8"))
        table = cls(data["cameo_root"], data["cameo_code"], data["old_labels"])
        table.check(MAPPING_FILE)
        return table

    def check(self, where: str) -> None:
        """Every target is a current PLOVER type (or null for a CAMEO root with none)."""
        targets: list[Any] = [*self.cameo_code.values(), *self.old_labels.values()]
        targets += [t for t in self.cameo_root.values() if t is not None]
        wrong = sorted({str(t) for t in targets if t not in EVENT_TYPES})
        if wrong:
            raise KnowledgeError(f"{where}: not PLOVER event types: {', '.join(wrong)}")

    def from_cameo(self, code: str) -> str | None:
        """PLOVER type of a CAMEO event code ("0841" -> RETREAT, "015" -> None)."""
        code = code.strip()
        for length in range(len(code), 2, -1):
            if code[:length] in self.cameo_code:
                return self.cameo_code[code[:length]]
        if len(code) < 2 or code[:2] not in self.cameo_root:
            raise KnowledgeError(f"{MAPPING_FILE}: unknown CAMEO code {code!r}")
        return self.cameo_root[code[:2]]

    def plover(self, label: str) -> str | None:
        """Current PLOVER type of a PLOVER label, old or current; None when unknown."""
        label = label.strip().upper()
        if label in EVENT_TYPES:
            return label
        return self.old_labels.get(label)
