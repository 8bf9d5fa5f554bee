"""One event mention per trigger: roles, weapons, place, date, claim and modality
read off the parse of one sentence. ``Draft`` is the mutable working form that
``merge.py`` combines and ``events.py`` freezes into an ``EventReport``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from spacy.tokens import Span as SpacySpan, Token

from ..records import Count, DateRange, Modality, Span
from .casualties import Casualties
from .claims import THREAT_HEADS, Attribution, attribute, modality, statement_attribution
from .context import DocContext, PlaceMention, modifies_noun
from .dates import DateMention
from .places import PLACE_NOUNS, event_places, origin_of
from .roles import RoleFill, exchange_border, is_definite, owner_of, reciprocal_order, resolve_phrase, resolve_target
from .triggers import Trigger, objects_of, weapons_in

TARGET_PREPS = frozenset({"against", "at", "on", "toward", "towards", "targeting", "upon"})
PARTNER_PREPS = frozenset({"with"})
LIGHT_DEPS = frozenset({"dobj", "nsubjpass", "nsubj", "pobj"})
SUBORDINATE = frozenset({"relcl", "advcl", "acl"})
JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})
COOPERATIVE = frozenset({"AID", "SUPPORT", "COOPERATE", "RETREAT", "CONCEDE"})
PROMISE_HEADS = frozenset({"pledge", "promise"})
COMMIT_HEADS = PROMISE_HEADS | {"offer", "agree", "plan", "prepare", "prepared", "intend", "ready", "willing", "committed", "decide", "vow", "threaten", "poised"}
MODALS = frozenset({"will", "shall", "'ll", "would", "could", "may", "might"})
ORGANISATION_KINDS = frozenset({"intergovernmental", "organisation", "organization", "coalition"})
OPEN_SINCE_DAYS = 366  # 'since October 7' bounds undated events; 'since 1997' is background
RECIPIENT_TYPES = frozenset({"AID", "AGREE", "SUPPORT", "CONCEDE"})  # 'sent arms to X', 'gave X a grant'
PERSONAL_TYPES = frozenset({"COERCE", "SANCTION"})  # an arrest or a sanction hits the person named
PHYSICAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST", "AID"})
STATEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"})
PRESENT_SIMPLE = frozenset({"VBZ", "VBP"})
QUOTES = frozenset('"\u201c\u201d')
# 'sentenced for defying', 'accused of providing', 'barred from visiting', 'look forward to
# discussing', 'reciprocate by agreeing': a reason, a charge, a prevented or a wished-for act
GERUND_PREPS = frozenset({"for", "of", "from", "to", "by"})
CLAIMED_NOUNS = frozenset({"responsibility", "credit"})
NEW_EVENT_WORDS = frozenset({"another", "other", "new", "latest", "second", "third", "further", "fresh", "more"})
SCENE_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})  # acts at a scene: one per place listed
PARTY_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
BINDING_PREPS = frozenset({"in", "during", "by", "with"})
COMPLEMENT_DEPS = frozenset({"pcomp", "pobj", "prep", "dobj", "xcomp", "acl", "attr"})


@dataclass
class Draft:
    event_type: str
    trigger: Span
    sentence: Span
    sent_index: int
    definite: bool
    mode: str | None = None
    actor: RoleFill | None = None
    target: RoleFill | None = None
    intercepted_by: RoleFill | None = None
    place: PlaceMention | None = None
    place_weak: bool = False  # only where a group comes from or where it was headed
    place_fallback: tuple[str, Span] | None = None
    date: DateRange = field(default_factory=DateRange)
    date_span: Span | None = None
    date_is_default: bool = True
    weapons: list[tuple[str, Span]] = field(default_factory=list)
    outcome: str | None = None
    fatalities: Count | None = None
    injured: Count | None = None
    casualty_spans: dict[str, Span] = field(default_factory=dict)
    claim: Attribution = field(default_factory=Attribution)
    modality: Modality = field(default_factory=Modality)
    weight: float = 0.5
    last_sent: int = -1  # the latest sentence merged into this draft
    aggregate: bool = False  # told as recurring ('on a near-daily basis'): many events, not one
    origin: str | None = None  # ISO3 of the country a projectile was fired from
    bound_to: int | None = None  # start of a trigger this one tells the same act with ('killed in a strike')
    absorbed: set[int] = field(default_factory=set)  # trigger starts of the mentions merged into this one
    fresh: bool = False  # told as a new event ('another attack'): no earlier mention is this one
    nominal: bool = False  # the trigger is a noun ('the strike')

    def __post_init__(self) -> None:
        self.last_sent = max(self.last_sent, self.sent_index)
        self.absorbed.add(self.trigger.start)

    @property
    def bare(self) -> bool:
        """No day, place or named actor of its own: a mention that can only refer back."""
        named = self.actor is not None and self.actor.ref.id is not None
        return self.date_is_default and self.place is None and not named


def drafts_for(trigger: Trigger, sentence: SpacySpan, sent_index: int, others: list[Trigger], casualties: Casualties, ctx: DocContext) -> list[Draft]:
    """The event mention(s) of one trigger: one per place when places are listed."""
    token = trigger.token
    if _non_eventive(trigger, sentence):
        return []
    mod, intent = modality(token, ctx)
    mod = _unreal(token, mod, ctx)
    promised = intent is not None and intent.lemma_.lower() in PROMISE_HEADS and trigger.entry.type in COOPERATIVE
    if intent is not None and intent.lemma_.lower() in THREAT_HEADS and trigger.entry.type != "THREATEN" and not promised:
        return []
    actor, target, interceptor, heads = _roles(trigger, ctx)
    if _commentary(trigger, actor, ctx) or _accidental(trigger, ctx) or _commentator_speaks(token, ctx):
        return []
    clause = _clause(token)
    foreign = _foreign(trigger, others)
    sentence_places = ctx.places_in(sentence.start_char, sentence.end_char)
    places, weak = _places(trigger, others, clause, foreign, heads, sentence_places, ctx)
    border = exchange_border(actor, target, places, sentence, ctx) if trigger.key in ctx.res.lexicon.cues.reciprocal_triggers else None
    places, weak = ([border], False) if border is not None else (places, weak)
    base = Draft(
        event_type=trigger.entry.type, trigger=_span(token), sentence=Span(sentence.start_char, sentence.end_char, sentence.text),
        sent_index=sent_index, definite=_refers_back(token), actor=actor, target=target, intercepted_by=interceptor,
        modality=mod, weight=0.6 if not trigger.is_noun else 0.5,
    )
    base.origin = origin_of(clause, sentence_places)
    base.bound_to = _bound_trigger(token, trigger.entry.type, others)
    base.nominal = trigger.is_noun
    base.fresh = trigger.is_noun and tells_new(token)
    base.weapons = [(name, _span(tok)) for name, tok in _weapons(trigger, ctx)]
    base.mode = trigger.entry.mode or ctx.res.lexicon.mode_for({ctx.res.lexicon.weapons[n] for n, _ in base.weapons})
    base.outcome = "intercepted" if trigger.entry.interception else None
    _set_date(base, token, clause, foreign, sentence, ctx)
    if base.event_type == "ASSAULT":
        _set_casualties(base, casualties)
    parties = [f.ref.id if f else None for f in (actor, target, interceptor)]
    base.claim = _statement_claim(base, attribute(token, actor, parties, ctx), ctx)
    _retype(base, token, intent, promised, ctx)
    base.claim = _statement_claim(base, base.claim, ctx)  # a retyped threat is a statement too
    if not places:
        base.place_fallback = _target_country(target, ctx) if base.event_type in PHYSICAL_TYPES else None
        return [base]
    base.place_weak = weak
    if base.event_type not in SCENE_TYPES:
        places = places[:1]  # 'flights were suspended at airports in A, B and C' is one act
    return [_with_place(base, p) for p in places]


def tells_new(token: Token) -> bool:
    """'another attack', 'the arrest of five more people', 'a fresh strike': not one told before."""
    return any(t.lower_ in NEW_EVENT_WORDS for t in token.subtree)


def _refers_back(token: Token) -> bool:
    """'the attack', 'their abduction', "Tuesday's attack": a mention of an event told before
    ('the arrest of another five people', 'the latest attack' tell a new one)."""
    if tells_new(token):
        return False
    return is_definite(token) or any(c.dep_ == "poss" and (c.pos_ == "PRON" or c.ent_type_ == "DATE") for c in token.children)


def _non_eventive(trigger: Trigger, sentence: SpacySpan) -> bool:
    """Uses of a trigger word that report no event: an undated statement verb in the present
    tense, outside a quotation, states a standing position or a habit ('the group opposes
    Chinese investment', 'officials routinely deny'; headlines and chronologies put acts
    in the present too: 'troops capture the town', 'May 5: Hitler demands'); a gerund after
    'for', 'of', 'from', 'to' or 'by', or a noun it acts on, is a reason, a charge or an act
    not (yet) done ('sentenced for defying', 'accused of providing'); a noun inside a date
    ('in March') names a time."""
    token = trigger.token
    if trigger.is_noun and token.ent_type_ == "DATE":  # 'in March', 'on Strike Day'
        return True
    if trigger.entry.type == "CONSULT" and not trigger.is_noun and _passive_without_agent(token):
        return True  # 'the conditions must be met'
    if token.dep_ == "ROOT" and token.tag_ in PRESENT_SIMPLE and trigger.entry.type in STATEMENT_TYPES:
        if not QUOTES & set(sentence.text) and not any(e.label_ == "DATE" for e in sentence.ents):
            return True
    if _background_description(token) or _standing_passive(trigger, sentence):
        return True
    verb = _verb_of(token) if trigger.is_noun else token
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or verb.head.lower_ not in GERUND_PREPS:
        return False
    return verb.head.head.lemma_.lower() not in CLAIMED_NOUNS  # 'claimed responsibility for attacking'


def _standing_passive(trigger: Trigger, sentence: SpacySpan) -> bool:
    """'Both tankers are sanctioned by the Treasury', 'millions of dogs are killed every year':
    an undated present passive states a standing condition or a habit, not an event (a
    standing deployment, 'the area is patrolled by jets', is still told as one)."""
    token = trigger.token
    if trigger.is_noun or trigger.entry.type == "MOBILIZE" or not any(c.dep_ == "auxpass" and c.tag_ in PRESENT_SIMPLE for c in token.children):
        return False
    if any(c.tag_ == "VBG" and c.dep_ in ("advcl", "conj", "xcomp") for c in token.children):
        return False  # a chronicle: 'malls are bombed by rebels, killing six'
    return not any(e.label_ in ("DATE", "TIME") for e in sentence.ents)


def _background_description(verb: Token) -> bool:
    """'Saudi Arabia, which has been holding talks with the Houthis, urged ...', 'the envoy, who
    had negotiated with Pyongyang': a perfect-tense relative clause describing a party tells
    its record, not an event of the story."""
    if verb.dep_ != "relcl" or verb.head.ent_type_ not in PARTY_ENTITIES:
        return False
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _commentary(trigger: Trigger, actor: RoleFill | None, ctx: DocContext) -> bool:
    """'Security analysts welcomed the move', 'researchers warn': what commentators say is
    opinion, not a party's statement."""
    if trigger.entry.type not in STATEMENT_TYPES or actor is None:
        return False
    return bool(set(actor.span.text.lower().split()) & ctx.res.lexicon.cues.commentator_nouns)


