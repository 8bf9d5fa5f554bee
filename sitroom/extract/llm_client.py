"""The HTTP side of the optional LLM extractor.

One OpenAI-compatible chat completion (``POST {llm_url}/chat/completions``) per chunk of
an article, with the output constrained by a JSON schema through ``response_format``
(``{"type": "json_schema", ...}``: llama.cpp's ``llama-server``, vLLM and Ollama's
``/v1`` endpoint accept it). The schema and the prompt are data files in
``knowledge/data`` (``llm_schema.json``, ``llm_prompt_system.txt``,
``llm_prompt_user.txt``). The reply is checked against the schema: a reply that is not
such a JSON object raises :class:`~sitroom.errors.LLMError`; single items that break the
schema are skipped and counted. The API key is sent as a bearer token and never appears
in a message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template
from typing import Any, Mapping

import httpx

from ..errors import KnowledgeError, LLMError, LLMUnavailable
from ..records import Document
from ..settings import Options

SCHEMA_FILE = "llm_schema.json"
SYSTEM_FILE = "llm_prompt_system.txt"
USER_FILE = "llm_prompt_user.txt"
MODALITIES = ("factual", "negated", "hypothetical", "future")
SERVER_HINT = ("start it (llama.cpp: llama-server -m MODEL.gguf --port 8080; Ollama: ollama serve) "
               "or point --llm-url / SITROOM_LLM_URL at a running one")


@dataclass(frozen=True)
class LLMEvent:
    """One event as the model gave it: words as written, not yet found in the text."""

    event_type: str
    quote: str
    mode: str | None = None
    trigger: str | None = None
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    date: str | None = None
    claim_status: str = "asserted"
    claimed_by: str | None = None
    source: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    modality: str = "factual"

    @classmethod
    def from_json(cls, data: Any, schema: Mapping[str, Any]) -> "LLMEvent | None":
        """The event an item of the reply describes, or None when the item breaks ``schema``
        (missing keys count as null; a missing claim status or modality takes the default)."""
        if not isinstance(data, dict) or not valid(data, schema):
            return None
        text = {k: _text(data.get(k)) for k in ("quote", "trigger", "actor", "target", "place", "date",
                                                "claimed_by", "source")}
        if not data.get("event_type") or not text["quote"]:
            return None
        return cls(
            event_type=data["event_type"], mode=data.get("mode") or None, claim_status=data.get("claim_status") or "asserted",
            fatalities=data.get("fatalities"), injured=data.get("injured"),
            modality=data.get("modality") or "factual", **text,  # type: ignore[arg-type]
        )


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "integer": (int,), "number": (int, float),
    "boolean": (bool,), "null": (type(None),),
}


def valid(value: Any, schema: Mapping[str, Any]) -> bool:
    """``value`` fits ``schema`` (the JSON Schema subset llm_schema.json uses: type, enum,
    anyOf, properties, items, minimum). Keys the schema does not name are ignored and
    missing keys are not errors: the reader is tolerant, the request is strict."""
    if "anyOf" in schema:
        return any(valid(value, option) for option in schema["anyOf"])
    kind = schema.get("type")
    if kind is not None:
        kinds = _TYPES[kind]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if "minimum" in schema and value < schema["minimum"]:
        return False
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return all(valid(value[k], props[k]) for k in props if k in value)
    return True


@cache
def _data(name: str) -> str:
    path = resources.files("sitroom.knowledge") / "data" / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"cannot read knowledge file {name}: {exc}") from exc


def schema() -> dict[str, Any]:
    """The JSON schema of a reply (a fresh copy)."""
    try:
        return json.loads(_data(SCHEMA_FILE))
    except ValueError as exc:
        raise KnowledgeError(f"knowledge file {SCHEMA_FILE} is not valid JSON: {exc}") from exc


class LLMClient:
    """Posts chunks to one OpenAI-compatible server and returns the events it reads."""

    def __init__(self, url: str, *, model: str = "", timeout: float = 120.0, api_key: str = "",
                 transport: httpx.BaseTransport | None = None) -> None:
        self.url = url.rstrip("/")
        self.model = model
        self.timeout = timeout
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._transport = transport
        self._schema = schema()
        self._item_schema = self._schema["properties"]["events"]["items"]

    @classmethod
    def from_options(cls, options: Options) -> "LLMClient":
        return cls(options.llm_url, model=options.llm_model, timeout=options.llm_timeout,
                   api_key=options.llm_api_key)

    @property
    def endpoint(self) -> str:
        return self.url + "/chat/completions"

    def request_body(self, text: str, document: Document) -> dict[str, Any]:
        """The chat completion request for one chunk ``text`` of ``document``."""
        user = Template(_data(USER_FILE)).safe_substitute(
            title=document.title or "(no title)",
            published=document.published.isoformat() if document.published else "unknown",
            text=text,
        )
        body: dict[str, Any] = {
            "messages": [{"role": "system", "content": _data(SYSTEM_FILE)}, {"role": "user", "content": user}],
            "temperature": 0,
            "stream": False,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "sitroom_events", "strict": True, "schema": self._schema},
            },
        }
        if self.model:
            body["model"] = self.model
        return body

    def events(self, text: str, document: Document) -> tuple[list[LLMEvent], int]:
        """The events the model reads in ``text``, and how many items of its reply were
        malformed and skipped."""
        items = self._items(self._post(self.request_body(text, document)))
        events = [LLMEvent.from_json(item, self._item_schema) for item in items]
        kept = [e for e in events if e is not None]
        return kept, len(events) - len(kept)

    def _post(self, body: dict[str, Any]) -> Any:
        try:
            with httpx.Client(transport=self._transport, timeout=self.timeout) as client:
                response = client.post(self.endpoint, json=body, headers=self._headers)
        except httpx.TimeoutException as exc:
            raise LLMUnavailable(
                f"the LLM server at {self.url} did not answer within {self.timeout:g} s; raise "
                "SITROOM_LLM_TIMEOUT, use a smaller model or check that the server is not stuck"
            ) from exc
        except httpx.HTTPError as exc:
            raise LLMUnavailable(f"cannot reach the LLM server at {self.url} ({exc}); {SERVER_HINT}") from exc
        if response.status_code >= 400:
            raise LLMUnavailable(self._refusal(response))
        try:
            return response.json()
        except ValueError as exc:
            raise LLMUnavailable(
                f"{self.endpoint} did not answer with JSON; is {self.url} the /v1 base URL of an "
                "OpenAI-compatible server?"
            ) from exc

    def _refusal(self, response: httpx.Response) -> str:
        status = response.status_code
        head = f"the LLM server at {self.url} refused the request (HTTP {status}: {response.text[:200].strip()})"
        if status in (401, 403):
            return head + "; set SITROOM_LLM_API_KEY to the key it expects"
        if status == 404:
            return head + "; check that --llm-url ends in /v1 and that --llm-model names a model it serves"
        return head + "; it must accept OpenAI chat completions with response_format json_schema"

    def _items(self, reply: Any) -> list[Any]:
        """The ``events`` list of a chat completion reply."""
        try:
            choice = reply["choices"][0]
            content = choice["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise LLMUnavailable(
                f"{self.endpoint} did not answer with an OpenAI chat completion (no choices[0].message.content)"
            ) from exc
        if choice.get("finish_reason") == "length":
            raise LLMError(f"the reply of the LLM server at {self.url} was cut off (finish_reason length); "
                           "give the server a larger context or max_tokens")
        try:
            data = json.loads(content) if isinstance(content, str) else content
        except ValueError as exc:
            raise LLMError(f"the reply of the LLM server at {self.url} is not JSON ({exc}); "
                           "the server must support response_format json_schema") from exc
        if not isinstance(data, dict) or not isinstance(data.get("events"), list):
            raise LLMError(f"the reply of the LLM server at {self.url} does not follow the schema "
                           "(no 'events' list); the server must support response_format json_schema")
        return data["events"]
