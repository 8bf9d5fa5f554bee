"""Event triggers: the verbs and nouns that report an event, from the lexicon."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan, Token

from ..nlp import sentence_of
from .lexicon import Lexicon, TriggerEntry

PARTICLES = frozenset({"down", "out", "up", "for", "off", "on", "upon", "back", "over", "against", "at", "with", "into"})
# 'part of its aid', 'tons of food aid', 'millions of dollars in aid': the thing given is the 'of' object
PORTIONS = frozenset({"part", "some", "all", "most", "half", "much", "portion", "share", "bulk",
                      "ton", "tons", "tonne", "tonnes", "kg", "kilogram", "kilograms", "dollar", "dollars",
                      "euro", "euros", "shipment", "consignment", "batch", "package", "load", "worth"})
PARTY_ENTITIES = frozenset({"GPE", "ORG", "PERSON"})
DEMAND = TriggerEntry(type="REQUEST")
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
    demanded = _demanded_acts(sentence, lex)
    speakers = {head.i for head in demanded.values()}
    for token in sentence:
        if token.i in speakers:
            triggers.append(Trigger(token, DEMAND, "must"))
            continue
        # 'the banned group', 'forces fighting ISIS' describe a party; they are no event
        verbal = token.pos_ in ("VERB", "AUX") and token.dep_ != "amod" and not (token.dep_ == "acl" and token.tag_ == "VBG")
        trigger = _verb_trigger(token, lex) if verbal and token.i not in demanded else None
        if trigger is None and token.pos_ in ("NOUN", "PROPN"):
            trigger = _noun_trigger(token, lex)
        if trigger is not None and _licensed(trigger, lex):
            triggers.append(_typed_by_object(trigger))
    return _without_protest_demands(_without_undone_nouns(triggers, lex))


def _without_undone_nouns(triggers: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """'lifted the curfew', 'called off the strike', 'violated the ceasefire': the object
    of an undoing verb that is a trigger of its own is no event of its own; nor is the
    object of a deferring verb ('postponed the rally', 'the talks were delayed')."""
    undoing = {t.token.i for t in triggers if not t.is_noun and t.key in lex.undoing_verbs}
    def undone(t: Trigger) -> bool:
        verb = _verb_of(t.token) if t.is_noun and t.token.dep_ in ("dobj", "nsubjpass") else None
        return verb is not None and (verb.i in undoing or _deferring(verb, lex))
    return [t for t in triggers if not undone(t)]


def _deferring(verb: Token, lex: Lexicon) -> bool:
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    keys = {verb.lemma_.lower(), verb.lower_} | ({f"{verb.lemma_.lower()} {particle}"} if particle else set())
    return bool(keys & lex.deferring_verbs)


def _without_protest_demands(triggers: list[Trigger]) -> list[Trigger]:
    """'staged a hunger strike to demand his release', 'blocked roads demanding reforms':
    a demand made by protesting is the protest's purpose, not an event of its own."""
    if not any(t.entry.type == "PROTEST" and t.token.pos_ != "AUX" for t in triggers):
        return triggers
    return [t for t in triggers if not (t.entry.type == "REQUEST" and not t.is_noun and _purpose_form(t.token))]


def _purpose_form(token: Token) -> bool:
    """An infinitive ('to demand') or a participle ('demanding')."""
    return token.tag_ == "VBG" or (token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children))


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


def _demanded_acts(sentence: SpacySpan, lex: Lexicon) -> dict[int, Token]:
    """'X said Iraq must cooperate', 'a reminder that Iraq must cooperate': what a speaker
    says another party must or should do is the speaker's demand (REQUEST), not the act.
    Maps each demanded verb to the word of saying it hangs from."""
    found = {}
    for token in sentence:
        head = token.head.lemma_.lower()
        if token.dep_ not in ("ccomp", "acl") or not (head in lex.demand_heads or head in lex.demand_words):
            continue
        modal = any(c.dep_ == "aux" and c.lower_ in lex.demand_modals for c in token.children)
        that = any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)
        if not (modal or _subjunctive(token) or (that and head in lex.demand_words)):  # 'demanded that Israel ease ...'
            continue
        if token.lemma_.lower() in lex.demand_not_acts or _speaker_lemma(token.head) in lex.demand_not_speakers:
            continue  # 'they should know that ...'; 'the law says vessels must ...', 'analysts said X should ...'
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        must = any(c.dep_ == "aux" and c.lower_ == "must" for c in token.children)
        if subject is not None and _party(subject, lex, strict=not must):
            found[token.i] = token.head  # 'strong diplomacy must work' names no one
    return found