def _commentator_speaks(token: Token, ctx: DocContext) -> bool:
    """'Gary Samore, a former White House coordinator, said, "A test would ..."', 'warned X, a
    senior fellow at ...': what a commentator says, and the career told of them, is opinion
    or background, not an event of the story."""
    nouns = ctx.res.lexicon.cues.commentator_nouns
    for clause in (token, *token.ancestors):
        speaker = _child(clause, "nsubj")
        if speaker is not None and speaker.ent_type_ == "PERSON" and any(
                a.dep_ == "appos" and {t.lower_ for t in a.subtree} & nouns for a in speaker.children):
            return True
    return False


def _accidental(trigger: Trigger, ctx: DocContext) -> bool:
    """'five people were killed in the crash', 'the plane crashed, killing all crew': deaths
    in an accident or a disaster are no attack."""
    token = trigger.token
    if trigger.entry.type != "ASSAULT":
        return False
    causes = [token.head] + [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "by", "from") for g in c.children if g.dep_ == "pobj"]
    return any(c.lemma_.lower() in ctx.res.lexicon.cues.accident_words for c in causes)


def _passive_without_agent(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children) and _agent(verb) is None


def _verb_of(noun: Token) -> Token:
    """The verb a noun is the object of: 'agreeing' in 'agreeing to a ceasefire'."""
    if noun.dep_ == "dobj":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return noun


