"""The sequence of stages: ingest -> nlp -> extract -> store.

``Pipeline`` loads the model and the knowledge once; ``extract`` codes one document;
``ingest`` reads sources, skips exact duplicates and stores each document with its
reports and relations in one transaction. ``options.extractor`` picks who codes the
events: the rules (default) or an LLM server (``extract/llm.py``); everything around
them (parse, relations, store, incidents) is the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import IO, TYPE_CHECKING, Callable, Iterable, Sequence

from .errors import InputError, LLMUnavailable, SitroomError
from .extract.confidence import ConfidenceModel
from .extract.context import Resources
from .extract.events import extract_events
from .extract.lexicon import Lexicon
from .extract.llm import LLMExtractor
from .extract.relations import find_relations
from .ingest import make_document, read_sources
from .knowledge.actors import ActorKB
from .knowledge.gazetteer import Gazetteer
from .nlp import load_nlp
from .records import Document, EventReport, Relation
from .settings import Options
from .store import Store
from .timing import NO_TIMER, NullTimer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Extraction:
    document: Document
    reports: tuple[EventReport, ...]
    relations: tuple[Relation, ...]
    skipped: int = 0  # events the LLM extractor dropped (malformed, or quoting words not in the text)


@dataclass
class IngestSummary:
    read: int = 0
    duplicates: int = 0
    events: int = 0
    skipped: int = 0
    failures: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


class Pipeline:
    """Everything extraction needs, loaded once per process."""

    def __init__(self, options: Options, timer: NullTimer = NO_TIMER, *, calibrated: bool = True) -> None:
        self.options = options
        self.timer = timer  # a timing.StageTimer to time the stages (sitroom bench)
        self.calibrated = calibrated  # False: the rules' heuristic confidence (to fit the model)

    @cached_property
    def resources(self) -> Resources:
        return Resources(
            kb=ActorKB.load(self.options), gazetteer=Gazetteer.load(self.options), lexicon=Lexicon.load(),
        )

    @cached_property
    def confidence(self) -> ConfidenceModel | None:
        return ConfidenceModel.load() if self.calibrated else None

    @cached_property
    def nlp(self) -> Language:
        return load_nlp(self.options.model)

    @cached_property
    def llm(self) -> LLMExtractor:
        return LLMExtractor.from_options(self.options, self.resources)

    def extract(self, document: Document) -> Extraction:
        with self.timer.stage("parse"):
            doc = self.nlp(document.text)
        with self.timer.stage("extract"):
            kept, skipped = self._code(document, doc)
        with self.timer.stage("relations"):
            relations = tuple(find_relations(doc, self.resources.kb, document_id=document.id))
        return Extraction(document, kept, relations, skipped)

    def _code(self, document: Document, doc: Doc) -> tuple[tuple[EventReport, ...], int]:
        """The document's event reports, and how many the llm extractor skipped."""
        if self.options.extractor == "llm":  # its confidence is a heuristic: no cut
            reports, skipped = self.llm.extract(document, doc)
            return tuple(reports), skipped
        # the confidence model and its cut are fitted on the rules' factual reports
        found, _ = extract_events(document, doc, self.resources)
        scored = self.confidence.apply(found) if self.confidence is not None else tuple(found)
        cut = self.options.min_confidence
        return tuple(r for r in scored if r.confidence >= cut or not r.modality.factual), 0

    def extract_text(self, text: str, *, published: date | None = None, source_id: str = "text") -> Extraction:
        return self.extract(make_document(text, source_id=source_id, published=published))

    def ingest(
        self, sources: Sequence[str], store: Store, *, published: date | None = None,
        stdin: IO[bytes] | None = None, on_item: Callable[[str], None] | None = None,
    ) -> IngestSummary:
        """Read, code and store every source; one bad input never stops the others."""
        items = read_sources(sources, self.options, published=published, stdin=stdin)
        return self.ingest_items(items, store, on_item=on_item)

    def ingest_items(
        self, items: Iterable[Document | InputError], store: Store, *,
        on_item: Callable[[str], None] | None = None,
    ) -> IngestSummary:
        """Code and store already-read items (``ingest`` without the reading)."""
        summary = IngestSummary()
        with self.timer.stage("store"):
            store.sync_knowledge(self.resources.kb.actors.values(), self.resources.kb.relations)
        for item in self.timer.timed("clean", items):
            self._ingest_one(item, store, summary)
            if on_item is not None:
                on_item(item.source if isinstance(item, InputError) else item.source_id)
        return summary

    def recode(self, store: Store, *, on_item: Callable[[str], None] | None = None) -> int:
        """Code every stored document again with the current rules and knowledge and
        rebuild the incidents; all or nothing. Returns the number of reports stored."""
        store.sync_knowledge(self.resources.kb.actors.values(), self.resources.kb.relations)
        return store.recode(self._recode_one, on_item=on_item)

    def _recode_one(self, document: Document) -> tuple[Sequence[EventReport], Sequence[Relation]]:
        try:
            result = self.extract(document)
        except SitroomError as exc:
            raise SitroomError(f"cannot re-code document {document.id} ({document.source_id}): {exc}; "
                               "nothing was changed") from exc
        return result.reports, result.relations

    def _ingest_one(self, item: Document | InputError, store: Store, summary: IngestSummary) -> None:
        if isinstance(item, InputError):
            summary.failures.append(item)
            return
        summary.read += 1
        with self.timer.stage("store"):
            stored = store.has_document(item.content_hash)
        if stored:
            summary.duplicates += 1
            return
        try:
            result = self.extract(item)
            summary.skipped += result.skipped
            with self.timer.stage("store"):
                saved = store.save_document(item, result.reports, result.relations)
            if saved:
                summary.events += len(result.reports)
            else:
                summary.duplicates += 1
        except LLMUnavailable as exc:
            raise LLMUnavailable(
                f"{exc} (ingest stopped at {item.source_id}; the documents stored before it are kept "
                "and running the same command again skips them)"
            ) from exc
        except SitroomError as exc:
            summary.failures.append(InputError(item.source_id, str(exc)))


