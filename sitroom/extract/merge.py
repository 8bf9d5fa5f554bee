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

WINDOW = 2  # sentences after the latest mention of an event
ANAPHOR_WINDOW = 12  # 'the attack' may refer further back
NEAR_KM = 30.0
LEAD = 1  # the headline or first sentence, where a story tells its main event
PRECISION = {"day": 0, "range": 1, "month": 2, "year": 3, "unknown": 4}
PLACE_PRECISION = {"point": 0, "town": 1, "region": 2, "country": 3}


def merge_drafts(drafts: list[Draft], kb: ActorKB) -> list[Draft]:
    """Merge until nothing changes (a merge can make two earlier drafts compatible)."""
    for draft in drafts:
        claimant_as_actor(draft)
    merged = _merge_pass(drafts, kb)
    for _ in range(3):
        again = _merge_pass(merged, kb)
        if len(again) == len(merged):
            break
        merged = again
    _share_among_splits(merged)
    return merged


def _share_among_splits(drafts: list[Draft]) -> None:
    """One mention split by place ('at al-Tanf and al-Malikiyah') is one report per place:
    what any part learnt from other mentions (casualties, roles, date) holds for all."""
    groups: dict[tuple[int, str], list[Draft]] = {}
    for draft in drafts:
        groups.setdefault((draft.trigger.start, draft.event_type), []).append(draft)
    for parts in groups.values():
        for keep in parts:
            for other in parts:
                if other is not keep:
                    _fill_missing(keep, other)


def _fill_missing(keep: Draft, other: Draft) -> None:
    keep.actor = _better_role(keep.actor, other.actor)
    keep.target = _better_role(keep.target, other.target)
    if keep.fatalities is None and other.fatalities is not None:
        keep.fatalities, keep.injured = other.fatalities, keep.injured or other.injured
        for name, span in other.casualty_spans.items():
            keep.casualty_spans.setdefault(name, span)
    if keep.date_is_default and not other.date_is_default:
        keep.date, keep.date_span, keep.date_is_default = other.date, other.date_span, False


def _merge_pass(drafts: list[Draft], kb: ActorKB) -> list[Draft]:
    merged: list[Draft] = []
    for draft in drafts:
        partners = [m for m in merged if _compatible(m, draft, kb)]
        if not partners:
            merged.append(draft)
            continue
        best = _best_partner(partners, draft)
        if best.date_is_default and not draft.date_is_default and draft.date.precision == "day":
            # the mention that fixes the day ('on Tuesday') anchors the report
            merged.remove(best)
            _anchor(draft, best)
            merged.append(draft)
        elif best.place is None and draft.place is not None:
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
    return max(partners, key=lambda m: (m.last_sent, m.trigger.start))


def _compatible(a: Draft, b: Draft, kb: ActorKB) -> bool:
    if a.event_type != b.event_type or a.modality != b.modality:
        return False
    if _bound(a, b):
        return True  # 'killed in a drone strike on Beirut': one act, whatever each part names
    if b.fresh and not _share_sentence(a, b):
        return False  # 'another attack' is not the attack told before
    gap = b.sent_index - a.last_sent
    if b.nominal and _anaphoric(b) and 1 <= gap <= WINDOW and not (a.aggregate or b.aggregate) and _dates_overlap(a, b):
        return True  # 'the strike' just after a strike is that strike, whatever roles or place it guessed
    if gap > (ANAPHOR_WINDOW if _anaphoric(b) else WINDOW) and not _same_day(a, b) and not _lead_detailed(a, b) and not _same_parties(a, b):
        return False
    if _conflict(a.actor, b.actor, kb) or _conflict(a.target, b.target, kb):
        return False
    if _conflict(a.intercepted_by, b.intercepted_by, kb) and a.sent_index == b.sent_index:
        return False
    if not _dates_overlap(a, b):
        return False
    if (a.aggregate or b.aggregate) and not _share_sentence(a, b):
        return False  # 'trade fire on a near-daily basis' sums up many events: none is this one
    if not _places_agree(a, b) and not (b.definite and _same_day(a, b)):
        return False  # "Tuesday's attack" is the one told before, wherever its planners sit
    return _share_sentence(a, b) or _anaphoric(b) or b.bare or _linked(a, b)


def _bound(a: Draft, b: Draft) -> bool:
    """One trigger is the means or the subject of the other ('killed in a strike')."""
    if not _share_sentence(a, b):
        return False
    return b.bound_to in a.absorbed or a.bound_to in b.absorbed