def _unreal(token: Token, mod: Modality, ctx: DocContext) -> Modality:
    """What the clause-level modality misses: 'almost killed' did not happen; 'could return
    ... or accept' shares its modal; 'no sign of X being intercepted', 'there will be no
    arrest', 'preparations for', 'authorizes firing' name no act that took place."""
    cues = ctx.res.lexicon.cues
    if not mod.factual:
        return mod
    words = [token, token.head] if token.dep_ in ("dobj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN") else [token]
    if any(c.dep_ == "advmod" and c.lower_ in cues.near_miss_adverbs for w in words for c in w.children):
        return Modality(negated=True)
    heads = [w.head for w in words if w.dep_ == "attr" or (w.dep_ == "conj" and not _has_subject(w))]
    if any(c.dep_ == "aux" and (c.lower_ in cues.hypothetical_aux or c.lower_ in cues.future_aux) for h in heads for c in h.children):
        return Modality(hypothetical=True)
    for head in _complement_heads(token):
        if head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
            return Modality(negated=True)
        if head.lemma_.lower() in cues.unreal_heads:
            return Modality(hypothetical=True)
    return mod


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _complement_heads(token: Token) -> list[Token]:
    """The words up to three complement links above ``token`` ('sign' in 'no sign of it being hit')."""
    heads, current = [], token
    for _ in range(3):
        if current.dep_ not in COMPLEMENT_DEPS or current.head is current:
            break
        current = current.head
        heads.append(current)
    return heads


