"""Event triggers: the verbs and nouns that report an event, from the lexicon."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from ..nlp import sentence_of
from .lexicon import Lexicon, TriggerEntry

PARTICLES = frozenset({"down", "out", "up", "for", "off", "on", "upon", "back", "over", "against", "at", "with"})
PORTIONS = frozenset({"part", "some", "all", "most", "half", "much", "portion", "share", "bulk"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "obj", "attr"})


@dataclass(frozen=True)
class Trigger:
    token: Token
    entry: TriggerEntry
    key: str  # the lexicon key that matched, e.g. 'shoot down'

    @property
    def is_noun(self) -> bool:
        return self.token.pos_ in ("NOUN", "PROPN")


def find_triggers(sentence: SpacySpan, lex: Lexicon) -> list[Trigger]:
    triggers = []
    for token in sentence:
        # 'the banned group', 'forces fighting ISIS' describe a party; they are no event
        verbal = token.pos_ in ("VERB", "AUX") and token.dep_ != "amod" and not (token.dep_ == "acl" and token.tag_ == "VBG")
        trigger = _verb_trigger(token, lex) if verbal else None
        if trigger is None and token.pos_ in ("NOUN", "PROPN"):
            trigger = _noun_trigger(token, lex)
        if trigger is not None and _licensed(trigger, lex):
            triggers.append(trigger)
    return triggers


def objects_of(token: Token) -> list[Token]:
    """The things acted on: direct objects, passive subjects, the noun a relative or
    participle clause modifies ('drones that had been fired', 'a rocket fired from')."""
    found = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
        found.append(token.head)
    expanded = []
    for obj in found:
        expanded.append(obj)
        expanded.extend(c for c in obj.children if c.dep_ == "conj")
    return [t for t in expanded if t.lower_ not in ("that", "which", "who")]


def weapons_in(tokens: list[Token], lex: Lexicon) -> list[tuple[str, Token]]:
    """Weapon names among the given tokens' phrases, longest name first."""
    found = []
    for token in tokens:
        phrase = token.doc[token.left_edge.i: token.i + 1].text.lower().replace("\"", "")
        name = _longest_weapon(phrase, lex)
        if name is not None:
            found.append((name, token))
    return found


def _longest_weapon(phrase: str, lex: Lexicon) -> str | None:
    best = None
    for name in lex.weapons:
        for form in (name, name + "s", name + "es"):
            if phrase.endswith(form) and (len(phrase) == len(form) or not phrase[-len(form) - 1].isalnum()):
                if best is None or len(name) > len(best):
                    best = name
    return best


def _verb_trigger(token: Token, lex: Lexicon) -> Trigger | None:
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep") and child.lower_ in PARTICLES:
            key = f"{lemma} {child.lower_}"
            if key in lex.verbs:
                return Trigger(token, lex.verbs[key], key)
    if lemma == "trade" and any(c.dep_ == "dobj" and c.lemma_ == "fire" for c in token.children):
        return Trigger(token, lex.verbs["trade fire"], "trade fire")
    if lemma in lex.verbs and " " not in lemma:
        return Trigger(token, lex.verbs[lemma], lemma)
    return None


def _noun_trigger(token: Token, lex: Lexicon) -> Trigger | None:
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
            key = f"{child.lemma_.lower()} {lemma}"
            if key in lex.nouns:
                return Trigger(token, lex.nouns[key], key)
    for key in (lemma, token.lower_):
        if key in lex.nouns:
            return Trigger(token, lex.nouns[key], key)
    return None


def _licensed(trigger: Trigger, lex: Lexicon) -> bool:
    """Trigger-specific conditions: weapons for 'launch'/'fire', objects for 'form', and
    no compound use as a modifier ('attack helicopter', 'land-attack cruise missile')."""
    token, entry = trigger.token, trigger.entry
    if trigger.is_noun:
        return _noun_licensed(token) and (not entry.needs_verb or _enabled(token, lex))
    objects = objects_of(token)
    complements = [c for c in token.children if c.dep_ == "xcomp"]
    if any(o.lemma_.lower() in entry.excludes_object for o in objects + complements):
        return False  # 'struck a deal', 'refused to comment'
    has_weapon = bool(weapons_in(objects, lex)) or _weapon_subject(token, lex)
    if entry.needs_weapon and not has_weapon:
        return False
    if entry.needs_object_or_weapon and not (objects or has_weapon):
        return False
    instruments = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    portions = [_of_object(o) for o in objects if o.lemma_.lower() in PORTIONS]  # 'part of its aid'
    instruments += [p for p in portions if p is not None]
    if entry.needs_object and not any(o.lemma_.lower() in entry.needs_object or o.lower_ in entry.needs_object for o in objects + instruments):
        return False  # 'imposed tariffs', 'retaliated with tariffs'
    if entry.needs_complement and not any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
        return False
    return True


def _of_object(token: Token) -> Token | None:
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _weapon_subject(token: Token, lex: Lexicon) -> bool:
    subjects = [c for c in token.children if c.dep_ in ("nsubj",)]
    return bool(weapons_in(subjects, lex))


def _noun_licensed(token: Token) -> bool:
    if token.dep_ in ("compound", "amod"):
        return False
    if token.tag_ in ("NNS", "NNPS") and not any(c.dep_ == "nummod" for c in token.children):
        return _has_light_verb(token)
    return True


def _enabled(noun: Token, lex: Lexicon) -> bool:
    """'reached an agreement', 'sanctions were imposed', 'aid was delivered': a noun such
    as 'agreement' or 'aid' reports an event only with a verb that makes it happen."""
    head = noun.head
    while noun.dep_ == "conj" and head is not noun:
        noun, head = head, head.head
    if noun.dep_ not in ("dobj", "nsubjpass", "nsubj", "pobj", "attr"):
        return False
    verb = head.head if noun.dep_ == "pobj" and head.dep_ == "prep" else head
    lemma = verb.lemma_.lower()
    return verb.pos_ in ("VERB", "AUX") and (lemma in lex.enabling_verbs or lemma in lex.light_verbs)


def _has_light_verb(token: Token) -> bool:
    return token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB" and token.head.lemma_ in (
        "launch", "carry", "conduct", "stage", "mount", "claim", "execute", "wage", "unleash",
    ) and _has_day_date(token)


def _has_day_date(token: Token) -> bool:
    """A dated plural ('strikes on Friday') is specific; 'attacks since October 7' is not."""
    return any(
        e.label_ == "DATE" and (e.start == 0 or e.doc[e.start - 1].lower_ not in ("since", "until"))
        for e in sentence_of(token).ents
    )
