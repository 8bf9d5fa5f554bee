"""The optional LLM extractor against a small fake OpenAI-compatible server.

The server (a thread on 127.0.0.1) answers ``POST /v1/chat/completions`` with canned
replies and records every request, so the tests see both what sitroom sends (the schema,
the prompt, the key) and what it makes of the answer (records grounded in the text,
skipped items, errors). No model is needed; the spaCy pipeline and the knowledge are real.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from click.testing import CliRunner, Result

from sitroom.cli import main
from sitroom.errors import ConfigError, LLMError, LLMUnavailable
from sitroom.extract.lexicon import Lexicon
from sitroom.extract.llm import Chunk, TextFinder, chunks
from sitroom.extract.llm_client import LLMClient, LLMEvent, schema, valid
from sitroom.ingest import make_document
from sitroom.pipeline import Pipeline
from sitroom.records import CLAIM_STATUSES, EVENT_TYPES, Document, EventReport
from sitroom.settings import SETTINGS, Options
from sitroom.store import Store

pytestmark = pytest.mark.slow

PUBLISHED = date(2024, 3, 8)  # a Friday: "Tuesday" is March 5, "Wednesday" March 6
FIRST = "Houthi forces launched three drones at a cargo ship in the Gulf of Aden on Tuesday, the US military said."
SECOND = ("In a separate incident, Israeli aircraft struck a warehouse near the Lebanese town of Tyre on "
          "Wednesday, killing two people, Lebanon\u2019s health ministry said.")
THIRD = "Hezbollah threatened to respond."
ARTICLE = f"{FIRST}\n\n{SECOND}\n\n{THIRD}\n"
KEY = "sk-test-0123456789"


def item(**fields: Any) -> dict[str, Any]:
    """One reply item, every key present as a strict server sends it."""
    base: dict[str, Any] = {
        "event_type": "ASSAULT", "mode": None, "quote": "", "trigger": None, "actor": None, "target": None,
        "place": None, "date": None, "claim_status": "asserted", "claimed_by": None, "source": None,
        "fatalities": None, "injured": None, "modality": "factual",
    }
    return {**base, **fields}


GOOD_ITEMS = [
    item(mode="drone", quote=FIRST, trigger="launched", actor="Houthi forces", target="a cargo ship",
         place="Gulf of Aden", date="on Tuesday", claim_status="reported", source="the US military"),
    # the model turned the curly apostrophe into a straight one: found folded, down-weighted
    item(mode="aerial", quote=SECOND.replace("\u2019", "'"), trigger="struck", actor="Israeli aircraft",
         target="a warehouse", place="Tyre", date="Wednesday", fatalities=2, claim_status="reported",
         source="Lebanon's health ministry"),
    item(event_type="THREATEN", quote=THIRD, trigger="threatened", actor="Hezbollah", modality="future"),
]
BAD_ITEMS = [
    item(quote="Rebels shot down a helicopter over the capital."),  # not in the article
    item(event_type="ATTACK", quote=FIRST),  # not a PLOVER type
    {"event_type": "ASSAULT"},  # no quote
    "not an object",
]


def completion(content: Any, finish_reason: str = "stop") -> dict[str, Any]:
    text = content if isinstance(content, str) else json.dumps(content)
    return {"id": "chatcmpl-1", "object": "chat.completion", "model": "fake",
            "choices": [{"index": 0, "finish_reason": finish_reason,
                         "message": {"role": "assistant", "content": text}}]}


# -- the fake server ---------------------------------------------------------------------

Reply = tuple[int, Any, float]  # status, JSON body (or bytes), seconds to wait first


class FakeServer:
    """An OpenAI-compatible endpoint answering with ``respond(request body)``."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.respond: Callable[[dict[str, Any]], Reply] = lambda body: (200, completion({"events": []}), 0.0)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def reply_with(self, events: list[Any]) -> None:
        self.respond = lambda body: (200, completion({"events": events}), 0.0)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status, payload, delay = server.respond(body)
                time.sleep(delay)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    server = FakeServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
    server.thread.join(timeout=5)