def _places(trigger: Trigger, others: list[Trigger], clause: set[int], foreign: set[int], heads: list[Token | None],
            sentence_places: list[PlaceMention], ctx: DocContext) -> tuple[list[PlaceMention], bool]:
    token = trigger.token
    targets, actors = [h for h in heads[1:] if h is not None], [h for h in heads[:1] if h is not None]
    ancestors = [token, *token.ancestors]
    main = not any(o.token in ancestors[1:] for o in others) and not any(a.dep_ in SUBORDINATE for a in ancestors)
    physical = trigger.entry.type in PHYSICAL_TYPES
    return event_places(clause, foreign, targets, actors, sentence_places, ctx, main=main, physical=physical)


def _retype(draft: Draft, token: Token, intent: Token | None, promised: bool, ctx: DocContext) -> None:
    """What the words make of the act: leaving an organisation cuts ties (SANCTION, not a
    retreat); a party's own future act is a commitment or a threat."""
    left = _organisation_left(token, ctx) if draft.event_type == "RETREAT" else None
    if left is not None:  # 'withdrew from ECOWAS'
        draft.event_type, draft.target = "SANCTION", draft.target or left
    if _committing(token, intent):
        _as_commitment(draft, intent if promised else None, ctx)


def _statement_claim(draft: Draft, found: Attribution, ctx: DocContext) -> Attribution:
    """A statement event (an accusation, a demand, a threat) is what its speaker said (see
    ``claims.statement_attribution``); other events keep their attribution."""
    return statement_attribution(found, draft.actor, ctx) if draft.event_type in STATEMENT_TYPES else found


def _organisation_left(token: Token, ctx: DocContext) -> RoleFill | None:
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    place = _child(prep, "pobj") if prep is not None else None
    fill = resolve_phrase(place, ctx) if place is not None else None
    return fill if fill is not None and fill.ref.kind in ORGANISATION_KINDS else None


def _committing(token: Token, intent: Token | None) -> bool:
    """The party itself says it will act: a future or modal verb of its own ('will send',
    'could strike'), or a word of commitment ('offered to', 'is ready to', 'plans to');
    not an act others urge, need or hope for ('urged Israel to release')."""
    if intent is not None:
        return intent.lemma_.lower() in COMMIT_HEADS
    verbs = [token, token.head] if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj" else [token]  # 'will extend the curfew'
    return any(c.dep_ == "aux" and c.lower_ in MODALS for v in verbs for c in v.children)


