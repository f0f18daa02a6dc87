"""kilde's command line: ingest articles, extract events, query and export them.

\b
    kilde run samples/                 ingest and process the bundled samples into kilde.db
    kilde events --type Battles        list current events
    kilde show <event id>              an event with its evidence sentences
    kilde extract article.txt          one article straight to JSON, no database
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kilde.evaluation import register_all
from kilde.ingest import ReadOptions, Rejected, read_paths
from kilde.model import Article, Event, MergedEvent
from kilde.operations import RunReport, ingest_paths, process_store
from kilde.store import EventFilter, default_db, open_store

app = typer.Typer(help=__doc__, no_args_is_help=True, rich_markup_mode=None, add_completion=False)
evaluate_app = typer.Typer(help="Score kilde's stages on annotated data.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")
register_all(evaluate_app)

out = Console()
err = Console(stderr=True)

DbOption = Annotated[str, typer.Option("--db", envvar="KILDE_DB", help="SQLite file (or KILDE_DB).")]
DateOption = Annotated[str | None, typer.Option("--date", help="Publication date for input that has none: "
                                                                "YYYY-MM, YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.")]
SourceOption = Annotated[str | None, typer.Option("--source", help="Outlet for input that names none (VG, NTB...).")]
LanguageOption = Annotated[str | None, typer.Option("--language", help="nb, nn or en; detected when not given.")]
FormatOption = Annotated[str | None, typer.Option("--input-format", help="record, jsonl, text, html or feed; "
                                                                         "by file suffix and content when not given.")]


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(str, Enum):
    acled_csv = "acled-csv"
    plover_jsonl = "plover-jsonl"
    geojson = "geojson"
    parquet = "parquet"


def _report_rejected(item: Rejected) -> None:
    err.print(f"[red]rejected[/red] {item}", markup=True, highlight=False)


def _options(date_: str | None, source: str | None, language: str | None, fmt: str | None) -> ReadOptions:
    return ReadOptions(date=date_, source=source, language=language, format=fmt)


def _ingest(db: str, paths: list[str], options: ReadOptions, report: RunReport) -> None:
    with open_store(db) as store, Progress(TextColumn("reading"), TextColumn("{task.completed} article(s)"),
                                           TimeElapsedColumn(), console=err, disable=not err.is_terminal) as bar:
        task = bar.add_task("articles", total=None)
        ingest_paths(store, paths, options, report, on_reject=_report_rejected,
                     progress=lambda n: bar.advance(task, n))


def _process(db: str, reprocess: bool, limit: int | None, report: RunReport) -> None:
    logging.getLogger("kilde.nlp.load").setLevel(logging.ERROR)
    with open_store(db) as store:
        total = store.count_unprocessed(reprocess=reprocess)
        if limit is not None:
            total = min(total, limit)
        with Progress(TextColumn("processing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, disable=total == 0 or not err.is_terminal) as progress:
            task = progress.add_task("articles", total=total)
            process_store(store, reprocess=reprocess, limit=limit, report=report,
                          progress=lambda n: progress.advance(task, n),
                          on_error=lambda a, e: err.print(f"[red]failed[/red] {a.origin or a.id}: {e}"))


def _print_summary(db: str, report: RunReport) -> None:
    with open_store(db) as store:
        summary = store.summary()
    table = Table(title=f"kilde store {db}", show_header=False)
    table.add_row("articles", f"{summary['articles']} ({report.added} new, {report.duplicates} already stored)")
    for key in ("processed", "entities", "places", "times", "quantities", "claims"):
        table.add_row(key, str(summary[key]))
    table.add_row("events", f"{summary['current_events']} current of {summary['events']}"
                            f" ({summary['merged_events']} after merging across articles)")
    for name, count in summary["events_by_type"].items():
        table.add_row(f"  {name}", str(count))
    if report.rejected:
        table.add_row("rejected", str(len(report.rejected)))
    out.print(table)


def _finish(report: RunReport) -> None:
    if report.rejected:
        err.print(f"{len(report.rejected)} input(s) rejected; see the messages above.")
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    db: DbOption = default_db(),
    date_: DateOption = None, source: SourceOption = None, language: LanguageOption = None,
    input_format: FormatOption = None,
) -> None:
    """Store articles without processing them. Articles already stored are skipped."""
    report = RunReport()
    _ingest(db, paths, _options(date_, source, language, input_format), report)
    out.print(f"{report.added} article(s) added, {report.duplicates} already stored, "
              f"{len(report.rejected)} rejected")
    _finish(report)


@app.command()
def process(
    db: DbOption = default_db(),
    reprocess: Annotated[bool, typer.Option(help="Run extraction again on every article.")] = False,
    limit: Annotated[int | None, typer.Option(help="Process at most this many articles.")] = None,
) -> None:
    """Run extraction on stored articles that have not been processed yet (resumable)."""
    report = RunReport()
    _process(db, reprocess, limit, report)
    out.print(f"{report.processed} article(s) processed")
    _finish(report)


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    db: DbOption = default_db(),
    date_: DateOption = None, source: SourceOption = None, language: LanguageOption = None,
    input_format: FormatOption = None,
) -> None:
    """Ingest and process in one go, then print a summary of the store."""
    report = RunReport()
    _ingest(db, paths, _options(date_, source, language, input_format), report)
    _process(db, False, None, report)
    _print_summary(db, report)
    _finish(report)


@app.command()
def summary(db: DbOption = default_db()) -> None:
    """Counts of what the store holds."""
    _print_summary(db, RunReport())


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="One article file (record, text, HTML, ...) or - for stdin.")],
    output: Annotated[str, typer.Option("--format", help="Output format (json).")] = "json",
    date_: DateOption = None, source: SourceOption = None, language: LanguageOption = None,
    input_format: FormatOption = None,
) -> None:
    """Extract one article straight to JSON on stdout; no database is touched."""
    from kilde.pipeline import extract_article

    if output != "json":
        raise typer.BadParameter("only json is supported", param_hint="--format")
    logging.getLogger("kilde.nlp.load").setLevel(logging.ERROR)
    items = list(read_paths([file], _options(date_, source, language, input_format)))
    rejected = [i for i in items if isinstance(i, Rejected)]
    for item in rejected:
        _report_rejected(item)
    articles = [i for i in items if isinstance(i, Article)]
    if not articles:
        raise typer.Exit(1)
    if len(articles) > 1:
        err.print(f"{file} holds {len(articles)} articles; writing one JSON object per line")
    for article in articles:
        sys.stdout.write(json.dumps(extract_article(article).to_dict(), ensure_ascii=False,
                                    indent=None if len(articles) > 1 else 2) + "\n")
    if rejected:
        raise typer.Exit(1)


def _day(value: date | None) -> date | None:
    """A day from an option: click's DateTime gives a datetime, newer typer a date."""
    return value.date() if isinstance(value, datetime) else value


