"""Coverage of well-known armed-conflict actors in the shipped knowledge base, and the
guards against aliases that would create false actors (no mocks; invented sentences)."""

from __future__ import annotations

import pytest

from sitroom.knowledge.actors import ActorKB


def found(kb: ActorKB, text: str) -> list[tuple[str, str]]:
    return [(text[s:e], actor.id) for s, e, actor in kb.find(text)]


# One or two actors per theatre, by name and by a common alias or abbreviation.
@pytest.mark.parametrize("text,actor_id", [
    ("FAMa", "fama"), ("Malian troops", "fama"), ("Volunteers for the Defense of the Homeland", "vdp"),
    ("Niger's junta", "cnsp"), ("Azawad Liberation Front", "fla"), ("AQIM", "aqim"), ("Katiba Macina", "katiba-macina"),
    ("MNJTF", "mnjtf"), ("Nigerian police", "nigerian-police"), ("Civilian JTF", "cjtf-nigeria"),
    ("Ansaru", "ansaru"), ("Lakurawa", "lakurawa"), ("IPOB", "ipob"), ("Amba Boys", "ambazonia-separatists"),
    ("Sovereign Council", "sudan-sovereignty-council"), ("SPLM-N", "splm-n"), ("SSPDF", "sspdf"),
    ("SPLA-IO", "splm-io"), ("Danab", "danab"), ("Macawisley", "macawisley"), ("ENDF", "endf"),
    ("Fano militiamen", "fano"), ("Oromo Liberation Army", "ola"), ("Tigray Defence Forces", "tdf"),
    ("UPDF", "updf"), ("Eritrean troops", "edf"),
    ("FDLR", "fdlr"), ("CODECO", "codeco"), ("Wazalendo fighters", "wazalendo"), ("Alliance Fleuve Congo", "afc"),
    ("MONUSCO", "monusco"), ("Mai-Mai", "mai-mai"), ("Imbonerakure", "imbonerakure"), ("FACA", "faca"),
    ("Islamic State Mozambique Province", "is-mozambique"), ("Mozambican troops", "fadm"),
    ("Libyan National Army", "lna"), ("Haftar's forces", "lna"), ("Khalifa Hifter", "khalifa-haftar"),
    ("Giants Brigades", "giants-brigades"), ("Security Belt Forces", "security-belt"),
    ("Hurras al-Din", "hurras-al-din"), ("Turkish troops", "turkish-armed-forces"), ("YPJ", "ypj"),
    ("Iraqi Counter-Terrorism Service", "iraqi-cts"), ("Saraya Awliya al-Dam", "saraya-awliya-al-dam"),
    ("Jaish al-Adl", "jaish-al-adl"), ("Mujahedin-e Khalq", "mek"), ("PJAK", "pjak"),
    ("Al-Aqsa Martyrs Brigades", "al-aqsa-martyrs-brigades"), ("PFLP", "pflp"), ("Lions' Den", "lions-den"),
    ("Radwan Force", "radwan-force"), ("Palestinian security forces", "pa-security-forces"),
    ("National Resistance Front", "nrf"), ("Lashkar-e-Jhangvi", "lashkar-e-jhangvi"), ("CTD", "ctd-pakistan"),
    ("CPI (Maoist)", "cpi-maoist"), ("Naxals", "cpi-maoist"), ("CRPF", "crpf"), ("The Resistance Front", "the-resistance-front"),
    ("Hizbul Mujahideen", "hizbul-mujahideen"), ("ULFA-I", "ulfa-i"), ("Arambai Tenggol", "arambai-tenggol"),
    ("Arakan Army", "arakan-army"), ("KIA", "kia"), ("TNLA", "tnla"), ("People's Defence Force", "pdf-myanmar"),
    ("National Unity Government", "nug"), ("ARSA", "arsa"), ("Three Brotherhood Alliance", "three-brotherhood-alliance"),
    ("New People's Army", "npa"), ("MILF", "milf"), ("Abu Sayyaf", "abu-sayyaf"), ("Maute group", "dawlah-islamiyah"),
    ("BRN", "brn"), ("Thai soldiers", "royal-thai-armed-forces"), ("Cambodian troops", "rcaf"),
    ("ELN", "eln"), ("FARC dissidents", "farc-dissidents"), ("Gulf Clan", "clan-del-golfo"), ("Tren de Aragua", "tren-de-aragua"),
    ("CJNG", "cjng"), ("Sinaloa Cartel", "sinaloa-cartel"), ("Los Chapitos", "los-chapitos"),
    ("Viv Ansanm", "viv-ansanm"), ("400 Mawozo", "400-mawozo"), ("Haitian National Police", "haitian-national-police"),
    ("Kenya-led mission", "mss-haiti"),
    ("Russian Aerospace Forces", "russian-aerospace-forces"), ("Black Sea Fleet", "black-sea-fleet"),
    ("Rosgvardia", "rosgvardia"), ("Donetsk People's Republic", "dpr"), ("Azov Brigade", "azov-brigade"),
    ("Russian Volunteer Corps", "russian-volunteer-corps"),
    ("Azerbaijani forces", "azerbaijani-armed-forces"), ("Armenian troops", "armenian-armed-forces"),
    ("KFOR", "kfor"), ("Kosovo Police", "kosovo-police"), ("Serbian army", "serbian-armed-forces"),
    ("ICC", "icc"), ("UN refugee agency", "unhcr"), ("World Food Programme", "wfp"), ("IAEA", "iaea"),
])
def test_conflict_actors_resolve_by_name_and_alias(kb: ActorKB, text: str, actor_id: str) -> None:
    actor = kb.lookup(text)
    assert actor is not None and actor.id == actor_id, (text, actor)