def _as_commitment(draft: Draft, promise: Token | None, ctx: DocContext) -> None:
    """A party's own future or intended act is a statement now: 'X will send aid', 'X
    promised to continue aid' code AGREE (a commitment); 'X could strike', 'X plans to
    impose sanctions' code THREATEN; 'X will not provide aid' codes REJECT (a refusal).
    Others' speculation and negated past acts stay as they are."""
    if promise is not None:
        draft.modality = Modality(future=True)
        subject = _child(promise, "nsubj")
        draft.actor = draft.actor or (resolve_phrase(subject, ctx) if subject is not None else None)
    mod = draft.modality
    refused = mod.negated and draft.event_type in COOPERATIVE | JOINT_TYPES
    if not refused and (mod.factual or mod.negated or draft.event_type in ("THREATEN", "AGREE")):
        if draft.event_type == "AGREE" and not mod.negated:
            draft.modality = Modality()
        return
    new_type = "REJECT" if refused else "THREATEN" if draft.event_type in HOSTILE else "AGREE" if draft.event_type in COOPERATIVE else None
    if new_type in ("AGREE", "THREATEN") and _conditioned(draft, ctx):
        new_type = "THREATEN"  # 'will withdraw its troops unless ...'
    if new_type is None or draft.actor is None or draft.actor.ref.id is None:
        return
    # 'confirmed': a state speaking of its own act ('Hungary said it will support ...')
    allowed = ("asserted", "claimed", "confirmed") if new_type == "THREATEN" else ("asserted", "claimed", "confirmed", "reported")
    if draft.claim.status not in allowed:  # others' speculation about a hostile act is no threat
        return
    draft.event_type, draft.modality, draft.mode, draft.outcome = new_type, Modality(), None, None


def _conditioned(draft: Draft, ctx: DocContext) -> bool:
    """An act made to depend on the other side: 'unless the president steps down'."""
    words = ctx.document.text[draft.trigger.end: draft.sentence.end].lower().split()
    return "unless" in words


def _with_place(base: Draft, place: PlaceMention) -> Draft:
    draft = Draft(**{**base.__dict__, "weapons": list(base.weapons), "casualty_spans": dict(base.casualty_spans),
                     "absorbed": set(base.absorbed)})
    draft.place = place
    return draft


Roles = tuple[RoleFill | None, RoleFill | None, RoleFill | None, list[Token | None]]


def _roles(trigger: Trigger, ctx: DocContext) -> Roles:
    """Actor, target, interceptor, and the phrase heads [actor-side, target-side]."""
    token = trigger.token
    if trigger.is_noun:
        actor_tok, target_tok = _noun_roles(token, ctx)
    else:
        actor_tok, target_tok = _verb_roles(token, ctx)
    actor = resolve_phrase(actor_tok, ctx) if actor_tok is not None else None
    resolve = resolve_target if trigger.entry.type in PERSONAL_TYPES else resolve_phrase
    target = resolve(target_tok, ctx) if target_tok is not None else None
    heads = [actor_tok, target_tok]
    if trigger.entry.interception:
        return None, None if _is_weapon(target_tok, ctx) else target, actor, heads
    if _is_weapon(target_tok, ctx):
        target = None
    if _is_weapon(actor_tok, ctx):
        actor = owner_of(actor_tok, ctx)  # 'Russian warplanes', "Hizbullah's drones"
    if trigger.key in ctx.res.lexicon.cues.reciprocal_triggers:
        actor, target = reciprocal_order(actor, target)
    return actor, target, None, heads