@pytest.fixture(scope="module")
def base_pipeline() -> Pipeline:
    return Pipeline(Options.load(environ={}))


def llm_pipeline(base: Pipeline, url: str, **settings: Any) -> Pipeline:
    """A pipeline with the llm extractor, sharing the loaded model and knowledge."""
    options = Options.load({"extractor": "llm", "llm_url": url, **settings}, environ={"SITROOM_LLM_API_KEY": KEY})
    pipeline = Pipeline(options)
    pipeline.__dict__["nlp"] = base.nlp
    pipeline.__dict__["resources"] = base.resources
    return pipeline


def closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/v1"


def document(text: str = ARTICLE, source_id: str = "llm-article") -> Document:
    return make_document(text, source_id=source_id, published=PUBLISHED)


# -- the schema and the request ----------------------------------------------------------


def test_schema_enums_are_the_record_contract():
    items = schema()["properties"]["events"]["items"]["properties"]
    lex = Lexicon.load()
    modes = {e.mode for e in [*lex.verbs.values(), *lex.nouns.values()] if e.mode} | set(lex.weapons.values())
    assert tuple(items["event_type"]["enum"]) == EVENT_TYPES
    assert tuple(items["claim_status"]["enum"]) == CLAIM_STATUSES
    assert set(items["mode"]["anyOf"][0]["enum"]) == modes
    assert set(schema()["properties"]["events"]["items"]["required"]) == set(items)


def test_request_asks_for_schema_constrained_json(fake, base_pipeline):
    fake.reply_with([])
    llm_pipeline(base_pipeline, fake.url, llm_model="qwen2.5-3b-instruct").extract(document())
    (request,) = fake.requests
    body = request["body"]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == f"Bearer {KEY}"
    assert body["model"] == "qwen2.5-3b-instruct" and body["temperature"] == 0 and body["stream"] is False
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"] == schema()
    system, user = body["messages"]
    assert system["role"] == "system" and "quote" in system["content"]
    assert user["role"] == "user" and FIRST in user["content"] and THIRD in user["content"]
    assert "2024-03-08" in user["content"]


def test_no_model_name_is_sent_when_none_is_set(fake, base_pipeline):
    llm_pipeline(base_pipeline, fake.url).extract(document())
    assert "model" not in fake.requests[0]["body"]


def test_long_articles_go_in_chunks_of_paragraphs(fake, base_pipeline):
    fake.reply_with([GOOD_ITEMS[2]])  # every chunk's reply quotes the last paragraph
    pipeline = llm_pipeline(base_pipeline, fake.url)
    pipeline.llm.chunk_chars = len(FIRST) + 10
    result = pipeline.extract(document())
    sent = [r["body"]["messages"][1]["content"] for r in fake.requests]
    assert len(sent) == 3
    assert FIRST in sent[0] and SECOND not in sent[0] and THIRD in sent[2] and FIRST not in sent[2]
    assert [r.event_type for r in result.reports] == ["THREATEN"]  # found once, from any chunk


def test_the_rules_stay_the_default(fake, base_pipeline):
    assert Options.load(environ={}).extractor == "rules"
    reports = base_pipeline.extract(document()).reports
    assert reports and fake.requests == []


# -- mapping onto the record contract ----------------------------------------------------


@pytest.fixture
def coded(fake, base_pipeline) -> tuple[list[EventReport], int]:
    fake.reply_with([*GOOD_ITEMS, *BAD_ITEMS])
    result = llm_pipeline(base_pipeline, fake.url).extract(document())
    return list(result.reports), result.skipped


def test_every_span_points_at_the_words_of_the_article(coded):
    reports, _ = coded
    assert len(reports) == 3
    for report in reports:
        spans = [report.trigger, report.sentence, *report.evidence.values()]
        for span in spans:
            assert ARTICLE[span.start:span.end] == span.text, (report.event_type, span)