@pytest.mark.parametrize("force,state", [
    ("Malian soldiers", "mali"), ("Nigerien army", "niger"), ("Chadian troops", "chad"), ("Ethiopian military", "ethiopia"),
    ("Nigerian police", "nigeria"), ("Kenyan police", "kenya"), ("Turkish army", "turkey"), ("Thai troops", "thailand"),
    ("Mexican soldiers", "mexico"), ("Haitian police", "haiti"), ("Russian warplanes", "russia"),
    ("Pakistani warplanes", "pakistan"), ("Iranian police", "iran"), ("Danab", "somalia"), ("Black Sea Fleet", "russia"),
])
def test_state_forces_belong_to_their_state(kb: ActorKB, force: str, state: str) -> None:
    actor = kb.lookup(force)
    assert actor is not None and kb.parent_state(actor.id) == state, (force, actor)


@pytest.mark.parametrize("text,actor_id,backer", [
    ("Giants Brigades", "giants-brigades", "United Arab Emirates"),
    ("Saraya Awliya al-Dam", "saraya-awliya-al-dam", "Iran"),
    ("Donetsk People's Republic", "dpr", "Russia"),
    ("Wazalendo", "wazalendo", "Democratic Republic of the Congo"),
])
def test_backers_of_new_groups(kb: ActorKB, text: str, actor_id: str, backer: str) -> None:
    actor = kb.lookup(text)
    assert actor is not None and actor.id == actor_id
    assert backer in kb.backers(actor.id)


def test_militias_under_a_state_are_not_its_organs(kb: ActorKB) -> None:
    """A state-backed militia speaks for itself, not for the state."""
    for actor_id in ("vdp", "cjtf-nigeria", "wazalendo", "giants-brigades", "lna", "dpr"):
        assert kb.parent_state(actor_id) is None, actor_id


@pytest.mark.parametrize("text", [
    "The government granted amnesty to 300 prisoners on Monday.",
    "Researchers at MIT published the study, said the ministry.",
    "The Verkhovna Rada voted on the bill.",
    "Police set up a security belt around the stadium.",
    "Residents said the fighting followed a long period of living together in peace.",
    "He rode in a jeep with an old army of volunteers behind him.",
    "A PDF of the report was posted online.",
    "Prices rose in the port of Fama, Brazil? No: only capitals and names count.",
])
def test_common_words_and_other_names_are_not_new_actors(kb: ActorKB, text: str) -> None:
    new_ids = {"amnesty-international", "mit-turkey", "rada", "security-belt", "viv-ansanm", "pdf-myanmar"}
    assert not {actor_id for _, actor_id in found(kb, text)} & new_ids, found(kb, text)


def test_capitalised_only_aliases_need_their_capitals(kb: ActorKB) -> None:
    assert found(kb, "Amnesty said the trial was unfair.") == [("Amnesty", "amnesty-international")]
    assert found(kb, "They were offered amnesty.") == []
    assert found(kb, "Security Belt forces deployed in Aden.")[0][1] == "security-belt"


def test_acronyms_match_only_in_capitals(kb: ActorKB) -> None:
    assert found(kb, "The KIA said it seized a base.") == [("KIA", "kia")]
    assert found(kb, "Kia cars are sold here.") == []
    assert found(kb, "JeM and JEM") == [("JeM", "jaish-e-mohammed"), ("JEM", "jem")]


def test_group_names_do_not_swallow_place_names(kb: ActorKB) -> None:
    """Aliases of armed groups are not bare place names: the place stays a place."""
    for text in ("Heavy fighting in Tigray and Amhara", "an attack in Donetsk", "clashes near Azov", "in Jubaland"):
        assert found(kb, text) == [], (text, found(kb, text))


@pytest.mark.parametrize("text", [
    "Let them go, they said; let it be.",
    "The fama of the town grew; a cobra was found; tira and jua are words too.",
    "Officials said the tda figures were late.",
])
def test_mixed_case_abbreviations_do_not_match_ordinary_words(kb: ActorKB, text: str) -> None:
    assert found(kb, text) == []