def _speaker_lemma(head: Token) -> str:
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subject.lemma_.lower() if subject is not None else ""


def _subjunctive(token: Token) -> bool:
    """'reiterated that Israel ease the restrictions': a base-form verb with its own
    subject and no auxiliary is what someone wants done."""
    children = list(token.children)
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    if subject is None or any(c.dep_ in ("aux", "auxpass") for c in children):
        return False
    return token.tag_ == "VB" or (token.tag_ == "VBP" and subject.tag_ in ("NN", "NNP"))  # 'the government raise ...'


def _party(token: Token, lex: Lexicon, strict: bool) -> bool:
    """A word that can name an acting party: a state, organisation or person, or a role
    noun; with 'must' also a pronoun ('he must resign', not 'we must remain vigilant' or
    'it must be said'), which 'should' makes advice ('they should communicate')."""
    if token.pos_ == "PRON":
        return not strict and (token.lower_ in ("he", "she", "they", "you") or (token.lower_ == "it" and token.head.lemma_ != "be"))
    words = (token.lemma_.lower(), token.lower_)
    return token.ent_type_ in PARTY_ENTITIES or any(w in lex.roles or w in lex.party_nouns or w in lex.cues.official_words for w in words)


def _typed_by_object(trigger: Trigger) -> Trigger:
    """'established diplomatic ties' is diplomatic (SUPPORT), 'established an operations
    room' material cooperation: some verbs take their type from the object."""
    entry = trigger.entry
    if not entry.object_types or trigger.is_noun:
        return trigger
    objects = objects_of(trigger.token)
    objects += [p for p in (_of_object(o) for o in objects if o.lemma_.lower() in PORTIONS) if p is not None]
    words = {w for o in objects for w in (o.lemma_.lower(), o.lower_)}
    if any(c.dep_ == "ccomp" for c in trigger.token.children):
        words.add("@clause")  # 'a rights group protested that ...' says it: a disapproval
    for word, event_type in entry.object_types:
        if word in words:
            return Trigger(trigger.token, replace(entry, type=event_type, object_types=()), trigger.key)
    return trigger


def _verb_trigger(token: Token, lex: Lexicon) -> Trigger | None:
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep") and child.lower_ in PARTICLES:
            key = f"{lemma} {child.lower_}"
            if key in lex.verbs:
                return Trigger(token, lex.verbs[key], key)
    for child in token.children:  # 'traded fire', 'opened fire', 'seized control', 'pointed the finger'
        key = f"{lemma} {child.lemma_.lower()}"
        if child.dep_ == "dobj" and key in lex.verbs:
            return Trigger(token, lex.verbs[key], key)
    for word in _predicative(token):  # 'held Israel responsible'
        key = f"{lemma} {word.lemma_.lower()}"
        if key in lex.verbs:
            return Trigger(token, lex.verbs[key], key)
    if lemma in lex.verbs and " " not in lemma:
        return Trigger(token, lex.verbs[lemma], lemma)
    return None


def _predicative(token: Token) -> list[Token]:
    """The adjective said of the verb's object ('held Israel responsible'), however the
    parser attaches it: to the verb or to the object."""
    found = [c for c in token.children if c.pos_ == "ADJ" and c.dep_ in ("oprd", "acomp", "advcl", "xcomp", "ccomp")]
    found += [g for c in token.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "amod" and g.i > c.i]
    return found


