"""Relations between actors stated in a text: who backs whom, who leads what.

Patterns over the parse, the entity labels and the knowledge-base mentions::

    backing   "the Iran-backed Houthis", "Iranian regime-aligned Iraqi militias",
              "pro-Iran militias X", "Hizbullah, which is backed by Iran",
              "Iran arms the Houthis", "Iran's proxies, including Hizbullah",
              "the Houthis, an Iran-backed group", "Amal is allied with Hizbullah"
    leading   "Z, leader of the Iran-backed Iraqi militia Y", "Y leader Z",
              "Y's secretary-general, Z", "the head of Y, Z", "Z, the Y chief",
              "commander Z of Y", "Z, who leads Y"

"aligned"/"allied"/"pro-" give ``backed_by`` when a state-side actor stands behind a
non-state one and ``allied_with`` otherwise. Actors come from the knowledge base;
a leader the knowledge base does not know is named by ``subject_name`` with the id
``person:<slug>``. Each relation is reported once per document (first evidence).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Token

from ..knowledge.actors import ActorKB, normalise
from ..nlp import doc_text
from ..records import Actor, Relation, Span

__all__ = ["find_relations"]

BACKING_WORDS = frozenset({"backed", "supported", "sponsored", "funded", "financed", "armed", "bankrolled"})
ALIGNING_WORDS = frozenset({"aligned", "allied"})
ACTIVE_BACKING_LEMMAS = frozenset({"back", "sponsor", "fund", "finance", "arm", "bankroll", "support"})
LEADING_LEMMAS = frozenset({"lead", "head", "command", "chair"})
GENERIC_NOUNS = frozenset({
    "militia", "militias", "group", "groups", "rebel", "rebels", "force", "forces", "movement",
    "faction", "factions", "fighter", "fighters", "militant", "militants", "organization",
    "organisation", "paramilitary", "paramilitaries", "proxy", "proxies", "outfit", "network",
    "unit", "units", "coalition", "party", "wing", "armed", "terrorist", "terror", "insurgent",
    "insurgents", "umbrella", "alliance", "shia", "shiite", "sunni", "islamist", "jihadist", "regime",
})
ROLE_NOUNS = frozenset({"leader", "chief", "head", "commander", "chairman", "emir", "boss", "chieftain"})
ROLE_MODIFIERS = frozenset({"supreme", "military", "political", "top", "overall", "spiritual"})
NOT_THE_LEADER = frozenset({
    "deputy", "vice", "assistant", "former", "ex", "a", "an", "senior", "local", "field",
    "regional", "another", "one", "sector", "battalion", "brigade", "company", "unit", "mid",
})
TITLES = frozenset({
    "maj", "gen", "brig", "lt", "col", "adm", "admiral", "general", "major", "brigadier",
    "lieutenant", "colonel", "sheikh", "shaykh", "sayyed", "sayyid", "hajj", "haj", "dr", "mr",
    "ayatollah", "mullah", ".",
})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "abd", "bint", "ben", "-"})
STATE_SIDE = frozenset({"state", "government", "state military", "intelligence agency", "regional government"})
NOT_NAME_LABELS = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME", "FAC", "CARDINAL", "ORDINAL"})


@dataclass(frozen=True)
class _Mention:
    """Tokens [start, end) naming an actor (``actor`` None: a person unknown to the KB)."""

    start: int
    end: int
    actor: Actor | None
    name: str

    @property
    def id(self) -> str:
        return self.actor.id if self.actor else "person:" + normalise(self.name).replace(" ", "-")

    @property
    def label(self) -> str:
        return self.actor.name if self.actor else self.name


@dataclass(frozen=True)
class _Found:
    subject: _Mention
    predicate: str
    object: _Mention
    start: int  # token span of the evidence
    end: int


class _Scan:
    """One document's actor and person mentions, indexed by token."""

    def __init__(self, doc: Doc, kb: ActorKB) -> None:
        self.doc = doc
        self.kb = kb
        self.text = doc_text(doc)
        self.actor_at: dict[int, _Mention] = {}
        self.person_at: dict[int, _Mention] = {}
        self.sentence: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for sent in doc.sents:
            self.sentence[sent.start:sent.end] = [(sent.start, sent.end)] * len(sent)
        for start, end, actor in kb.find(self.text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or any(i in self.actor_at or i in self.person_at for i in range(span.start, span.end)):
                continue
            index = self.person_at if actor.kind == "person" else self.actor_at
            self._add(index, _Mention(span.start, span.end, actor, actor.name))
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not any(
                i in self.actor_at or i in self.person_at for i in range(ent.start, ent.end)
            ):
                self._add(self.person_at, _Mention(ent.start, ent.end, None, ent.text))

    @staticmethod
    def _add(index: dict[int, _Mention], mention: _Mention) -> None:
        for i in range(mention.start, mention.end):
            index[i] = mention

    def actors(self) -> Iterator[_Mention]:
        seen: set[int] = set()
        for mention in self.actor_at.values():
            if mention.start not in seen:
                seen.add(mention.start)
                yield mention

    def word(self, i: int) -> str:
        return self.doc[i].lower_ if 0 <= i < len(self.doc) else ""

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= i < len(self.doc) and 0 <= j < len(self.doc) and self.sentence[i] == self.sentence[j]


# ------------------------------------------------------------------ small helpers


def _modifier_word(scan: _Scan, mention: _Mention) -> str | None:
    """'backed' in "Iran-backed", 'aligned' in "Iranian regime-aligned", else None."""
    if scan.word(mention.end) == "-":
        word = scan.word(mention.end + 1)
        if word in BACKING_WORDS or word in ALIGNING_WORDS:
            return word
    return None


def _is_pro(scan: _Scan, mention: _Mention) -> bool:
    start = scan.doc[mention.start].idx
    return scan.text[max(0, start - 4):start].lower() == "pro-"


def _target_after(scan: _Scan, i: int) -> _Mention | None:
    """The actor a modifier phrase starting at token ``i`` describes: skips articles,
    adjectives, generic nouns ("militia") and other "X-backed" modifiers."""
    if i >= len(scan.doc):
        return None
    end = min(scan.sentence[i][1], i + 10)
    while i < end:
        mention = scan.actor_at.get(i)
        if mention is not None and mention.start == i:
            if _modifier_word(scan, mention):
                i = mention.end + 2
                continue
            if scan.word(mention.end) in ("'s", "'"):
                return None  # "Hamas's military wing" is not Hamas
            follower = scan.actor_at.get(mention.end)
            if mention.actor and mention.actor.kind == "collective" and follower and follower.start == mention.end:
                i = mention.end
                continue
            return mention
        token = scan.doc[i]
        if token.lower_ in GENERIC_NOUNS or token.tag_ in ("DT", "JJ", "HYPH", "PRP$") or token.ent_type_ == "NORP":
            i += 1
            continue
        return None
    return None


def _resolve_noun(scan: _Scan, token: Token) -> _Mention | None:
    """The actor a noun names: directly, or through apposition ("the Houthis, an
    Iran-backed group") or a copula ("the Houthis are an Iran-backed group")."""
    if token.i in scan.actor_at:
        return scan.actor_at[token.i]
    if token.dep_ == "appos":
        return scan.actor_at.get(token.head.i)
    if token.dep_ == "attr" and token.head.lemma_ == "be":
        for child in token.head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return scan.actor_at.get(child.i)
    return None


def _with_conjuncts(token: Token) -> Iterator[Token]:
    yield token
    for conj in token.conjuncts:
        yield conj


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def _alignment(patron: _Mention, client: _Mention) -> str:
    patron_kind = patron.actor.kind if patron.actor else ""
    client_kind = client.actor.kind if client.actor else ""
    return "backed_by" if patron_kind in STATE_SIDE and client_kind not in STATE_SIDE else "allied_with"


def _found(subject: _Mention, predicate: str, obj: _Mention, *extra: int) -> _Found:
    points = [subject.start, subject.end, obj.start, obj.end, *extra]
    return _Found(subject, predicate, obj, min(points), max(points))


# ------------------------------------------------------------------ backing


def _modifier_patrons(scan: _Scan) -> Iterator[_Mention]:
    """Actor mentions, and nationality adjectives outside them ("Iranian-backed")."""
    yield from scan.actors()
    for token in scan.doc:
        actor = scan.kb.demonym(token.text) if token.i not in scan.actor_at else None
        if actor is not None:
            yield _Mention(token.i, token.i + 1, actor, actor.name)


def _modifier_backing(scan: _Scan) -> Iterator[_Found]:
    """"Iran-backed Houthis", "Iranian regime-aligned Iraqi militias", "pro-Iran X"."""
    for patron in _modifier_patrons(scan):
        word = _modifier_word(scan, patron)
        pro = word is None and _is_pro(scan, patron)
        if word is None and not pro:
            continue
        first = patron.end + 2 if word else patron.end
        client, extra = _target_after(scan, first), [first - 1]
        if client is None:
            head = scan.doc[min(first, len(scan.doc)) - 1].head
            client, extra = _resolve_noun(scan, head), [first - 1, head.i, head.i + 1]
        if client is None or client.actor is patron.actor:
            continue
        predicate = "backed_by" if word in BACKING_WORDS else _alignment(patron, client)
        extra += [max(0, patron.start - 2)] if pro else []
        yield _found(client, predicate, patron, *extra)


def _passive_backing(scan: _Scan) -> Iterator[_Found]:
    """"Hizbullah, which is backed by Iran", "the SDF, supported by the US"."""
    for token in scan.doc:
        if token.lower_ not in BACKING_WORDS | ALIGNING_WORDS or _negated(token):
            continue
        preps = ("agent",) if token.lower_ in BACKING_WORDS else ("prep",)
        patrons = [
            scan.actor_at[p.i]
            for child in token.children if child.dep_ in preps and child.lower_ in ("by", "with")
            for pobj in child.children if pobj.dep_ == "pobj"
            for p in _with_conjuncts(pobj) if p.i in scan.actor_at
        ]
        client = _client_of_participle(scan, token)
        for patron in patrons:
            if client is not None and client.actor is not patron.actor:
                predicate = "backed_by" if token.lower_ in BACKING_WORDS else _alignment(patron, client)
                yield _found(client, predicate, patron, token.i)


def _client_of_participle(scan: _Scan, token: Token) -> _Mention | None:
    if token.dep_ in ("acl", "relcl", "amod"):
        return _resolve_noun(scan, token.head)
    holder = token.head if token.dep_ == "acomp" else token
    for child in holder.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.tag_ not in ("WDT", "WP"):
            return _resolve_noun(scan, child)
    return None


def _active_backing(scan: _Scan) -> Iterator[_Found]:
    """"Iran arms and funds the Houthis"."""
    for token in scan.doc:
        if token.pos_ != "VERB" or token.lemma_ not in ACTIVE_BACKING_LEMMAS or _negated(token):
            continue
        subjects = [c for c in token.children if c.dep_ == "nsubj" and c.i in scan.actor_at]
        objects = [o for c in token.children if c.dep_ == "dobj" for o in _with_conjuncts(c) if o.i in scan.actor_at]
        for subject in subjects:
            patron = scan.actor_at[subject.i]
            for obj in objects:
                client = scan.actor_at[obj.i]
                if client.actor is not patron.actor:
                    yield _found(client, "backed_by", patron, token.i)


def _proxy_backing(scan: _Scan) -> Iterator[_Found]:
    """"Iran's proxy Hizbullah", "Hizbullah, Iran's proxy", "Iran's proxies, including X and Y"."""
    for token in scan.doc:
        if token.lower_ not in ("proxy", "proxies") or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        patron = _proxy_patron(scan, token)
        if patron is None:
            continue
        for client in _proxy_clients(scan, token):
            if client.actor is not patron.actor:
                yield _found(client, "backed_by", patron, token.i)


def _proxy_patron(scan: _Scan, token: Token) -> _Mention | None:
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod") and child.i in scan.actor_at:
            return scan.actor_at[child.i]
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.i in scan.actor_at:
                return scan.actor_at[pobj.i]
    before = token.i - 2 if scan.word(token.i - 1) in ("'s", "'") else token.i - 1
    mention = scan.actor_at.get(before)
    return mention if mention is not None and mention.end == before + 1 else None


def _proxy_clients(scan: _Scan, token: Token) -> Iterator[_Mention]:
    direct = _target_after(scan, token.i + 1)
    if direct is not None and direct.start == token.i + 1:
        yield direct
    resolved = _resolve_noun(scan, token)
    if resolved is not None and resolved.start != token.i:
        yield resolved
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("including", "like", "as"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                yield from (scan.actor_at[c.i] for c in _with_conjuncts(pobj) if c.i in scan.actor_at)


# ------------------------------------------------------------------ leading


def _roles(scan: _Scan) -> Iterator[tuple[int, int]]:
    """Token spans of singular leadership nouns: "leader", "secretary-general",
    "chief of staff", "commander-in-chief"."""
    doc = scan.doc
    for token in doc:
        word = token.lower_
        if word == "secretary" and scan.word(token.i + 1) in ("-", "general"):
            end = token.i + (3 if scan.word(token.i + 1) == "-" else 2)
            if scan.word(end - 1) == "general":
                yield token.i, end
            continue
        if word not in ROLE_NOUNS or token.tag_ not in ("NN", "NNP") or scan.word(token.i - 1) == "-":
            continue
        end = token.i + 1
        if [scan.word(end), scan.word(end + 1)] == ["of", "staff"]:
            end += 2
        elif [scan.word(end), scan.word(end + 1), scan.word(end + 2), scan.word(end + 3)] == ["-", "in", "-", "chief"]:
            end += 4
        yield token.i, end


def _is_name_token(scan: _Scan, i: int) -> bool:
    token = scan.doc[i]
    if i in scan.actor_at or token.ent_type_ in NOT_NAME_LABELS:
        return False
    return token.lower_ in NAME_PARTICLES or (token.is_alpha and token.text[0].isupper())


def _name_chunk(scan: _Scan, start: int, step: int) -> _Mention | None:
    """A run of capitalised words from ``start`` forwards (step 1) or backwards (-1)."""
    i, tokens = start, []
    while 0 <= i < len(scan.doc) and _is_name_token(scan, i) and scan.same_sentence(i, start):
        tokens.append(i)
        i += step
    while tokens and scan.word(tokens[-1]) in NAME_PARTICLES:
        tokens.pop()
    capitals = [t for t in tokens if scan.doc[t].text[0].isupper() and scan.word(t) not in NAME_PARTICLES]
    if len(capitals) < 2:
        return None
    first, last = min(tokens), max(tokens) + 1
    return _Mention(first, last, None, scan.doc[first:last].text)


def _person_from(scan: _Scan, i: int) -> _Mention | None:
    """The person named from token ``i`` on, after commas and titles ("Brig. Gen.")."""
    for _ in range(5):
        if scan.word(i) not in TITLES and scan.word(i) != ",":
            break
        i += 1
    if i >= len(scan.doc):
        return None
    person = scan.person_at.get(i)
    if person is not None:
        return person if person.start == i else None
    return _name_chunk(scan, i, 1)


def _person_before(scan: _Scan, i: int) -> _Mention | None:
    """The person whose name ends just before token ``i`` (a comma)."""
    if i < 1:
        return None
    person = scan.person_at.get(i - 1)
    if person is not None:
        return person if person.end == i else None
    return _name_chunk(scan, i - 1, -1)


def _skip_back(scan: _Scan, i: int, words: frozenset[str]) -> int:
    """Moves ``i`` back over ``words`` that are not part of an actor's name."""
    while i > 0 and scan.word(i - 1) in words and i - 1 not in scan.actor_at:
        i -= 1
    return i


def _org_before(scan: _Scan, i: int) -> _Mention | None:
    """The actor named just before token ``i`` ("Hamas leader", "Hizbullah's chief")."""
    if scan.word(i - 1) in ("'s", "'"):
        i -= 1
    mention = scan.actor_at.get(i - 1)
    if mention is None or mention.end != i or scan.word(mention.start - 1) in NOT_THE_LEADER:
        return None
    return mention


def _leadership(scan: _Scan) -> Iterator[_Found]:
    for start, end in _roles(scan):
        front = _skip_back(scan, start, ROLE_MODIFIERS)
        if scan.word(front - 1) in NOT_THE_LEADER:
            continue
        org = _org_before(scan, front)
        found = _org_role(scan, org, start, end) if org else _role_of(scan, front, start, end)
        if found is not None and scan.same_sentence(found.start, found.end - 1):
            yield found


def _org_role(scan: _Scan, org: _Mention, start: int, end: int) -> _Found | None:
    """"Y leader Z", "Y's secretary-general, Z", "Z, the Y chief"."""
    person = _person_from(scan, end)
    if person is None:
        before = _skip_back(scan, org.start, frozenset({"the"}))
        person = _person_before(scan, before - 1) if scan.word(before - 1) == "," else None
    return _found(person, "leads", org, start, end) if person else None


def _role_of(scan: _Scan, front: int, start: int, end: int) -> _Found | None:
    """"Z, leader of Y", "the head of Y, Z", "commander Z of Y"."""
    if scan.word(end) == "of":
        org = _target_after(scan, end + 1)
        if org is None:
            return None
        person = _person_from(scan, org.end) if scan.word(org.end) == "," else scan.person_at.get(org.end)
        person = person if person is None or person.start >= org.end else None
        if person is None:
            before = _skip_back(scan, front, frozenset({"the"}))
            person = _person_before(scan, before - 1) if scan.word(before - 1) == "," else None
        return _found(person, "leads", org, start, end) if person else None
    person = _person_from(scan, end)
    if person is None or scan.word(person.end) != "of":
        return None
    org = _target_after(scan, person.end + 1)
    return _found(person, "leads", org, start, end) if org else None


def _verb_leadership(scan: _Scan) -> Iterator[_Found]:
    """"Z leads Y", "Z, who heads Y"."""
    for token in scan.doc:
        if token.pos_ != "VERB" or token.lemma_ not in LEADING_LEMMAS or _negated(token):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
            subject = token.head
        person = scan.person_at.get(subject.i) if subject is not None else None
        for child in token.children:
            if child.dep_ == "dobj" and person is not None and child.i in scan.actor_at:
                yield _found(person, "leads", scan.actor_at[child.i], token.i)


# ------------------------------------------------------------------ entry point

_PATTERNS = (_modifier_backing, _passive_backing, _active_backing, _proxy_backing, _leadership, _verb_leadership)


def find_relations(doc: Doc, kb: ActorKB, *, document_id: str) -> list[Relation]:
    """The relations ``doc`` states between actors, each once, in text order, with
    its evidence span (character offsets into ``doc.text``)."""
    scan = _Scan(doc, kb)
    found = sorted((f for pattern in _PATTERNS for f in pattern(scan)), key=lambda f: (f.start, f.end))
    relations: dict[tuple[str, str, str], Relation] = {}
    for item in found:
        key = (item.subject.id, item.predicate, item.object.id)
        if key not in relations and item.subject.id != item.object.id:
            relations[key] = _relation(doc, item, document_id)
    return list(relations.values())


def _relation(doc: Doc, item: _Found, document_id: str) -> Relation:
    evidence = doc[item.start:item.end]
    return Relation(
        subject=item.subject.id, predicate=item.predicate, object=item.object.id,
        subject_name=item.subject.label, object_name=item.object.label, source=document_id,
        evidence=Span(evidence.start_char, evidence.end_char, evidence.text),
    )