def test_malformed_and_unquoted_items_are_skipped_and_counted(coded):
    reports, skipped = coded
    assert skipped == len(BAD_ITEMS)
    assert all("helicopter" not in r.sentence.text for r in reports)


def test_actor_place_date_and_claim_are_resolved(coded):
    drones = coded[0][0]
    assert drones.event_type == "ASSAULT" and drones.mode == "drone" and drones.trigger.text == "launched"
    assert drones.sentence.text == FIRST
    assert drones.actor is not None and drones.actor.id == "houthis" and drones.actor.backers
    assert drones.evidence["actor"].text == "Houthi forces"
    assert drones.location is not None and drones.location.name == "Gulf of Aden" and drones.location.lat
    assert (drones.date.start, drones.date.end, drones.date.precision) == (date(2024, 3, 5), date(2024, 3, 5), "day")
    assert drones.claim.status == "reported" and drones.claim.sources == ("the US military",)
    assert drones.weapons == ("drone",)
    assert drones.acled_event_type == "Explosions/Remote violence"


def test_folded_quote_place_from_gazetteer_and_stated_casualties(coded):
    strike = coded[0][1]
    drones = coded[0][0]
    assert strike.sentence.text == SECOND  # the article's own characters, curly apostrophe kept
    assert strike.confidence < drones.confidence
    assert strike.actor is not None and strike.actor.country == "ISR"
    assert strike.location is not None and strike.location.country == "LBN" and strike.location.name == "Tyre"
    assert strike.date.start == date(2024, 3, 6)
    assert strike.fatalities is not None and strike.fatalities.low == 2
    assert strike.evidence["fatalities"].text == "two"
    assert strike.claim.sources == ("Lebanon\u2019s health ministry",)


def test_threat_keeps_modality_and_gets_the_default_date_range(coded):
    threat = coded[0][2]
    assert threat.event_type == "THREATEN" and threat.modality.future and not threat.modality.factual
    assert threat.actor is not None and threat.actor.id == "hizbullah"
    assert threat.date.precision == "range" and threat.date.end == PUBLISHED


def test_fields_whose_words_are_not_in_the_article_stay_empty(fake, base_pipeline):
    fake.reply_with([item(quote=FIRST, trigger="fired", actor="the Martian navy", place="Atlantis",
                          date="last Christmas", fatalities=9, injured=4)])
    (report,) = llm_pipeline(base_pipeline, fake.url).extract(document()).reports
    assert report.trigger.text == FIRST  # 'fired' is not in the quote: the quote is the trigger
    assert report.actor is None and report.location is None
    assert report.fatalities is None and report.injured is None
    assert report.date.text == "Tuesday"  # the sentence's own date, as the rules pick it
    assert set(report.evidence) <= {"event_type", "date", "weapons"}


def test_the_same_event_twice_in_one_reply_is_kept_once(fake, base_pipeline):
    fake.reply_with([GOOD_ITEMS[0], GOOD_ITEMS[0], {**GOOD_ITEMS[0], "trigger": "drones"}])
    assert len(llm_pipeline(base_pipeline, fake.url).extract(document()).reports) == 1


# -- the reply reader and the text finder (no server) ------------------------------------


def test_reader_is_tolerant_of_missing_keys_but_not_of_wrong_values():
    items = schema()["properties"]["events"]["items"]
    minimal = LLMEvent.from_json({"event_type": "PROTEST", "quote": "Crowds marched."}, items)
    assert minimal is not None and minimal.claim_status == "asserted" and minimal.modality == "factual"
    assert LLMEvent.from_json(item(quote="x", fatalities=-1), items) is None
    assert LLMEvent.from_json(item(quote="x", fatalities=True), items) is None
    assert LLMEvent.from_json(item(quote="x", claim_status="rumoured"), items) is None
    assert LLMEvent.from_json(item(quote="   "), items) is None
    assert valid({"events": []}, schema()) and not valid({"events": {}}, schema())


