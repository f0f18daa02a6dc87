"""`kilde evaluate events`: event detection against tests/gold/events*.jsonl.

Gold events are mentions (see tests/gold/EVENTS.md). A system event matches a gold event in the same article when
their triggers overlap, or failing that when they sit in the same sentence, and (for the typed score) they have the
same ACLED sub-event type. Reported: P/R/F1 at sub-event level, actor1 and place accuracy over matched events whose
gold names one, and how many gold historical events the system lists as current.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import typer

from kilde.model import Article, Event, ExtractionResult

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "gold"
SHARED_ARTICLES = ROOT.parent / "shared" / "data" / "articles" / "norne-articles.jsonl"
SAMPLES = ROOT / "samples"
# Short conflict articles the team wrote for a blind check (invented text, record format like samples/).
TEAM_ARTICLES = GOLD_DIR / "team_articles"


def load_gold(paths: Iterable[Path] | None = None) -> list[dict[str, Any]]:
    rows = []
    for path in paths or sorted(GOLD_DIR.glob("events*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def load_articles(gold: list[dict[str, Any]], shared: Path = SHARED_ARTICLES) -> dict[str, Article]:
    """The gold's articles: norne ones from ../shared (by id), samples from samples/ (by file name)."""
    from kilde.ingest.jsonl import article_from_json
    from kilde.ingest.record import read_records

    wanted = {row["article"] for row in gold}
    articles: dict[str, Article] = {}
    if shared.exists():
        with shared.open(encoding="utf-8") as handle:
            for line in handle:
                obj = json.loads(line)
                if obj["id"] in wanted:
                    articles[obj["id"]] = article_from_json(obj, obj["id"], {})
    for name in wanted:
        path = SAMPLES / name if (SAMPLES / name).exists() else TEAM_ARTICLES / name
        if path.exists():
            for record in read_records(path.read_text(encoding="utf-8"), name, {}):
                if isinstance(record, Article):
                    articles[name] = record
                    break
    return articles


def extract(article: Article) -> tuple[ExtractionResult, list[str]]:
    """Run the pipeline's stages; a stage that fails is reported and left empty so events are still scored."""
    from kilde.nlp import parse
    from kilde.pipeline import STAGES

    doc = parse(article.text, article.language)
    result = ExtractionResult(article=article)
    failed = []
    for name, extractor in STAGES:
        try:
            setattr(result, name, extractor(doc, article, result))
        except Exception as exc:  # noqa: BLE001 - report and go on: one broken stage must not hide the others' scores
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
        result.assign_ids()
    return result, failed


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", (text or "")).lower().strip()
    return text.replace("-", " ")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sentence_span(text: str, start: int) -> tuple[int, int]:
    """The sentence holding offset `start` (lines and sentence punctuation bound it)."""
    from kilde.events.text import _split_sentences

    for lo, hi in _split_sentences(text):
        if lo <= start < hi:
            return lo, hi
    return start, start + 1


def actor_ok(event: Event, gold: str) -> bool:
    actors = [a for a in [event.actor1, *event.assoc_actor1] if a is not None]
    for actor in actors[:1]:
        if actor.canonical_id == gold or _norm(actor.canonical_name) == _norm(gold) or _norm(actor.text) == _norm(gold):
            return True
    return False


def place_ok(event: Event, gold: str) -> bool:
    if event.place is None:
        return False
    want = _norm(gold)
    for got in (event.place.name, event.place.text):
        got = _norm(got)
        if got and (
            got == want
            or got.startswith(want)
            or want.startswith(got)
            or got.endswith(" " + want)
            or want.endswith(" " + got)
        ):
            return True
    # The gold names a place as the article does ("Norge", "Tyskland"); the system gives its gazetteer name.
    return _norm(event.place.name) in _gazetteer_names(gold)