def _noun_trigger(token: Token, lex: Lexicon) -> Trigger | None:
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
            key = f"{child.lemma_.lower()} {lemma}"
            if key in lex.nouns:
                return Trigger(token, lex.nouns[key], key)
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            key = f"{lemma} of {obj.lemma_.lower()}"  # 'a state of siege'
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
        return _noun_licensed(token, entry, lex) and (not entry.needs_verb or _enabled(token, lex))
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
    if entry.needs_object and not any(_named_in(o, entry.needs_object) for o in objects + instruments + complements):
        return False  # 'imposed tariffs', 'retaliated with tariffs'
    if entry.needs_complement and not any(_complement(c) for c in token.children):
        return False
    if entry.needs_party and not any(c.dep_ == "nsubj" and _party(c, lex, strict=True) for c in token.children):
        return False
    return True


def _complement(token: Token) -> bool:
    """A clause the verb governs that is no question ('asked them to leave', not 'asked
    whether ...')."""
    infinitive = token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)  # 'sworn to fight'
    clause = token.dep_ in ("ccomp", "xcomp") or infinitive
    return clause and not any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in token.children)


def _named_in(token: Token, words: tuple[str, ...]) -> bool:
    """The object's lemma or form is listed, or its entity label as '@PERSON' ('released
    the mayor', 'freed Ahmed Ali'), or a compound noun before it ('ended mediation efforts')."""
    if token.lemma_.lower() in words or token.lower_ in words or (bool(token.ent_type_) and "@" + token.ent_type_ in words):
        return True
    return any(c.dep_ == "compound" and c.lemma_.lower() in words for c in token.children)  # 'mediation efforts'


def _of_object(token: Token) -> Token | None:
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _weapon_subject(token: Token, lex: Lexicon) -> bool:
    subjects = [c for c in token.children if c.dep_ in ("nsubj",)]
    return bool(weapons_in(subjects, lex))


def _noun_licensed(token: Token, entry: TriggerEntry, lex: Lexicon) -> bool:
    """No compound modifier; a plural attack noun needs a dated light verb ('launched
    strikes on Friday'), other plurals a verb that makes them happen ('staged rallies',
    'opened investigations')."""
    if token.dep_ in ("compound", "amod"):
        return False
    if token.tag_ in ("NNS", "NNPS") and not any(c.dep_ == "nummod" for c in token.children):
        return _has_light_verb(token) or (entry.type != "ASSAULT" and _staged(token, lex))
    return True


def _enabled(noun: Token, lex: Lexicon) -> bool:
    """'reached an agreement', 'sanctions were imposed', 'aid was delivered': a noun such
    as 'agreement' or 'aid' reports an event only with a verb that makes it happen."""
    verb = _verb_of(noun)
    return verb is not None and any(f in lex.enabling_verbs or f in lex.light_verbs for f in _forms(verb))


def _staged(noun: Token, lex: Lexicon) -> bool:
    """'staged rallies', 'opened investigations': a plural made to happen by a verb that is
    no trigger of its own ('held talks' is already the verb's event) and is no plan
    ('will join the talks', 'to resume talks')."""
    verb = _verb_of(noun)
    if verb is None or verb.lemma_.lower() in lex.verbs or _planned(verb, lex):
        return False
    return any(f in lex.light_verbs or f in lex.enabling_verbs for f in _forms(verb))


def _planned(verb: Token, lex: Lexicon) -> bool:
    modals = lex.cues.future_aux | lex.cues.hypothetical_aux | {"to"}
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(c.dep_ == "aux" and c.lower_ in modals for v in verbs for c in v.children)


def _forms(token: Token) -> tuple[str, str]:
    """Lemma and lowercased form: the tagger's lemma can be wrong ('staged' -> 'stag')."""
    return token.lemma_.lower(), token.lower_


def _verb_of(noun: Token) -> Token | None:
    """The verb a noun is the object or subject of, through conjuncts and one preposition."""
    head = noun.head
    while noun.dep_ == "conj" and head is not noun:
        noun, head = head, head.head
    if noun.dep_ not in ("dobj", "nsubjpass", "nsubj", "pobj", "attr"):
        return None
    verb = head.head if noun.dep_ == "pobj" and head.dep_ == "prep" else head
    return verb if verb.pos_ in ("VERB", "AUX") else None


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
