"""Where an event happened: the place phrases attached to its clause, ranked.

A place attached to the event's own clause ('launched drones at al-Tanf') beats one
attached to the target ('US troops in Iraq'), which beats one attached elsewhere ('a
ship in the Red Sea'); a place that only says where an armed group comes from ('the
Houthis in Yemen', 'fired from Lebanon') is used only when nothing else is known.
Places joined by 'and' at the best rank split the report into one event per place.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import DocContext, PlaceMention

LOCATIVE = frozenset({"in", "at", "near", "off", "on", "across", "over", "outside", "inside", "around", "into", "along", "within", "onto", "nearby", "north", "south", "east", "west", "through", "throughout"})
ORIGIN = frozenset({"from", "toward", "towards"})
PLACE_NOUNS = frozenset({"town", "city", "village", "province", "governorate", "region", "area", "district", "camp", "port", "neighbourhood", "neighborhood", "outskirts", "suburb", "base", "capital", "state", "county", "island", "streets", "street", "countryside"})
SITE_NOUNS = frozenset({"installation", "facility", "airport", "border", "coast", "territory", "soil", "waters", "airspace", "outskirts", "embassy", "consulate", "parliament", "headquarters"})
# a town (never a country: 'the US embassy', 'a US base', 'the Iran talks') before these names where they are
LOCAL_NOUNS = frozenset({"embassy", "consulate", "parliament", "headquarters", "base", "camp", "port", "home", "house",
                         "residence", "office", "hotel", "hospital", "school", "university", "mosque", "church",
                         "market", "station", "checkpoint", "prison", "compound", "palace", "summit", "talk", "talks",
                         "meeting", "conference", "negotiation", "negotiations", "forum"})
PART_NOUNS = frozenset({"waters", "airspace", "territory", "vicinity", "edge", "edges", "perimeter", "suburbs", "centre", "center", "heart", "part", "parts", "side", "entrance", "environs", "municipality", "settlement", "neighbourhoods", "neighborhoods", "districts", "villages", "towns", "cities", "areas", "streets", "road", "highway", "shore", "shores", "bank", "countryside", "desert", "mountains", "hills", "valley", "coast", "province", "outskirts"})
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west"})
NOT_PLACE_ENTS = frozenset({"PERSON", "ORG", "NORP"})
PRECISION_RANK = {"point": 0, "town": 1, "region": 2, "country": 3}


def event_places(
    clause: set[int], foreign: set[int], target_heads: list[Token], actor_heads: list[Token],
    sentence_places: list[PlaceMention], ctx: DocContext, *, main: bool = True, physical: bool = True,
) -> tuple[list[PlaceMention], bool]:
    """The place(s) of the event whose clause is the token index set ``clause``;
    ``foreign`` holds the tokens of other events' clauses in the sentence; a ``main``
    event (not nested in another event's clause) may take places from anywhere else.
    The flag is True when the places only say where a party came from or was headed.
    Only a ``physical`` event (an attack, an arrest) is placed at its object: 'shelled
    Gaza City' happened there, 'accused Iran' did not."""
    ranked: dict[float, list[PlaceMention]] = {}
    for mention in sentence_places:
        if not physical and _object_of_clause(mention, clause):
            continue
        rank = _rank(mention, clause, foreign, target_heads, actor_heads, ctx)
        if rank is not None:
            ranked.setdefault(rank, []).append(mention)
    if 3 in ranked and not main and any(r < 3 for r in ranked):
        del ranked[3]  # a nested event keeps a place of the outer clause only when it has no better one
    if not ranked:
        return [], False
    rank = min(ranked)
    return _most_precise(ranked[rank]), rank >= 4


def _rank(
    mention: PlaceMention, clause: set[int], foreign: set[int], targets: list[Token], actors: list[Token],
    ctx: DocContext,
) -> float | None:
    found = _attachment(_conj_root(mention.root), _is_country(mention))
    if found is None or found[0] not in LOCATIVE | ORIGIN or _shared_modifier(mention):
        return None
    word, attached = found
    if word in ORIGIN:
        return 5
    if word == "on" and _names_actor(mention, ctx):
        return None
    if attached.i in foreign:
        return None
    if attached.dep_ == "pobj" and attached.head.lower_ in ORIGIN:
        return 5  # 'toward targets in Israel': where it was headed
    if _names_actor_token(attached, ctx):
        return 4  # 'the Houthis in Yemen': where the group is from
    if _reference_point(mention):  # below every place of the event itself, above a group's home
        return 3.5 if _related(attached, clause) or attached.i in clause else None
    if attached.i in clause:
        return 1
    if any(_within(attached, t) for t in targets):
        return 2
    return 3 if _related(attached, clause) else None


def _shared_modifier(mention: PlaceMention) -> bool:
    """'at US and coalition troops' parsed as 'at US' and 'at troops': a country joined to
    a common noun describes whose troops, as in 'US troops'."""
    return mention.place.precision == "country" and any(
        c.dep_ == "conj" and c.pos_ == "NOUN" and c.tag_ in ("NNS", "NN") for c in mention.root.children
    )


def _reference_point(mention: PlaceMention) -> bool:
    """'(Suwayrah,) 50 km south of Baghdad': Baghdad only locates the place nearby."""
    root = _conj_root(mention.root)
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in COMPASS


def _object_of_clause(mention: PlaceMention, clause: set[int]) -> bool:
    root = _conj_root(mention.root)
    return root.dep_ in ("dobj", "nsubjpass") and root.head.i in clause


def _related(attached: Token, clause: set[int]) -> bool:
    """The place hangs on the event's own clause: on an ancestor or inside it."""
    trigger = attached.doc[min(clause)]
    return attached in list(trigger.ancestors) or _within(attached, trigger) or any(
        _within(attached, attached.doc[i]) for i in clause
    )


def _is_country(mention: PlaceMention) -> bool:
    return mention.place.precision == "country"


def _attachment(root: Token, country: bool = False) -> tuple[str, Token] | None:
    """The preposition a place hangs on and the word it attaches to. 'in the border town
    of Kiryat Shmona' counts as 'in'; 'shelled the village of X' as 'in' on the verb;
    'outside his Amman home' as 'outside' (a ``country`` names whose home, not where)."""
    if root.dep_ in ("dobj", "nsubjpass") and root.head.pos_ == "VERB":
        # 'shelled Gaza City', 'Knin was captured'; 'Foley was shot' names a person
        return ("in", root.head) if root.dep_ == "dobj" or root.ent_type_ not in NOT_PLACE_ENTS else None
    if root.dep_ in ("poss", "compound", "nmod") and root.head.i > root.i and _place_of_noun(root, country):
        return _attachment(root.head)  # "patrolled Grozny's streets", 'through the Taiwan capital', 'the Hanoi summit'
    if root.dep_ != "pobj":
        return None
    prep = root.head
    if prep.lower_ == "of" and prep.head.lower_ in COMPASS and prep.head.head is not prep.head:
        return "near", prep.head.head  # 'exploded 20 km north of Kirkuk'
    if prep.lower_ != "of" or not {prep.head.lemma_.lower(), prep.head.lower_} & (PLACE_NOUNS | PART_NOUNS):
        return prep.lower_, prep.head
    noun = _conj_root(prep.head)  # 'the streets of the border city of Reynosa': climb the chain
    return _attachment(noun) if noun.dep_ in ("pobj", "dobj", "nsubjpass") else None


def _place_of_noun(modifier: Token, country: bool) -> bool:
    """A place name before a noun names where that noun is ('Grozny's streets', 'his
    Amman home'), but neither a country nor a person does before a local noun."""
    noun = modifier.head
    words = {noun.lemma_.lower(), noun.lower_}
    if words & LOCAL_NOUNS:
        return not country and modifier.ent_type_ != "PERSON"
    return bool(words & (PLACE_NOUNS | SITE_NOUNS))


def _most_precise(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Drop a country or region that contains a more precise place in the same group,
    keep every place of the best precision (they split the event)."""
    best = max(min(PRECISION_RANK.get(m.place.precision, 3) for m in mentions), PRECISION_RANK["town"])
    kept = [m for m in mentions if PRECISION_RANK.get(m.place.precision, 3) <= best]
    unique: dict[str, PlaceMention] = {}
    for mention in kept:
        unique.setdefault(mention.place.id, mention)
    return list(unique.values())


def _conj_root(token: Token) -> Token:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    while token.dep_ == "appos" and token.head is not token:
        token = token.head
    return token


def _within(token: Token, head: Token) -> bool:
    return head.left_edge.i <= token.i <= head.right_edge.i


def _names_actor(mention: PlaceMention, ctx: DocContext) -> bool:
    return any(a.start <= mention.start and mention.end <= a.end for a in ctx.actors)


def _names_actor_token(token: Token, ctx: DocContext) -> bool:
    return any(a.start <= token.idx < a.end and a.actor.kind != "state" for a in ctx.actors)



def loose_place(sentence_places: list[PlaceMention], ctx: DocContext) -> PlaceMention | None:
    """The place a sentence names in a locative phrase that the parse does not hang on
    its event ('was shot while filming a clash on the outskirts of Oaxaca City'): the
    most precise one, never where a group is from."""
    loose = []
    for mention in sorted(sentence_places, key=_reference_point):
        found = _attachment(_conj_root(mention.root), _is_country(mention))
        if found is not None and found[0] in LOCATIVE and not _names_actor_token(found[1], ctx):
            loose.append(mention)
    return min(loose, key=lambda m: (_reference_point(m), PRECISION_RANK.get(m.place.precision, 3))) if loose else None


def origin_of(clause: set[int], sentence_places: list[PlaceMention]) -> str | None:
    """The country a projectile came from: 'a rocket fired from Lebanon' (ISO3)."""
    for mention in sentence_places:
        found = _attachment(_conj_root(mention.root), _is_country(mention))
        if found is not None and found[0] == "from" and found[1].i in clause and mention.place.country:
            return mention.place.country
    return None