def test_text_finder_exact_then_folded_and_closest():
    text = "Gunmen \u201cstormed\u201d a\u00a0clinic.  Gunmen fled.\nGUNMEN returned."
    finder = TextFinder(text)
    found, exact = finder.find("Gunmen", 0, len(text), 30)
    assert exact and found.start == text.index("Gunmen fled")
    found, exact = finder.find('gunmen "stormed" a clinic.', 0, len(text), 0)
    assert not exact and found.start == 0 and found.text == text[:text.index("  ")]
    assert finder.find("gunmen returned", 0, len(text), 0)[0].text == "GUNMEN returned"
    assert finder.find("Gunmen fled", 0, 20, 0) is None  # outside the window
    assert finder.find("soldiers", 0, len(text), 0) is None


def test_chunks_are_whole_paragraphs_and_long_paragraphs_split_at_sentences():
    text = "One two.\n\nThree four.\n\n\nFive six. Seven eight. Nine ten.\n"
    sentences = [(0, 8), (10, 21), (24, 33), (34, 46), (47, 56)]
    assert chunks(text, sentences, max_chars=100) == [Chunk(0, 56)]
    assert chunks(text, sentences, max_chars=22) == [Chunk(0, 21), Chunk(24, 46), Chunk(47, 56)]
    assert chunks("\n \n", [], max_chars=10) == []


# -- errors ------------------------------------------------------------------------------


def test_unreachable_server_names_the_url_and_what_to_do(base_pipeline):
    url = closed_port()
    with pytest.raises(LLMUnavailable) as caught:
        llm_pipeline(base_pipeline, url).extract(document())
    message = str(caught.value)
    assert url in message and "llama-server" in message and "--llm-url" in message


def test_timeout_names_the_setting(fake, base_pipeline):
    fake.respond = lambda body: (200, completion({"events": []}), 2.0)
    with pytest.raises(LLMUnavailable, match="did not answer within 0.3 s; raise SITROOM_LLM_TIMEOUT"):
        llm_pipeline(base_pipeline, fake.url, llm_timeout=0.3).extract(document())


@pytest.mark.parametrize(("reply", "error", "words"), [
    ((200, completion("Sure! Here are the events: ..."), 0.0), LLMError, "is not JSON"),
    ((200, completion({"items": []}), 0.0), LLMError, "no 'events' list"),
    ((200, completion('{"events": [', "length"), 0.0), LLMError, "cut off"),
    ((200, b"<html>not an API</html>", 0.0), LLMUnavailable, "did not answer with JSON"),
    ((200, {"error": "nothing here"}, 0.0), LLMUnavailable, "OpenAI chat completion"),
    ((404, {"error": "model not found"}, 0.0), LLMUnavailable, "--llm-model"),
    ((401, {"error": "bad key"}, 0.0), LLMUnavailable, "SITROOM_LLM_API_KEY"),
    ((400, {"error": "response_format not supported"}, 0.0), LLMUnavailable, "response_format json_schema"),
], ids=["prose", "wrong-shape", "cut-off", "html", "not-completion", "404", "401", "400"])
def test_bad_replies_give_clear_errors(fake, base_pipeline, reply, error, words):
    fake.respond = lambda body: reply
    with pytest.raises(error) as caught:
        llm_pipeline(base_pipeline, fake.url).extract(document())
    assert words in str(caught.value) and fake.url in str(caught.value)
    assert KEY not in str(caught.value)
    if error is LLMError:
        assert not isinstance(caught.value, LLMUnavailable)


def test_the_key_comes_from_the_environment_and_is_not_in_the_options_repr():
    options = Options.load({"extractor": "llm"}, environ={"SITROOM_LLM_API_KEY": KEY})
    assert options.llm_api_key == KEY and KEY not in repr(options)
    assert KEY not in repr(LLMClient.from_options(options))


def test_unknown_extractor_is_a_config_error():
    with pytest.raises(ConfigError, match="not one of rules, llm"):
        Options.load({"extractor": "gpt"})
    with pytest.raises(ConfigError, match="SITROOM_EXTRACTOR"):
        Options.load(environ={"SITROOM_EXTRACTOR": "neural"})