def _event_filter(type_, sub_type, actor, place, since, until, text, all_, limit, offset=0) -> EventFilter:
    return EventFilter(event_type=type_, sub_event_type=sub_type, actor=actor, place=place,
                       since=_day(since), until=_day(until),
                       text=text, include_historical=all_, limit=limit, offset=offset)


def _event_summary(event: Event) -> dict:
    flags = [f for f in ("historical", "negated", "hypothetical", "reported", "hedged") if getattr(event, f)]
    return {
        "id": event.id,
        "date": event.time.start.date().isoformat() if event.time and event.time.start else "",
        "event_type": event.event_type or "",
        "sub_event_type": event.sub_event_type or "",
        "actor1": (event.actor1.canonical_name or event.actor1.text) if event.actor1 else "",
        "actor2": (event.actor2.canonical_name or event.actor2.text) if event.actor2 else "",
        "place": (event.place.name or event.place.text) if event.place else "",
        "fatalities": event.fatalities_low if event.fatalities_low is not None else "",
        "flags": ",".join(flags),
        "sources": "; ".join(event.sources),
    }




@app.command()
def events(
    db: DbOption = default_db(),
    type_: Annotated[str | None, typer.Option("--type", help="ACLED event type, e.g. Battles.")] = None,
    sub_type: Annotated[str | None, typer.Option("--sub-type", help="ACLED sub-event type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name (substring).")] = None,
    place: Annotated[str | None, typer.Option(help="Place name (substring).")] = None,
    since: Annotated[date | None, typer.Option(formats=["%Y-%m-%d"], help="Events ending after this day.")] = None,
    until: Annotated[date | None, typer.Option(formats=["%Y-%m-%d"], help="Events starting by this day.")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the reporting article.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include historical, negated and hypothetical.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 100,
    merged: Annotated[bool, typer.Option("--merged", help="One row per real-world event, merged across "
                                                          "articles, with its independent sources.")] = False,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
) -> None:
    """List events as each article reports them, or merged across articles (current ones unless --all)."""
    flt = _event_filter(type_, sub_type, actor, place, since, until, text, all_, limit)
    columns = ["id", "date", "event_type", "sub_event_type", "actor1", "actor2", "place", "fatalities", "flags"]
    with open_store(db) as store:
        if merged:
            found_merged = store.list_merged_events(flt)
            records = [m.to_dict() for m in found_merged]
            rows = []
            for m in found_merged:
                row = {**_event_summary(m.event), "id": m.id, "reports": len(m.report_ids),
                       "corroboration": m.corroboration, "sources": "; ".join(m.sources)}
                rows.append(row)
            columns += ["reports", "corroboration"]
        else:
            found = store.list_events(flt)
            records = [e.to_dict() for e in found]
            rows = [_event_summary(e) for e in found]
    if output == OutputFormat.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif output == OutputFormat.csv:
        fields = list(rows[0].keys()) if rows else columns
        writer = csv.DictWriter(sys.stdout, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=f"{len(rows)} {'merged ' if merged else ''}event(s)")
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(str(row[c]) for c in columns))
        out.print(table)