def _verb_roles(verb: Token, ctx: DocContext) -> tuple[Token | None, Token | None]:
    actor = _child(verb, "nsubj") or _agent(verb) or _controller(verb) or _shared_subject(verb)
    if actor is not None and _is_weapon(actor, ctx):
        # 'attacked by drones launched by X': the launcher is the actor
        launcher = next((c for c in actor.children if c.dep_ in ("acl", "relcl")), None)
        actor = (_agent(launcher) if launcher is not None else None) or actor
    entry = ctx.res.lexicon.verbs.get(verb.lemma_.lower())
    giving = entry is not None and entry.type in RECIPIENT_TYPES
    candidates = [_child(verb, "dative") if giving else None, _prep_object(verb, frozenset({"to"}), ctx) if giving else None]
    candidates += [_child(verb, "dobj"), _child(verb, "nsubjpass"), _prep_object(verb, TARGET_PREPS | PARTNER_PREPS, ctx)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        candidates.append(verb.head)  # 'schoolgirls kidnapped from their school'
    for child in verb.children:
        if child.dep_ == "ccomp" and entry is not None and entry.type == "REQUEST":
            candidates.insert(0, _child(child, "nsubj"))  # 'demanded that the US cancel ...': the one asked
        if child.dep_ in ("xcomp", "ccomp"):  # 'warned that its forces would hunt for Israeli ships'
            candidates += [_child(child, "dobj"), _child(child, "nsubjpass"), _prep_object(child, TARGET_PREPS | {"for"}, ctx)]
    target = _pick_target([c for c in candidates if c is not None], ctx)
    return actor, target or _partner(actor, verb, ctx)


def _partner(actor: Token | None, verb: Token, ctx: DocContext) -> Token | None:
    """'Israel and Hamas have agreed': in a joint act the second party is the other side."""
    lemma = verb.lemma_.lower()
    joint = lemma in ctx.res.lexicon.verbs and ctx.res.lexicon.verbs[lemma].type in JOINT_TYPES
    if actor is None or not (joint or lemma in ctx.res.lexicon.cues.reciprocal_triggers):
        return None
    return next((c for c in actor.children if c.dep_ == "conj"), None)


def _pick_target(candidates: list[Token], ctx: DocContext) -> Token | None:
    """The first candidate naming a known actor, else the first that names people or
    things attacked ('civilians', 'a tanker'); weapons and abstractions never."""
    usable = [c for c in candidates if not _is_weapon(c, ctx) and c.ent_type_ not in ("DATE", "TIME") and not _names_place(c, ctx)]
    for cand in usable:
        fill = resolve_phrase(cand, ctx)
        if fill is not None and fill.ref.id is not None:
            return cand
    nouns = ctx.res.lexicon.cues.target_nouns
    return next((c for c in usable if c.lower_ in nouns or c.lemma_.lower() in nouns or c.pos_ == "PROPN"), None)


def _names_place(token: Token, ctx: DocContext) -> bool:
    """'the town of Bama' is where the event happened, not whom it hit."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    place = _child(of, "pobj") if of is not None else None
    if place is not None and token.lemma_ in PLACE_NOUNS:
        return any(m.start <= place.idx < m.end for m in ctx.places)
    names_actor = any(a.start <= token.idx < a.end for a in ctx.actors)
    return token.pos_ == "PROPN" and not names_actor and any(m.tokens.root.i == token.i for m in ctx.places)


def _noun_roles(noun: Token, ctx: DocContext) -> tuple[Token | None, Token | None]:
    actor = _agent(noun) or _modifier_actor(noun, ctx)
    candidates = [_prep_object(noun, TARGET_PREPS | PARTNER_PREPS, ctx)]
    head = noun.head
    if noun.dep_ in LIGHT_DEPS and head.pos_ in ("VERB", "AUX") and noun.dep_ != "pobj" and _is_light(head, ctx):
        if noun.dep_ == "dobj":
            actor = actor or _child(head, "nsubj") or _controller(head)
        else:
            actor = actor or _agent(head)
        candidates.append(_prep_object(head, TARGET_PREPS | PARTNER_PREPS, ctx))
    target = _pick_target([c for c in candidates if c is not None], ctx)
    if actor is None and noun.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
        subject = _child(head.head, "nsubj") or _child(head.head, "nsubjpass")
        if subject is not None and noun.lemma_ in ("meeting", "talks", "summit"):
            actor = subject
            target = target or next((c for c in subject.children if c.dep_ == "conj"), None)
    return actor, target


def _is_light(verb: Token, ctx: DocContext) -> bool:
    """'carried out an attack', 'launched strikes': the verb's subject is the noun's actor;
    'condemned the strike' is a statement about an attack, not its actor."""
    light = ctx.res.lexicon.light_verbs | ctx.res.lexicon.enabling_verbs
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return verb.lemma_.lower() in light or (particle is not None and f"{verb.lemma_.lower()} {particle}" in light)


def _modifier_actor(noun: Token, ctx: DocContext) -> Token | None:
    """"Hizbullah's attack", 'the Israeli strike'; but 'the Jordan attack' names a place."""
    for child in noun.children:
        if child.i < noun.i and child.dep_ in ("compound", "poss", "amod", "nmod"):
            if ctx.res.gazetteer.demonym(child.text):
                return child
            named = ctx.actors_in(child.idx, child.idx + len(child.text))
            if named and not (child.dep_ in ("compound", "nmod") and all(m.actor.kind == "state" for m in named)):
                return child
    return None


def _agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return _child(child, "pobj")
    return None


def _shared_subject(verb: Token) -> Token | None:
    """'X attacked the town and killed ten': the second verb shares X; so does a participle
    clause ('X said ..., warning that ...', 'X blamed India, accusing it of ...')."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return _subject_up(verb, "advcl")
    return _subject_up(verb, "conj")


def _controller(verb: Token) -> Token | None:
    """The subject of 'claimed' in 'X claimed to have targeted ...'."""
    return _subject_up(verb, "xcomp")


def _subject_up(verb: Token, link: str) -> Token | None:
    """The nearest subject up a chain of ``link`` dependencies (at most three)."""
    token = verb
    for _ in range(3):
        if token.dep_ != link or token.head is token:
            return None
        token = token.head
        if token.dep_ == "acomp" and link == "xcomp":
            token = token.head  # 'they are ready to strike': the subject of 'are'
        subject = _child(token, "nsubj") or (_child(token, "nsubjpass") if link == "xcomp" else None)
        if subject is not None:
            return subject
    return None


def _prep_object(token: Token, preps: frozenset[str], ctx: DocContext) -> Token | None:
    for scope in [token] + [c for c in token.children if c.dep_ in ("dobj",)]:
        for child in scope.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                pobj = _child(child, "pobj")
                if pobj is not None and not _is_place_only(pobj, ctx):
                    return pobj
    return None


def _is_place_only(token: Token, ctx: DocContext) -> bool:
    """'at al-Tanf' is a place, 'at American forces' a target; a state ('on Israel') is both."""
    if ctx.actors_in(token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)):
        return False
    return any(m.tokens.root.i == token.i or m.start <= token.idx < m.end for m in ctx.places)


