"""Mentions of one event within a document become one report.

'A US Navy ship shot down missiles fired by the Houthis' and, in the next sentence,
'the attack was launched by Houthi forces toward targets in Israel' are one event:
same type, no conflicting actor, target, date or place, close in the text, and
linked by something they share (an actor, a day, a place) or a definite
reference ('the attack'). Each field keeps the most informative value.
"""

from __future__ import annotations

from ..geo import haversine_km
from ..knowledge.actors import ActorKB
from .claims import combine
from .mentions import Draft
from .roles import RoleFill

WINDOW = 2  # sentences
NEAR_KM = 30.0
PRECISION = {"day": 0, "range": 1, "month": 2, "year": 3, "unknown": 4}
PLACE_PRECISION = {"point": 0, "town": 1, "region": 2, "country": 3}


def merge_drafts(drafts: list[Draft], kb: ActorKB) -> list[Draft]:
    """Merge until nothing changes (a merge can make two earlier drafts compatible)."""
    merged = _merge_pass(drafts, kb)
    for _ in range(3):
        again = _merge_pass(merged, kb)
        if len(again) == len(merged):
            break
        merged = again
    return merged


def _merge_pass(drafts: list[Draft], kb: ActorKB) -> list[Draft]:
    merged: list[Draft] = []
    for draft in drafts:
        partners = [m for m in merged if _compatible(m, draft, kb)]
        if not partners:
            merged.append(draft)
            continue
        best = _best_partner(partners, draft)
        if best.place is None and draft.place is not None:
            # a place-less earlier mention joins every place the new mention lists
            siblings = [m for m in partners if m.place is None] or [best]
            for old in siblings:
                merged.remove(old)
            for old in siblings:
                _absorb(draft, old)
            merged.append(draft)
        else:
            _absorb(best, draft)
    return merged


def _best_partner(partners: list[Draft], draft: Draft) -> Draft:
    return max(partners, key=lambda m: (m.sent_index, m.trigger.start))


def _compatible(a: Draft, b: Draft, kb: ActorKB) -> bool:
    if a.event_type != b.event_type or a.modality != b.modality:
        return False
    if b.sent_index - a.sent_index > WINDOW:
        return False
    if _conflict(a.actor, b.actor, kb) or _conflict(a.target, b.target, kb):
        return False
    if _conflict(a.intercepted_by, b.intercepted_by, kb) and a.sent_index == b.sent_index:
        return False
    if not _dates_overlap(a, b) or not _places_agree(a, b):
        return False
    return a.sent_index == b.sent_index or _anaphoric(b) or _linked(a, b)


def _anaphoric(b: Draft) -> bool:
    """'the attack', 'the meeting' with no day of its own refers back."""
    return b.definite and b.date_is_default


def _conflict(x: RoleFill | None, y: RoleFill | None, kb: ActorKB) -> bool:
    """Two named, different actors; a state and its own forces do not conflict."""
    if x is None or y is None or x.ref.id is None or y.ref.id is None or x.ref.id == y.ref.id:
        return False
    return (kb.parent_state(x.ref.id) or x.ref.id) != (kb.parent_state(y.ref.id) or y.ref.id)


def _linked(a: Draft, b: Draft) -> bool:
    same_actor = a.actor is not None and b.actor is not None and a.actor.ref.id == b.actor.ref.id and a.actor.ref.id
    same_day = not a.date_is_default and not b.date_is_default and a.date.start == b.date.start
    same_place = a.place is not None and b.place is not None and a.place.place.id == b.place.place.id
    return bool(same_actor or same_day or same_place)


def _dates_overlap(a: Draft, b: Draft) -> bool:
    if a.date.start is None or b.date.start is None:
        return True
    a_end, b_end = a.date.end or a.date.start, b.date.end or b.date.start
    return a.date.start <= b_end and b.date.start <= a_end


def _places_agree(a: Draft, b: Draft) -> bool:
    if a.place is None or b.place is None or a.place_weak or b.place_weak:
        return True
    pa, pb = a.place.place, b.place.place
    if pa.id == pb.id:
        return True
    coarse = pa if PLACE_PRECISION.get(pa.precision, 3) >= PLACE_PRECISION.get(pb.precision, 3) else pb
    fine = pb if coarse is pa else pa
    if coarse.precision == "country":
        return coarse.country == fine.country
    return haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) <= (NEAR_KM if coarse.precision != "region" else 150.0)


def _absorb(keep: Draft, other: Draft) -> None:
    """Fill ``keep`` with what ``other`` knows better."""
    keep.actor = _better_role(keep.actor, other.actor)
    keep.target = _better_role(keep.target, other.target)
    keep.intercepted_by = _better_role(keep.intercepted_by, other.intercepted_by)
    if _finer_place(other, keep):
        keep.place, keep.place_weak = other.place, other.place_weak
    keep.place_fallback = keep.place_fallback or other.place_fallback
    if PRECISION.get(other.date.precision, 4) < PRECISION.get(keep.date.precision, 4) or (keep.date_is_default and not other.date_is_default):
        keep.date, keep.date_span, keep.date_is_default = other.date, other.date_span, other.date_is_default
    names = {n for n, _ in keep.weapons}
    keep.weapons += [w for w in other.weapons if w[0] not in names]
    keep.mode = keep.mode or other.mode
    keep.outcome = keep.outcome or other.outcome
    keep.fatalities = keep.fatalities if keep.fatalities is not None else other.fatalities
    keep.injured = keep.injured if keep.injured is not None else other.injured
    for name, span in other.casualty_spans.items():
        keep.casualty_spans.setdefault(name, span)
    keep.claim = combine(keep.claim, other.claim) or keep.claim
    keep.weight = min(1.0, max(keep.weight, other.weight) + 0.1)


def _better_role(a: RoleFill | None, b: RoleFill | None) -> RoleFill | None:
    if a is None:
        return b
    if b is not None and a.ref.id is None and b.ref.id is not None:
        return b
    return a


def _finer_place(other: Draft, keep: Draft) -> bool:
    if other.place is None or (other.place_weak and not keep.place_weak and keep.place is not None):
        return False
    if keep.place is None or (keep.place_weak and not other.place_weak):
        return True
    return PLACE_PRECISION.get(other.place.place.precision, 3) < PLACE_PRECISION.get(keep.place.place.precision, 3)