@lru_cache(maxsize=4096)
def _gazetteer_names(name: str) -> frozenset[str]:
    """The gazetteer's names for the places ``name`` is a primary or alternate name of (not a fuzzy match)."""
    from kilde.extract.gazetteer import load_gazetteer

    return frozenset(_norm(entry.name) for entry, score in load_gazetteer().lookup(name) if score >= 0.9)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    untyped_tp: int = 0
    actor_n: int = 0
    actor_ok: int = 0
    place_n: int = 0
    place_ok: int = 0
    background_current: int = 0
    historical_gold: int = 0
    articles: int = 0
    failed: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score_article(article: Article, gold_events: list[dict[str, Any]], events: list[Event], score: Score) -> None:
    text = article.text
    predicted = [e for e in events if e.sub_event_type and not e.negated and not e.hypothetical and e.trigger]
    gold = [dict(g, span=(g["start"], g["end"]), sent=_sentence_span(text, g["start"])) for g in gold_events]
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], Event]] = []
    for rule in ("trigger", "sentence"):
        for g in gold:
            if "match" in g:
                continue
            for k, e in enumerate(predicted):
                if k in used or e.sub_event_type != g["sub_event_type"]:
                    continue
                span = (e.trigger.start_char, e.trigger.end_char)
                if (rule == "trigger" and _overlap(span, g["span"])) or (
                    rule == "sentence" and _overlap(span, g["sent"])
                ):
                    used.add(k)
                    g["match"] = e
                    pairs.append((g, e))
                    break
    score.tp += len(pairs)
    score.fp += len(predicted) - len(used)
    score.fn += sum(1 for g in gold if "match" not in g)
    for k, e in enumerate(predicted):
        if k not in used:
            score.errors.append(
                f"FP {article.id[:14]:14} {e.sub_event_type:35} {e.trigger.text!r} | "
                f"{text[e.evidence[0].start_char : e.evidence[0].end_char][:110] if e.evidence else ''}"
            )
    for g in gold:
        if "match" not in g:
            near = [e for e in predicted if _overlap((e.trigger.start_char, e.trigger.end_char), g["sent"])]
            got = ", ".join(f"{e.sub_event_type}" for e in near) or "-"
            score.errors.append(f"FN {article.id[:14]:14} {g['sub_event_type']:35} {g['trigger']!r} (system: {got})")
    # untyped detection: any system event in the gold's sentence
    for g in gold:
        if any(_overlap((e.trigger.start_char, e.trigger.end_char), g["sent"]) for e in predicted):
            score.untyped_tp += 1
    for g, e in pairs:
        if g.get("actor1"):
            score.actor_n += 1
            if actor_ok(e, g["actor1"]):
                score.actor_ok += 1
            else:
                got = e.actor1.canonical_id or e.actor1.text if e.actor1 else None
                score.errors.append(f"ACTOR {article.id[:14]:14} {g['trigger']!r}: gold {g['actor1']}, system {got}")
        if g.get("place"):
            score.place_n += 1
            if place_ok(e, g["place"]):
                score.place_ok += 1
            else:
                got = (e.place.name or e.place.text) if e.place else None
                score.errors.append(f"PLACE {article.id[:14]:14} {g['trigger']!r}: gold {g['place']}, system {got}")
    # background events reported as current: any current system event on a gold historical event's trigger/sentence
    for g in gold:
        if not g.get("historical"):
            continue
        score.historical_gold += 1
        for e in events:
            if (
                e.trigger
                and e.sub_event_type
                and e.current
                and (
                    _overlap((e.trigger.start_char, e.trigger.end_char), g["span"])
                    or (
                        e.sub_event_type == g["sub_event_type"]
                        and _overlap((e.trigger.start_char, e.trigger.end_char), g["sent"])
                    )
                )
            ):
                score.background_current += 1
                score.errors.append(f"BACKGROUND {article.id[:14]:14} {g['trigger']!r} listed as current")
                break


def evaluate(gold: list[dict[str, Any]], articles: dict[str, Article]) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for row in gold:
        article = articles.get(row["article"])
        if article is None:
            continue
        article.id = row["article"]
        result, failed = extract(article)
        for split in (row.get("split", "train"), "all"):
            score = scores[split]
            score.articles += 1
            score.failed.update(failed)
            score_article(article, row["events"], result.events, score)
    return dict(scores)


def report(scores: dict[str, Score]) -> str:
    lines = []
    for split in sorted(scores, key=lambda s: (s == "all", s)):
        s = scores[split]
        p, r, f = s.prf()
        gold_n = s.tp + s.fn
        untyped = s.untyped_tp / gold_n if gold_n else 1.0
        lines.append(
            f"{split:8} articles {s.articles:3}  gold {gold_n:3}  system {s.tp + s.fp:3}  "
            f"P {p:.3f} R {r:.3f} F1 {f:.3f}  (untyped recall {untyped:.3f})  "
            f"actor1 {s.actor_ok}/{s.actor_n} = {s.actor_ok / s.actor_n if s.actor_n else 1:.3f}  "
            f"place {s.place_ok}/{s.place_n} = {s.place_ok / s.place_n if s.place_n else 1:.3f}  "
            f"background-as-current {s.background_current}/{s.historical_gold}"
        )
    failed = set().union(*(s.failed for s in scores.values())) if scores else set()
    for message in sorted(failed):
        lines.append(f"stage failed (left empty): {message}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    @app.command("events")
    def events_command(
        split: str = typer.Option(
            "", help="only this split: train or samples-train (tuned on), dev, samples or team-blind (held out)"
        ),
        errors: bool = typer.Option(False, "--errors", help="list false positives, misses, wrong actors and places"),
        gold_file: list[Path] = typer.Option(
            None, "--gold", help="gold JSONL files (default tests/gold/events*.jsonl)"
        ),
    ) -> None:
        """Event detection P/R/F1 at ACLED sub-event level, actor1 and place accuracy, background events as current."""
        gold = load_gold(gold_file or None)
        if split:
            gold = [row for row in gold if row.get("split") == split]
        articles = load_articles(gold)
        missing = len({row["article"] for row in gold} - set(articles))
        scores = evaluate(gold, articles)
        if errors:
            for split_name, score in scores.items():
                if split_name == "all":
                    continue
                typer.echo(f"--- {split_name}")
                for line in score.errors:
                    typer.echo(line)
        typer.echo(report(scores))
        if missing:
            typer.echo(f"{missing} gold articles not found (../shared/data/articles or samples/ missing)")