def _is_weapon(token: Token | None, ctx: DocContext) -> bool:
    return token is not None and bool(weapons_in([token], ctx.res.lexicon))


def _weapons(trigger: Trigger, ctx: DocContext) -> list[tuple[str, Token]]:
    token = trigger.token
    candidates = objects_of(token) + [c for c in token.children if c.dep_ in ("nsubj", "compound")]
    if trigger.is_noun and token.dep_ in LIGHT_DEPS:
        candidates += [c for c in token.head.children if c.dep_ in ("prep",) for c in c.children]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "by", "using"):
            candidates += [c for c in child.children if c.dep_ == "pobj"]
    found: dict[str, Token] = {}
    for name, tok in weapons_in(candidates, ctx.res.lexicon):
        found.setdefault(name, tok)
    return list(found.items())


def _set_date(draft: Draft, token: Token, clause: set[int], foreign: set[int], sentence: SpacySpan, ctx: DocContext) -> None:
    best: tuple[int, int, DateMention] | None = None
    subordinate = (token.dep_ in SUBORDINATE and not _participle(token)) or (token.head.dep_ in SUBORDINATE and token.dep_ in LIGHT_DEPS)
    for mention in ctx.dates:
        if not (sentence.start_char <= mention.span.start < sentence.end_char):
            continue
        score = _date_score(mention, token, clause, foreign, subordinate)
        if score is None:
            continue
        key = (score, abs(mention.span.start - token.idx), mention)
        if best is None or key[:2] < best[:2]:
            best = key
    if best is not None and best[2].range.start is not None:
        draft.date, draft.date_span, draft.date_is_default = best[2].range, best[2].span, False
    elif best is not None:
        draft.date, draft.date_span = best[2].range, best[2].span
    else:
        draft.date = _default_range(ctx)


def _date_score(mention: DateMention, token: Token, clause: set[int], foreign: set[int], subordinate: bool) -> int | None:
    span = token.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    if any(t.i in foreign for t in span):
        return None
    if _other_conjunct(root, token):
        return None
    if root.dep_ == "mark":  # 'the day after X launched ...' dates the main clause, not X
        return None if subordinate else 2
    if root.head.i in clause or (root.head.dep_ == "prep" and root.head.head.i in clause):
        return 0
    if token.left_edge.i <= root.i <= token.right_edge.i:
        return 1
    if token.dep_ == "relcl" and token.head.i in (root.i, root.head.i):
        return 1  # 'the February 2020 pact the US negotiated': the date of the noun it describes
    return None if subordinate else 2


def _clause_verb(token: Token) -> Token | None:
    return next((t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")), None)


def _present(verb: Token) -> bool:
    return any(t.tag_ in PRESENT_SIMPLE for t in [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))])


