"""The ``sitroom`` command: thin commands over the library.

Each command opens the database, calls the library and turns errors into one clean
line on stderr. Exit status: 0 ok, 1 some inputs failed, 2 bad usage or a fatal error.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import click
from rich.console import Console

from . import export
from .errors import SitroomError
from .pipeline import IngestSummary, Pipeline
from .settings import EXTRACTORS, Options
from .store import EventFilter, IncidentFilter, Store

ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])
DB_OPTION = click.option("--db", help="SQLite file or SQLAlchemy URL (default ./sitroom.db or SITROOM_DB).")
TYPE_OPTION = click.option("--type", "event_type", help="PLOVER type, e.g. ASSAULT.")
FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(export.FORMATS), default="table", show_default=True)


def _range_options(noun: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--since/--until for listing ``noun`` (events, incidents) by date range."""
    since = click.option("--since", type=ISO_DATE, help=f"{noun} whose date range ends on or after this day.")
    until = click.option("--until", type=ISO_DATE, help=f"{noun} whose date range starts on or before this day.")
    return lambda command: since(until(command))


def _extractor_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--extractor/--llm-url/--llm-model: who codes the events (see README, Optional LLM extractor)."""
    extractor = click.option("--extractor", type=click.Choice(EXTRACTORS),
                             help="Event extractor: rules (default) or llm (an OpenAI-compatible server).")
    url = click.option("--llm-url", help="Base URL of the llm server, e.g. http://127.0.0.1:8080/v1.")
    model = click.option("--llm-model", help="Model name the llm server serves.")
    return extractor(url(model(command)))


def _options(db: str | None, **overrides: Any) -> Options:
    return Options.load({"db": db, **overrides})


def _date(value: Any) -> date | None:
    return value.date() if value is not None else None


def _fail(exc: SitroomError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitroom")
def main() -> None:
    """sitroom: conflict news in, structured, geolocated, source-attributed events out."""


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--published", type=ISO_DATE, help="Publication date for inputs that carry none (YYYY-MM-DD).")
@DB_OPTION
@click.option("--max-bytes", type=int, help="Refuse inputs larger than this (default 20 MB).")
@_extractor_options
def ingest(sources: tuple[str, ...], published: Any, db: str | None, max_bytes: int | None,
           extractor: str | None, llm_url: str | None, llm_model: str | None) -> None:
    """Read articles, code their events and store them.

    SOURCES are .txt/.html/.json/.jsonl files, directories, http(s) URLs or - for stdin.

    Example: sitroom ingest article.txt --published 2023-11-10
    """
    try:
        options = _options(db, max_bytes=max_bytes, extractor=extractor, llm_url=llm_url, llm_model=llm_model)
        with Store.open(options.db_url) as store:
            summary = _run_ingest(Pipeline(options), store, list(sources), _date(published))
    except SitroomError as exc:
        _fail(exc)
    _report_ingest(summary)
    if summary.failed:
        sys.exit(1)


def _run_ingest(pipeline: Pipeline, store: Store, sources: list[str], published: date | None) -> IngestSummary:
    from .ingest import count_sources

    total = count_sources(sources)
    stdin = sys.stdin.buffer if "-" in sources else None
    show = sys.stderr.isatty() and (total is None or total > 1)
    if not show:
        return pipeline.ingest(sources, store, published=published, stdin=stdin)
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("ingesting", total=total)
        return pipeline.ingest(
            sources, store, published=published, stdin=stdin, on_item=lambda _: progress.advance(task)
        )


def _report_ingest(summary: IngestSummary) -> None:
    for failure in summary.failures:
        click.echo(f"error: {failure}", err=True)
    if summary.skipped:
        click.echo(f"warning: the llm extractor skipped {summary.skipped} events "
                   "(malformed, or quoting words not in the text)", err=True)
    click.echo(
        f"documents read: {summary.read}, skipped as duplicates: {summary.duplicates}, "
        f"failed: {summary.failed}, events stored: {summary.events}"
    )


@main.command()
@TYPE_OPTION
@click.option("--actor", help="Actor or target: id, name, alias or the words used.")
@click.option("--country", help="ISO3 country code of the location, e.g. SYR.")
@_range_options("Events")
@click.option("--claim", "claim_status", help="Claim status: asserted, reported, claimed, alleged, unconfirmed, denied, confirmed.")
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many events (0 = all).")
@FORMAT_OPTION
@DB_OPTION
def events(event_type: str | None, actor: str | None, country: str | None, since: Any, until: Any,
           claim_status: str | None, limit: int, fmt: str, db: str | None) -> None:
    """List stored events, newest first.

    Example: sitroom events --type ASSAULT --country SYR --format geojson
    """
    try:
        filt = EventFilter(
            event_type=event_type, actor=actor, country=country, since=_date(since), until=_date(until),
            claim_status=claim_status, limit=limit or None,
        )
        with Store.open(_options(db).db_url) as store:
            found = store.events(filt)
            incident_ids = store.incident_ids([r.id for r in found])
    except SitroomError as exc:
        _fail(exc)
    if fmt == "table":
        Console().print(export.table(found, f"{len(found)} events"))
    else:
        click.echo(export.WRITERS[fmt](found, incident_ids), nl=fmt in ("json", "geojson"))


@main.command()
@TYPE_OPTION
@click.option("--actor", help="Actor or target of any report: id, name, alias or the words used.")
@click.option("--country", help="ISO3 country code of the incident's place, e.g. SYR.")
@_range_options("Incidents")
@click.option("--claim", "claim_status", help="Incident claim status (the strongest across its reports).")
@click.option("--min-sources", type=click.IntRange(min=0), default=0, help="At least this many independent sources.")
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many incidents (0 = all).")
@FORMAT_OPTION
@DB_OPTION
def incidents(event_type: str | None, actor: str | None, country: str | None, since: Any, until: Any,
              claim_status: str | None, min_sources: int, limit: int, fmt: str, db: str | None) -> None:
    """List incidents (reports of one real-world event merged), newest first.

    Example: sitroom incidents --type ASSAULT --min-sources 2 --format csv
    """
    from .incidents import export as incident_export

    try:
        filt = IncidentFilter(
            event_type=event_type, actor=actor, country=country, since=_date(since), until=_date(until),
            claim_status=claim_status, min_sources=min_sources, limit=limit or None,
        )
        with Store.open(_options(db).db_url) as store:
            found = store.incidents(filt)
    except SitroomError as exc:
        _fail(exc)
    if fmt == "table":
        Console().print(incident_export.table(found, f"{len(found)} incidents"))
    else:
        click.echo(incident_export.WRITERS[fmt](found), nl=fmt in ("json", "geojson"))


@main.command()
@click.argument("event_id")
@DB_OPTION
def show(event_id: str, db: str | None) -> None:
    """Show one event with the sentence it came from, each field's evidence highlighted,
    or one incident (an in-... id) with its reports, sources and disagreements.

    Example: sitroom show ev-0123456789abcdef
    """
    if event_id.startswith("in-"):
        _show_incident(event_id, db)
        return
    try:
        with Store.open(_options(db).db_url) as store:
            report = store.event(event_id)
            incident_ids = store.incident_ids([report.id])
    except SitroomError as exc:
        _fail(exc)
    Console().print(export.detail(report, incident_ids))


def _show_incident(incident_id: str, db: str | None) -> None:
    from .incidents.export import detail

    try:
        with Store.open(_options(db).db_url) as store:
            found = store.incident(incident_id)
    except SitroomError as exc:
        _fail(exc)
    Console().print(detail(found))


@main.command()
@DB_OPTION
def recode(db: str | None) -> None:
    """Code every stored document again with the current rules and knowledge, and
    rebuild the incidents (after an upgrade or a knowledge edit). All or nothing.

    Example: sitroom recode --db sitroom.db
    """
    try:
        options = _options(db)
        with Store.open(options.db_url) as store:
            before = store.stats()
            stored = Pipeline(options).recode(store)
            after = store.stats()
    except SitroomError as exc:
        _fail(exc)
    click.echo(f"re-coded {before['documents']} documents: events {before['events']} -> {stored}, "
               f"incidents {before['incidents']} -> {after['incidents']}")


@main.command()
@DB_OPTION
@_extractor_options
def demo(db: str | None, extractor: str | None, llm_url: str | None, llm_model: str | None) -> None:
    """Ingest the bundled sample corpus and print what was found.

    Example: sitroom demo --db /tmp/demo.db
    """
    corpus = resources.files("sitroom") / "data" / "samples" / "articles.jsonl"
    try:
        options = _options(db, extractor=extractor, llm_url=llm_url, llm_model=llm_model)
        with Store.open(options.db_url) as store, resources.as_file(corpus) as path:
            summary = _run_ingest(Pipeline(options), store, [str(Path(path))], None)
            _report_ingest(summary)
            found = store.events(EventFilter(limit=None))
    except SitroomError as exc:
        _fail(exc)
    Console().print(export.type_country_table(found), export.table(found[:10], "10 newest events"))


@main.command()
@click.option("--corpus", help="Articles to time: any path ingest reads (default: <shared>/eval/voa/voa_stories.jsonl).")
@click.option("--n", "n", type=int, help="Only the first N documents of the corpus.")
@click.option("--repeat", type=int, default=1, show_default=True, help="Timed passes; the median is reported.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench(corpus: str | None, n: int | None, repeat: int, as_json: bool) -> None:
    """Time the pipeline (articles/s, words/s, stages, memory) against spaCy alone.

    Example: sitroom bench --n 20 --repeat 3
    """
    from .benchmark import run_bench

    try:
        report = run_bench(corpus, _options(None), n=n, repeat=repeat)
    except SitroomError as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    Console().print(*report.tables())


@main.command("eval")
@click.argument("gold", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@click.option("--errors", type=click.IntRange(min=0), default=0, help="List the N worst misses per set.")
@click.option("--sample", type=click.IntRange(min=1), help="Score a deterministic sample of N items per set.")
@click.option("--shared", help="Folder of the shared data (default ../shared or SITROOM_SHARED).")
@_extractor_options
def eval_(gold: tuple[str, ...], as_json: bool, errors: int, sample: int | None, shared: str | None,
          extractor: str | None, llm_url: str | None, llm_model: str | None) -> None:
    """Score the pipeline against gold sets and print the metrics.

    GOLD: seed, samples, dev, heldout, plover, petrarch, event-location, or a gold file
    path (none: all named sets).

    Example: sitroom eval seed plover --errors 5
    """
    from .evaluate import report
    from .evaluate.runner import evaluate

    try:
        options = Options.load({"shared_dir": shared, "extractor": extractor, "llm_url": llm_url,
                                "llm_model": llm_model})
        results = evaluate(list(gold), options, sample=sample)
    except SitroomError as exc:
        _fail(exc)
    if as_json:
        click.echo(report.as_json(results, errors))
    else:
        Console().print(report.render(results, errors))


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web UI.

    Example: sitroom serve --db sitroom.db --port 8000
    """
    import uvicorn

    from .api import create_app

    try:
        app = create_app(_options(db))
    except SitroomError as exc:
        _fail(exc)
    click.echo(f"sitroom: serving {app.state.options.db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