def _same_parties(a: Draft, b: Draft) -> bool:
    """The same named actor acting on the same named target, on overlapping days: one event
    told again further down ('Israel struck Hamas in Rafah' ... 'the Israeli strike on Hamas')."""
    if a.actor is None or b.actor is None or a.target is None or b.target is None:
        return False
    ids = (a.actor.ref.id, a.target.ref.id)
    return b.nominal and None not in ids and ids == (b.actor.ref.id, b.target.ref.id)


def _lead_detailed(a: Draft, b: Draft) -> bool:
    """The lead tells the story's event without a day ('a senior IS leader was killed in Iraq');
    a later mention in the same place gives the day ('was killed Thursday in Anbar')."""
    if a.sent_index > LEAD or not a.date_is_default or b.date_is_default or b.date.precision != "day":
        return False
    return a.place is not None and b.place is not None and _places_agree(a, b)


def _share_sentence(a: Draft, b: Draft) -> bool:
    """Compatible mentions in one sentence are one event, also once one has joined others."""
    return bool({a.sent_index, a.last_sent} & {b.sent_index, b.last_sent})


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
    same_place = a.place is not None and b.place is not None and (a.place.place.id == b.place.place.id or _nested(a, b))
    return bool(same_actor or _same_day(a, b) or same_place or _same_target(a, b))


def _nested(a: Draft, b: Draft) -> bool:
    """'southern Israel' within 'Israel', a town beside another: one scene."""
    return not (a.place_weak or b.place_weak) and _places_agree(a, b)


def _same_day(a: Draft, b: Draft) -> bool:
    """Both mentions fix the same day ('on Tuesday' ... "Tuesday's attack")."""
    return not a.date_is_default and not b.date_is_default and a.date.precision == "day" and a.date.start == b.date.start


def _same_target(a: Draft, b: Draft) -> bool:
    """The same named target, known or not: 'al-Rufay'i was killed' twice."""
    if a.target is None or b.target is None:
        return False
    if a.target.ref.id is not None:
        return a.target.ref.id == b.target.ref.id
    words = a.target.ref.text.lower()
    return a.target.ref.name is None and len(words) > 3 and words == b.target.ref.text.lower()


def _dates_overlap(a: Draft, b: Draft) -> bool:
    """In one sentence, a mention whose text gives no date ('the summit held in February')
    conflicts with no date; across sentences its default range (recent weeks) counts."""
    if a.date.start is None or b.date.start is None:
        return True
    if (a.date_is_default or b.date_is_default) and _share_sentence(a, b):
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


def _anchor(dated: Draft, undated: Draft) -> None:
    """An undated mention ('the kidnapping') joins the one that fixes the day ('on Friday'),
    which anchors the report and keeps its date."""
    date = (dated.date, dated.date_span)
    _absorb(dated, undated)
    dated.date, dated.date_span, dated.date_is_default = *date, False


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
    claimant_as_actor(keep)
    keep.weight = min(1.0, max(keep.weight, other.weight) + 0.1)
    keep.last_sent = max(keep.last_sent, other.last_sent)
    keep.absorbed |= other.absorbed
    keep.bound_to = keep.bound_to if keep.bound_to is not None else other.bound_to


def claimant_as_actor(draft: Draft) -> None:
    """'Gunmen stormed a hotel ... al-Shabab claimed responsibility': a named claimant
    is the actor when the text names no known actor."""
    claimant = draft.claim.claimed_by
    if draft.claim.status != "claimed" or claimant is None or claimant.ref.id is None:
        return
    if draft.actor is None or draft.actor.ref.id is None:
        draft.actor = claimant


def _better_role(a: RoleFill | None, b: RoleFill | None) -> RoleFill | None:
    if a is None:
        return b
    if b is not None and a.ref.id is None and b.ref.id is not None:
        return b
    return a


def _finer_place(other: Draft, keep: Draft) -> bool:
    if other.place is None or (other.place_weak and not keep.place_weak and keep.place is not None):
        return False
    has_place = keep.place is not None or keep.place_fallback is not None
    if has_place and keep.date_is_default != other.date_is_default and not other.place_weak:
        return keep.date_is_default  # the mention that fixes the day is the detailed one
    if keep.place is None or (keep.place_weak and not other.place_weak):
        return True
    return PLACE_PRECISION.get(other.place.place.precision, 3) < PLACE_PRECISION.get(keep.place.place.precision, 3)