def _other_conjunct(date_root: Token, token: Token) -> bool:
    """'X was defeated in 2017, but its cells still carry out attacks': a coordinated
    clause with a subject of its own and another tense does not take the other
    clause's date."""
    a, b = _clause_verb(date_root), _clause_verb(token)
    if a is None or b is None or a.i == b.i or _present(a) == _present(b):
        return False
    conj = b if b.dep_ == "conj" and b.head.i == a.i else a if a.dep_ == "conj" and a.head.i == b.i else None
    return conj is not None and _has_subject(conj)


def _participle(token: Token) -> bool:
    """'struck on Monday, killing 12': a bare participial clause shares the main clause's time."""
    return token.dep_ == "advcl" and token.tag_ == "VBG" and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in token.children)


def _default_range(ctx: DocContext) -> DateRange:
    """An undated event lies between the start of the situation the article describes
    ('since October 7') or a month before publication, and the publication date."""
    published = ctx.published
    if published is None:
        return DateRange(precision="unknown")
    recent = published - timedelta(days=OPEN_SINCE_DAYS)
    opens = [m.range.start for m in ctx.dates if m.kind == "open" and m.range.start and m.range.start >= recent]
    start = min(opens) if opens else published - timedelta(days=30)
    return DateRange(start=min(start, published), end=published, precision="range")


def _set_casualties(draft: Draft, casualties: Casualties) -> None:
    draft.fatalities, draft.injured = casualties.fatalities, casualties.injured
    if casualties.fatalities_span:
        draft.casualty_spans["fatalities"] = casualties.fatalities_span
    if casualties.injured_span:
        draft.casualty_spans["injured"] = casualties.injured_span


def _target_country(target: RoleFill | None, ctx: DocContext) -> tuple[str, Span] | None:
    """'an attack on Israel': with no other place, the targeted country is the place."""
    if target is None or target.ref.kind not in (None, "state"):
        return None  # 'IS fighters' are not Iceland
    span = ctx.doc.char_span(target.span.start, target.span.end, alignment_mode="expand")
    if span is not None and modifies_noun(span.root):
        return None  # 'attacks on US troops' were not in the United States
    place = ctx.res.gazetteer.country(target.span.text.removeprefix("the ").strip())
    return (place.id, target.span) if place is not None else None


def _clause(token: Token) -> set[int]:
    clause = {token.i}
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in LIGHT_DEPS:
        head = token.head
        clause.add(head.i)
        if token.dep_ == "pobj" and head.head is not head:
            clause.add(head.head.i)
    return clause


def _foreign(trigger: Trigger, others: list[Trigger]) -> set[int]:
    token = trigger.token
    ancestors = {a.i for a in token.ancestors}
    foreign: set[int] = set()
    for other in others:
        o = other.token
        if o.i == token.i or o.i in ancestors:
            continue
        if token.left_edge.i <= o.i <= token.right_edge.i and _same_event(o):
            continue
        foreign.update(range(o.left_edge.i, o.right_edge.i + 1))
    return foreign - {token.i}


def _bound_trigger(token: Token, event_type: str, others: list[Trigger]) -> int | None:
    """'killed in a drone strike', 'the strike killed 12', 'wounded in the attack', 'struck ...,
    killing 12': a trigger of the same type that this one is the means, the subject or the
    outcome of names one act, not two."""
    if token.dep_ == "pobj" and token.head.lower_ == "as":  # 'condemned the strike as an attack on X'
        host = _child(token.head.head, "dobj") or token.head.head
    elif token.dep_ == "pobj" and token.head.lower_ in BINDING_PREPS:
        host = token.head.head
    elif token.dep_ == "acl" and _conjunct_head(token.head).dep_ in ("dobj", "pobj", "nsubjpass"):
        noun = _conjunct_head(token.head)  # 'hit by a missile fired from', 'downed drones and missiles fired by'
        host = noun.head.head if noun.dep_ == "pobj" else noun.head
    elif token.dep_ in ("nsubj", "nsubjpass") or (token.tag_ == "VBG" and token.dep_ in ("advcl", "conj")):
        host = token.head  # 'exploded ..., killing 12 people, wounding 2,800'
    else:
        return None
    bound = next((o.token for o in others if o.token.i == host.i and o.entry.type == event_type), None)
    return bound.idx if bound is not None else None


def _conjunct_head(token: Token) -> Token:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def _same_event(nested: Token) -> bool:
    """'targeted in an attack', 'an attack' in apposition: one event, not two."""
    if nested.dep_ == "appos":
        return True
    return nested.dep_ == "pobj" and nested.head.lower_ in ("in", "during", "with")


def _child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text), token.text)