def _show_merged(group: MergedEvent, store) -> None:
    """A merged id (from `kilde events --merged`): its coding and the article reports behind it."""
    row = _event_summary(group.event)
    out.print(f"[bold]{row['event_type'] or group.event.plover_category} / {row['sub_event_type']}[/bold]  "
              f"merged event {group.id}")
    for key in ("date", "actor1", "actor2", "place", "fatalities", "flags"):
        if row[key] != "":
            out.print(f"  {key:11} {row[key]}")
    out.print(f"  {'sources':11} {group.corroboration} independent: {', '.join(group.sources)}")
    out.print("\n[bold]reports[/bold] (kilde show <id> for each)")
    for report_id in group.report_ids:
        report = store.get_event(report_id)
        result = store.get_result(report.article_id) if report else None
        label = (f"{result.article.source or '?'}, {result.article.published_label or 'undated'}: "
                 f"{result.article.title or result.article.id}") if result else ""
        out.print(f"  {report_id}  {label}", highlight=False)


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(help="An event id from `kilde events`.")],
    db: DbOption = default_db(),
) -> None:
    """One event: its coding, the claims behind it and its evidence sentences in the article."""
    with open_store(db) as store:
        event = store.get_event(event_id)
        if event is None and (group := store.get_merged_event(event_id)) is not None:
            _show_merged(group, store)
            return
        if event is None:
            err.print(f"no event {event_id!r} in {db}")
            raise typer.Exit(1)
        result = store.get_result(event.article_id)
        merged = store.merged_event_for(event_id)
    assert result is not None
    article = result.article
    out.print(f"[bold]{event.event_type} / {event.sub_event_type}[/bold]  ({event.plover_category}"
              f"{'/' + event.plover_mode if event.plover_mode else ''})  id {event.id}")
    summary_row = _event_summary(event)
    for key in ("date", "actor1", "actor2", "place", "fatalities", "flags"):
        if summary_row[key] != "":
            out.print(f"  {key:11} {summary_row[key]}")
    if event.time:
        out.print(f"  {'time':11} {event.time.text!r} -> {event.time.start} .. {event.time.end} "
                  f"({event.time.precision}{', uncertain' if event.time.uncertain else ''})")
    out.print(f"  {'confidence':11} {event.confidence:.2f}")
    out.print(f"  {'article':11} {escape(article.title or article.id)} — {escape(article.source or '?')}, "
              f"{article.published_label or 'undated'}")
    if merged and len(merged.report_ids) > 1:
        out.print(f"  {'reports':11} {len(merged.report_ids)} ({merged.corroboration} independent source(s): "
                  f"{', '.join(merged.sources)})")
    claims = {c.id: c for c in result.claims}
    for claim_id in event.claim_ids:
        claim = claims.get(claim_id)
        if claim:
            badges = [claim.verification] + (["hedged: " + (claim.hedge or "yes")] if claim.hedged else [])
            out.print(f"  claim       {escape(' → '.join(claim.relay) or claim.speaker or '')}  "
                      f"\\[{escape(', '.join(badges))}]", highlight=False)
    out.print("\n[bold]evidence[/bold]")
    for span in event.evidence:
        out.print(f"  «{escape(span.text)}»  \\[{span.start_char}:{span.end_char}]", highlight=False)
    _print_extractions(result, event)