def test_a_bad_reply_fails_one_document_and_a_dead_server_stops_the_run_keeping_what_is_stored(
        fake, base_pipeline, tmp_path):
    other = document("Protesters rallied in Amman on Thursday against the strikes.\n", "amman")
    replies = iter([(200, completion({"events": [GOOD_ITEMS[0]]}), 0.0), (200, completion("no JSON here"), 0.0)])
    fake.respond = lambda body: next(replies)
    pipeline = llm_pipeline(base_pipeline, fake.url)
    with Store.open(f"sqlite:///{tmp_path / 'llm.db'}") as store:
        summary = pipeline.ingest_items([document(), other], store)
        assert (summary.read, summary.events, summary.failed) == (2, 1, 1)
        assert "amman" in str(summary.failures[0]) and "is not JSON" in str(summary.failures[0])
        fake.httpd.shutdown()
        fake.httpd.server_close()
        with pytest.raises(LLMUnavailable, match="ingest stopped at amman; the documents stored before it are kept"):
            pipeline.ingest_items([other], store)
    with sqlite3.connect(tmp_path / "llm.db") as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM event_reports").fetchone()[0] == 1


# -- the command line --------------------------------------------------------------------


def invoke(args: list[str]) -> Result:
    env: dict[str, str | None] = {s.env: None for s in SETTINGS}
    env["SITROOM_LLM_API_KEY"] = KEY
    return CliRunner(env=env).invoke(main, args, catch_exceptions=False)


def test_cli_ingest_with_the_llm_extractor_stores_grounded_records(fake, tmp_path):
    fake.reply_with([*GOOD_ITEMS, BAD_ITEMS[0]])
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "cli.db"
    result = invoke(["ingest", str(article), "--db", str(db), "--published", "2024-03-08",
                     "--extractor", "llm", "--llm-url", fake.url, "--llm-model", "tiny"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("events stored: 3")
    assert "warning: the llm extractor skipped 1 events" in result.stderr
    assert fake.requests[0]["body"]["model"] == "tiny"
    assert KEY not in result.output
    listed = invoke(["events", "--db", str(db), "--format", "json", "--limit", "0"])
    events = json.loads(listed.stdout)
    assert {e["event_type"] for e in events} == {"ASSAULT", "THREATEN"}
    for event in events:
        for span in event["evidence"].values():
            assert ARTICLE[span["start"]:span["end"]] == span["text"]
    houthi = next(e for e in events if e["actor"] and e["actor"]["id"] == "houthis")
    assert houthi["location"]["name"] == "Gulf of Aden" and houthi["date"]["start"] == "2024-03-05"


def test_cli_ingest_with_the_server_down_is_a_clean_error(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    url = closed_port()
    result = invoke(["ingest", str(article), "--db", str(tmp_path / "down.db"), "--extractor", "llm",
                     "--llm-url", url])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot reach the LLM server at {url}")
    assert "Traceback" not in result.output


def test_cli_eval_runs_through_the_llm_extractor(fake):
    fake.reply_with([])
    result = invoke(["eval", "samples", "--sample", "2", "--json", "--extractor", "llm", "--llm-url", fake.url])
    assert result.exit_code == 0, result.output
    assert len(fake.requests) >= 2
    assert json.loads(result.stdout)["datasets"]["samples"]["metrics"]["detection_recall"] == 0.0


def test_every_llm_setting_is_a_flag_or_documented_environment_variable():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Optional LLM extractor"):]
    for name in ("extractor", "llm_url", "llm_model", "llm_timeout", "llm_api_key"):
        assert f"| {name} |" in section and f"SITROOM_{name.upper()}" in section
    for flag in ("--extractor", "--llm-url", "--llm-model"):
        assert flag in section
    assert (resources.files("sitroom.knowledge") / "data" / "llm_prompt_system.txt").is_file()
