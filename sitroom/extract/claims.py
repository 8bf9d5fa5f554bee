"""Attribution and modality: who says the event happened (claimed, reported,
confirmed, denied, could not confirm) and whether it happened at all (negated,
hypothetical, future, a threat)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..nlp import sentence_of
from ..records import Modality, Span
from .context import GROUP_KINDS, DocContext
from .lexicon import Cues
from .roles import RoleFill, resolve_phrase

# Going up from the event to a verb of saying crosses only these links; an adverbial
# clause ('..., a US official said, after a group claimed ...') is a different statement.
UP_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "dobj", "pobj", "prep", "nsubjpass", "nsubj", "attr", "parataxis", "oprd", "acomp", "appos", "npadvmod"})
INTENT_UP_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "dobj", "advcl", "conj"})
THREAT_HEADS = frozenset({"threaten", "vow", "warn", "threat", "warning", "pledge", "promise"})
REALISING = frozenset({"begin", "start", "continue", "resume", "manage", "proceed", "go", "try", "attempt", "seek"})
STATEMENT_KEPT = frozenset({"denied", "unconfirmed", "alleged"})
STATUS_ORDER = ("denied", "unconfirmed", "claimed", "confirmed", "reported", "alleged", "asserted")


@dataclass(frozen=True)
class Attribution:
    status: str = "asserted"
    claimed_by: RoleFill | None = None
    sources: tuple[str, ...] = ()
    evidence: Span | None = None
    speaker: str | None = None  # the knowledge-base id of whoever says so, when known


def stronger(a: str, b: str) -> str:
    """The status that wins when two mentions of one event are merged."""
    return a if STATUS_ORDER.index(a) <= STATUS_ORDER.index(b) else b


def statement_attribution(found: Attribution, actor: RoleFill | None, ctx: DocContext) -> Attribution:
    """A statement event (an accusation, a demand, a threat) is what its speaker said: the
    outlet asserts it was said when it quotes the speaker ('X said it rejects ...', 'China
    calls on ..., its envoy said'). A third party's word that it was said ('according to
    ...', 'reportedly', 'a US envoy said Russia and North Korea signed ...'), a denial or a
    doubt stays."""
    cue = found.evidence.text.lower() if found.evidence is not None else ""
    if found.status in STATEMENT_KEPT or cue == "according" or cue in ctx.res.lexicon.cues.reported_adverbs:
        return found
    if found.speaker and actor is not None and actor.ref.id and _state(found.speaker, ctx) != _state(actor.ref.id, ctx):
        return found
    return Attribution("asserted", sources=found.sources, evidence=found.evidence)


def attribute(trigger: Token, actor: RoleFill | None, parties: list[str | None], ctx: DocContext) -> Attribution:
    """Claim status for the event whose trigger is ``trigger``."""
    cues = ctx.res.lexicon.cues
    result = _below_noun(trigger, ctx)
    for verb in _governing_verbs(trigger):
        found = _from_verb(verb, actor, parties, ctx)
        if found is not None and found.status == "reported" and _official_self_report(trigger, verb, ctx):
            found = replace(found, status="confirmed")
        if found is not None:
            result = combine(result, found)
    result = combine(result, _according_to(trigger, ctx))
    result = combine(result, _unverified(trigger, ctx))
    adverb = _hedge_adverb(trigger, cues)
    if adverb is not None:
        status = "alleged" if adverb.lower_ in cues.alleged_adverbs else "reported"
        result = combine(result, Attribution(status, evidence=_tok_span(adverb)))
    hedge = next((c for c in trigger.children if c.dep_ == "amod" and c.lower_ in cues.alleged_adjectives), None)
    if hedge is not None:  # 'an alleged airstrike', 'a suspected drone strike'
        result = combine(result, Attribution("alleged", evidence=_tok_span(hedge)))
    return result or Attribution()


def modality(trigger: Token, ctx: DocContext) -> tuple[Modality, Token | None]:
    """The event's modality and, when it is only threatened, the threatening word."""
    cues = ctx.res.lexicon.cues
    heads = [trigger] + ([trigger.head] if trigger.dep_ in ("dobj", "nsubjpass", "pobj") and not _attributing(trigger.head, cues) else [])
    negated = any(_negates(h) for h in heads)
    future = any(c.lower_ in cues.future_aux for h in heads for c in h.children if c.dep_ == "aux")
    hypothetical = any(
        (c.dep_ == "aux" and c.lower_ in cues.hypothetical_aux) or (c.dep_ == "mark" and c.lower_ in cues.hypothetical_marks)
        for h in heads for c in h.children
    )
    intent = _intent_head(trigger, cues)
    if intent is not None and intent.lemma_.lower() not in THREAT_HEADS:
        hypothetical = True
    hypothetical = hypothetical or _unrealised_infinitive(trigger)
    return Modality(negated=negated, hypothetical=hypothetical, future=future), intent


def _unrealised_infinitive(token: Token) -> bool:
    """'efforts to impose sanctions', 'hired him to kill', 'need to destroy': a plain
    infinitive names an act that has not happened ('claimed to have targeted' has)."""
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    return token.tag_ == "VB" and "to" in aux and "have" not in aux and token.head.lemma_.lower() not in REALISING


def _attributing(verb: Token, cues: Cues) -> bool:
    """'could not confirm the attack', 'denied the attack': the negation or doubt is about
    who says so (claim status), not about whether the attack happened."""
    lemma = verb.lemma_.lower()
    return lemma in cues.unconfirm_verbs or lemma in cues.deny_verbs or lemma in cues.claim_verbs or lemma in cues.report_verbs


def _negates(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children)


def _intent_head(trigger: Token, cues: Cues) -> Token | None:
    token = trigger
    for _ in range(4):
        if token.dep_ not in INTENT_UP_DEPS or token.head is token:
            return None
        token = token.head
        lemma = token.lemma_.lower()
        if lemma in cues.intent_heads or lemma in THREAT_HEADS:
            return token
        if lemma in cues.report_verbs or lemma in cues.claim_verbs:
            return None
    return None


def _governing_verbs(trigger: Token) -> list[Token]:
    verbs, token = [], trigger
    for _ in range(8):
        if token.dep_ not in UP_DEPS or token.head is token:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            verbs.append(token)
    return verbs


def _from_verb(verb: Token, actor: RoleFill | None, parties: list[str | None], ctx: DocContext) -> Attribution | None:
    cues = ctx.res.lexicon.cues
    lemma = verb.lemma_.lower()
    negated = _negates(verb)
    if lemma in cues.unconfirm_verbs and negated:
        return Attribution("unconfirmed", sources=_sources(verb, ctx), evidence=_tok_span(verb))
    if lemma in cues.deny_verbs:
        return Attribution("denied", sources=_sources(verb, ctx), evidence=_tok_span(verb))
    subject = _subject(verb) or _agent_of(verb)
    speaker = resolve_phrase(subject, ctx) if subject is not None else None
    if lemma in cues.claim_verbs:
        if negated or (subject is not None and _negates(subject)):
            return None  # 'no group claimed the attack'
        return _claim(speaker, actor, verb, ctx)
    if lemma in cues.allege_verbs:
        return Attribution("alleged", sources=_sources(verb, ctx), evidence=_tok_span(verb))
    if lemma in cues.confirm_verbs:
        return Attribution("confirmed", sources=_sources(verb, ctx), evidence=_tok_span(verb))
    if lemma in cues.report_verbs:
        return _report(speaker, actor, parties, verb, ctx)
    return None


def _claim(speaker: RoleFill | None, actor: RoleFill | None, verb: Token, ctx: DocContext) -> Attribution:
    """'X claimed the attack' (own act: claimed) or 'officials claimed militants attacked'
    (another party's act: alleged). An unnamed armed group claiming an act claims its own."""
    subject = _subject(verb)
    if speaker is None:
        unnamed_group = subject is not None and ctx.res.lexicon.role_category(subject.lemma_.lower()) == "militants"
        own = (unnamed_group or (subject is not None and subject.lemma_.lower() == "group")) and (actor is None or actor.ref.id is None)
    elif actor is None or actor.ref.id == speaker.ref.id:
        own = True
    else:  # an unnamed actor ('militants', 'its fighters') is the speaker's own only when the speaker is an armed group
        own = actor.ref.id is None and speaker.ref.kind in GROUP_KINDS
    status = "claimed" if own else "alleged"
    return Attribution(status, claimed_by=speaker if own else None, sources=() if own else _sources(verb, ctx), evidence=_tok_span(verb))


def _report(speaker: RoleFill | None, actor: RoleFill | None, parties: list[str | None], verb: Token, ctx: DocContext) -> Attribution:
    found = _report_status(speaker, actor, parties, verb, ctx)
    return replace(found, speaker=speaker.ref.id) if speaker is not None and speaker.ref.id else found


def _report_status(speaker: RoleFill | None, actor: RoleFill | None, parties: list[str | None], verb: Token, ctx: DocContext) -> Attribution:
    sources = _sources(verb, ctx)
    if (speaker is None or speaker.ref.id is None) and _unnamed_group(verb, ctx) and (actor is None or actor.ref.id is None):
        return Attribution("claimed", claimed_by=speaker, evidence=_tok_span(verb))  # 'the rebels said they shot down ...'
    if speaker is not None and speaker.ref.id and _own_act(speaker, actor, ctx):
        if _state(speaker.ref.id, ctx) is not None and ctx.res.kb.actors[speaker.ref.id].kind not in GROUP_KINDS:
            # a state's forces reporting their own operation speak with direct knowledge
            return Attribution("confirmed", sources=sources, evidence=_tok_span(verb))
        return Attribution("claimed", claimed_by=speaker, evidence=_tok_span(verb))
    states = {_state(p, ctx) for p in parties if p}
    if _is_official(verb, ctx) and (not states or _speaker_state(speaker, sources, ctx) in states):
        return Attribution("confirmed", sources=sources, evidence=_tok_span(verb))
    if not sources:
        return Attribution("reported", evidence=_tok_span(verb))
    return Attribution("reported", sources=sources, evidence=_tok_span(verb))


def _unnamed_group(verb: Token, ctx: DocContext) -> bool:
    """'the rebels said', 'the armed group said': an armed group the knowledge base does not
    know ('the group said' alone may be a rights or monitoring group)."""
    subject = _subject(verb)
    if subject is None:
        return False
    lex = ctx.res.lexicon
    if subject.lemma_.lower() in ("group", "faction", "movement"):
        modifiers = [c for c in subject.children if c.dep_ in ("amod", "compound")]
        return any(m.lower_ in ("armed", "militant", "rebel", "jihadist", "insurgent") or lex.role_category(m.lemma_.lower()) == "militants" for m in modifiers)
    return lex.role_category(subject.lemma_.lower(), subject.lower_) == "militants"


def _own_act(speaker: RoleFill, actor: RoleFill | None, ctx: DocContext) -> bool:
    """The speaker reports its own act: it is the actor, or an armed group speaking of
    fighters the text does not name ('the group said its fighters fired rockets')."""
    if actor is not None and actor.ref.id is not None:
        return actor.ref.id == speaker.ref.id
    group = ctx.res.kb.actors.get(speaker.ref.id or "")
    return group is not None and group.kind in GROUP_KINDS


def _official_self_report(trigger: Token, verb: Token, ctx: DocContext) -> bool:
    """'Iraqi officials said they arrested seven militants': officials speaking of their
    own side's act ('they', 'we') speak with direct knowledge."""
    subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in ("they", "we") or trigger.head.i != verb.i:
        return False
    return _is_official(verb, ctx)


def _is_official(verb: Token, ctx: DocContext) -> bool:
    words = {t.lower_ for t in _subject_tokens(verb)}
    return bool(words & ctx.res.lexicon.cues.official_words)


def _speaker_state(speaker: RoleFill | None, sources: tuple[str, ...], ctx: DocContext) -> str | None:
    """The state a speaker answers to: 'a US official' -> the United States, 'Pentagon
    spokesman ...' -> the United States (through the cited organisation)."""
    if speaker is not None and speaker.ref.id is not None:
        return _state(speaker.ref.id, ctx)
    for source in sources:
        actor = ctx.res.kb.lookup(source)
        if actor is not None:
            return _state(actor.id, ctx)
    return None


def _state(actor_id: str | None, ctx: DocContext) -> str | None:
    if actor_id is None:
        return None
    return ctx.res.kb.parent_state(actor_id) or actor_id


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    return None


def _agent_of(verb: Token) -> Token | None:
    """'The attack was claimed by X': X."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _subject_tokens(verb: Token) -> list[Token]:
    """The speaker's words: the subject phrase with a title run before it ('Pentagon
    spokesman Brig. Gen. Pat Ryder')."""
    subject = _subject(verb)
    if subject is None:
        return []
    doc = verb.doc
    start = subject.left_edge.i
    while start > sentence_of(verb).start and doc[start - 1].pos_ in ("PROPN", "NOUN") and subject.left_edge.i - start < 5:
        start -= 1
    return list(doc[start: subject.right_edge.i + 1])


def _noun_run_before(verb: Token) -> list[Token]:
    """'... the Radio Farda outlet quoted': the nouns right before the verb."""
    doc, left = verb.doc, verb.i
    while left > sentence_of(verb).start and doc[left - 1].pos_ in ("PROPN", "NOUN") and verb.i - left < 6:
        left -= 1
    return list(doc[left: verb.i])


def _sources(verb: Token, ctx: DocContext) -> tuple[str, ...]:
    subject = _subject_tokens(verb)
    for tokens in (subject, _noun_run_before(verb)):
        org = _org_in(tokens, verb)
        if org:
            return (org,)
    if not subject:
        return ()
    if any(t.lower_ in ctx.res.lexicon.cues.official_words for t in subject):
        words = [t.text for t in subject if t.dep_ not in ("det", "punct", "case", "poss") and t.pos_ != "NUM"]
        return (_clean(" ".join(words[-3:])),)
    start, end = subject[0].idx, subject[-1].idx + len(subject[-1].text)
    actors = ctx.actors_in(start, end)
    if actors:
        return (actors[0].tokens.text,)
    words = [t.text for t in subject if t.dep_ not in ("det", "punct") and t.pos_ not in ("NUM", "PRON")]
    return (_clean(" ".join(words)),) if words else ()


def _org_in(tokens: list[Token], verb: Token) -> str | None:
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    for ent in sentence_of(verb).ents:
        if ent.label_ == "ORG" and ent.start_char >= start and ent.end_char <= end:
            return _clean(ent.text)
    return None


def _according_to(trigger: Token, ctx: DocContext) -> Attribution | None:
    for token in sentence_of(trigger):
        if token.lower_ == "according" and token.i + 2 < sentence_of(trigger).end and token.nbor(1).lower_ == "to":
            pobj = next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            span = ctx.doc[pobj.left_edge.i: pobj.right_edge.i + 1]
            return Attribution("reported", sources=(_clean(span.text),), evidence=_tok_span(token))
    return None


def _unverified(trigger: Token, ctx: DocContext) -> Attribution | None:
    """'..., a claim that could not be independently verified', 'The report could not be
    verified.' (in the next sentence), 'Reuters could not verify the account': the text
    says the report is unconfirmed."""
    sentence = sentence_of(trigger)
    sentences = [sentence]
    if sentence.end < len(ctx.doc):
        sentences.append(sentence_of(ctx.doc[sentence.end]))
    for n, span in enumerate(sentences):
        for token in span:
            if token.lemma_.lower() in ctx.res.lexicon.cues.unconfirm_verbs and _negates(token) and _about_a_report(token, ctx, n == 0):
                return Attribution("unconfirmed", evidence=_tok_span(token))
    return None


def _about_a_report(verb: Token, ctx: DocContext, same_sentence: bool) -> bool:
    """The verb's object (active or passive) is a report-like noun ('claim', 'report') or,
    next to the event, a pronoun or a relative clause on one ('a claim that ...')."""
    nouns = ctx.res.lexicon.cues.report_nouns
    pronouns = ("it", "this", "that", "which") if same_sentence else ("it", "this")
    for child in verb.children:
        if child.dep_ in ("nsubjpass", "dobj") and (child.lemma_.lower() in nouns or child.lower_ in pronouns):
            if child.lower_ in ("that", "which"):
                return verb.dep_ == "relcl" and verb.head.lemma_.lower() in nouns
            return True
    return False


def _hedge_adverb(trigger: Token, cues: Cues) -> Token | None:
    heads = [trigger, trigger.head] + ([trigger.head.head] if trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.dep_ == "xcomp" else [])
    for head in heads:  # 'was believed to have carried out the strike'
        for child in head.children:
            if child.dep_ == "advmod" and child.lower_ in cues.reported_adverbs:
                return child
        if head.lemma_ in ("say", "purport", "believe", "think") and head.tag_ == "VBN":
            return head
    return None


def _below_noun(trigger: Token, ctx: DocContext) -> Attribution | None:
    """'an attack the United States said it could not confirm', 'an attack X denied'."""
    cues = ctx.res.lexicon.cues
    for clause in (c for c in trigger.children if c.dep_ in ("relcl", "acl")):
        for token in clause.subtree:
            lemma = token.lemma_.lower()
            if lemma in cues.unconfirm_verbs and _negates(token):
                return Attribution("unconfirmed", sources=_sources(clause, ctx), evidence=_tok_span(token))
            if lemma in cues.deny_verbs:
                return Attribution("denied", sources=_sources(token, ctx), evidence=_tok_span(token))
    return None


def combine(a: Attribution | None, b: Attribution | None) -> Attribution | None:
    """Two attributions of one event: the stronger status, every source."""
    if a is None or b is None:
        return a or b
    status = stronger(a.status, b.status)
    first = a if status == a.status else b
    sources = tuple(dict.fromkeys(a.sources + b.sources))
    named = [f for f in (first.claimed_by, a.claimed_by, b.claimed_by) if f is not None and f.ref.id]
    claimed_by = named[0] if named else first.claimed_by or a.claimed_by or b.claimed_by
    return Attribution(status, claimed_by, sources, first.evidence, first.speaker or a.speaker or b.speaker)


def _clean(text: str) -> str:
    text = text.strip().strip("\"“”")
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(article):
            text = text[len(article):]
    return text.strip()


def _tok_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text), token.text)