def _print_extractions(result, event: Event) -> None:
    spans = event.evidence or ([event.trigger] if event.trigger else [])
    if not spans:
        return
    lo, hi = min(s.start_char for s in spans), max(s.end_char for s in spans)
    inside = lambda r: lo <= r.start_char < hi  # noqa: E731
    rows = [("place", p.text, f"{p.name or ''} {p.country or ''} ({p.precision or '?'})") for p in result.places
            if inside(p)]
    rows += [("time", t.text, f"{t.start} .. {t.end} {t.precision}{' uncertain' if t.uncertain else ''}")
             for t in result.times if inside(t)]
    rows += [("quantity", q.text, f"{q.low}/{q.best}/{q.high} {q.unit or ''}{' fatalities' if q.fatalities else ''}")
             for q in result.quantities if inside(q)]
    rows += [("claim", c.text[:60], f"{' → '.join(c.relay)} {c.verification}{' hedged' if c.hedged else ''}")
             for c in result.claims if inside(c)]
    if rows:
        table = Table(title="extracted in the evidence")
        for column in ("kind", "text", "resolved"):
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*row)
        out.print(table)


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option("--format", help="Export format.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
    db: DbOption = default_db(),
    all_: Annotated[bool, typer.Option("--all", help="Include historical, negated and hypothetical.")] = False,
) -> None:
    """Export events: acled-csv, plover-jsonl, geojson or parquet (parquet needs --output)."""
    from kilde.export import write_export

    fmt = output_format.value
    flt = EventFilter(include_historical=all_, limit=1000)
    with open_store(db) as store:
        if output is not None:
            count = write_export(store, fmt, output, flt)
            err.print(f"{count} event(s) written to {output}")
        elif fmt == "parquet":
            raise typer.BadParameter("parquet is binary; give --output FILE", param_hint="--output")
        else:
            write_export(store, fmt, sys.stdout, flt)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in article titles and texts.")],
    db: DbOption = default_db(),
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
) -> None:
    """Full-text search over stored articles."""
    with open_store(db) as store:
        hits = store.search_articles(query, limit)
    for article, snippet in hits:
        # Article words are text, not markup: rich would swallow the snippet's "[drept]" as a tag.
        out.print(f"[bold]{article.id}[/bold] {escape(article.source or '?')} {article.published_label or ''}  "
                  f"{escape(article.title or '')}\n    {escape(snippet)}", highlight=False)
    if not hits:
        err.print("no matches")


@app.command()
def serve(
    db: DbOption = default_db(),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    write_token: Annotated[str | None, typer.Option(
        "--write-token", envvar="KILDE_WRITE_TOKEN",
        help="Enable POST /api/articles, guarded by this bearer token (or KILDE_WRITE_TOKEN).")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes (each with its own connections).")] = 1,
) -> None:
    """Serve the web app (map, timeline, event evidence, search) and the HTTP API; read-only by default."""
    import os

    import uvicorn

    from kilde.serve import create_app

    if not Path(db).exists():
        err.print(f"note: {db} does not exist yet; serving a new, empty store")
    err.print(f"kilde on http://{host}:{port}/  (API docs /docs; {'writes enabled' if write_token else 'read-only'})")
    if workers == 1:
        uvicorn.run(create_app(db, write_token=write_token), host=host, port=port, log_level="info")
        return
    # Worker processes build their own app from the environment.
    os.environ["KILDE_DB"] = db
    if write_token:
        os.environ["KILDE_WRITE_TOKEN"] = write_token
    uvicorn.run("kilde.serve.app:create_app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="info")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
