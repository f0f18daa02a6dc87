"""``kilde evaluate places``: place and country accuracy on annotated toponyms.

Gold: tests/gold/places.jsonl, one toponym a line (article id, split, char offsets into the
article text, surface text, the NorNE label, and the expected place: ``geonames_id`` when one
gazetteer entry is meant, else ``name``, plus ``country`` ISO2, null for regions larger than a
country). Scope: countries, regions, admin units and populated places; buildings, roads, islands,
mountains and waters are not annotated. ``dev``-split articles are the held-out part.

Two settings are scored:
- ``ner``: the toponym spans come from NorNE's gold NER (what the trained NER will give): this
  measures resolution (which place).
- ``patterns``: no NER at all (a blank Doc): the stage must also find the toponyms itself.
- ``model``: the shipped pipeline end to end (trained NER mentions and its Doc), as users get it.
A place is right when the extracted place at the gold span has the gold GeoNames id, or (gold
without id) the same name (accent-folded) and country; the country is right when it matches.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import typer

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "places.jsonl"
SHARED = Path(os.environ.get("KILDE_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "data" / "articles" / "norne-articles.jsonl"


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def norne_mentions(obj: dict[str, Any], text: str) -> list[Any]:
    """The shared article's gold NER spans as Mention records with offsets into ``text``."""
    from kilde.model import Mention

    mentions: list[Mention] = []
    offset = 0
    for number, sentence in enumerate(obj["sentences"]):
        stext, pos, current = sentence["text"], 0, None
        for token in sentence["tokens"]:
            begin = stext.find(token["form"], pos)
            if begin < 0:
                break
            pos = begin + len(token["form"])
            tag = token.get("ner", "O")
            if tag.startswith("B-"):
                if current:
                    mentions.append(current)
                current = [offset + begin, offset + pos, tag[2:], number]
            elif tag.startswith("I-") and current:
                current[1] = offset + pos
            elif current:
                mentions.append(current)
                current = None
        if current:
            mentions.append(current)
        offset += len(stext) + 1
    return [Mention(start_char=b, end_char=e, text=text[b:e], label=label, sentence=n)
            for b, e, label, n in mentions]


def load_articles(ids: set[str], path: Path = ARTICLES) -> dict[str, tuple[Any, list[Any]]]:
    """Article records (built as ``kilde extract`` builds them) with their NorNE mentions."""
    from kilde.ingest.jsonl import article_from_json

    out: dict[str, tuple[Any, list[Any]]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            obj = json.loads(line)
            if obj.get("id") in ids:
                article = article_from_json(obj, f"{path.name}:{number}", {})
                out[obj["id"]] = (article, norne_mentions(obj, article.text))
    return out


def place_correct(gold: dict[str, Any], place: Any) -> bool:
    from kilde.extract.gazetteer import fold

    if place is None:
        return False
    if gold.get("geonames_id") is not None:
        return place.geonames_id == gold["geonames_id"]
    return fold(place.name or "") == fold(gold["name"]) and place.country == gold.get("country")


def score(gold: list[dict[str, Any]], setting: str = "ner", verbose: bool = False,
          show_split: str | None = "train") -> dict[str, dict[str, float]]:
    from kilde.extract.places import extract_places
    from kilde.model import ExtractionResult

    articles = load_articles({g["article"] for g in gold})
    found: dict[str, dict[tuple[int, int], Any]] = {}
    for aid, (article, mentions) in articles.items():
        doc = None
        if setting == "model":
            from kilde.extract.mentions import extract_mentions
            from kilde.nlp import parse

            doc = parse(article.text, article.language)
            result = ExtractionResult(article=article)
            result.mentions = extract_mentions(doc, article, result)
        else:
            result = ExtractionResult(article=article, mentions=mentions if setting == "ner" else [])
        places = extract_places(doc, article, result)  # type: ignore[arg-type]
        found[aid] = {(p.start_char, p.end_char): p for p in places}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for g in gold:
        part = "held-out (dev)" if g["split"] == "dev" else "development (train)"
        place = found.get(g["article"], {}).get((g["start"], g["end"]))
        ok_place = place_correct(g, place)
        ok_country = place is not None and place.country == g.get("country")
        for key in (part, "all"):
            counts[key]["n"] += 1
            counts[key]["found"] += place is not None
            counts[key]["place"] += ok_place
            counts[key]["country"] += ok_country
        if verbose and not ok_place and (show_split is None or g["split"] == show_split):
            got = "-" if place is None else f"{place.name} {place.country} {place.geonames_id} {place.feature_code}"
            want = g.get("geonames_id") or g["name"]
            typer.echo(f"MISS {g['split']:5} {g['article']:15} {g['text']!r}: want {want} {g.get('country')}; "
                       f"got {got}")
    return {k: {"n": c["n"], "found": c["found"] / c["n"], "place": c["place"] / c["n"],
                "country": c["country"] / c["n"]} for k, c in counts.items()}


def register(app: typer.Typer) -> None:
    @app.command("places")
    def places_command(
        gold: Path = typer.Option(GOLD, help="gold toponyms (JSON lines)"),
        setting: str = typer.Option("all", help="'ner' (gold NER spans), 'patterns' (no NER), 'model' (the"
                                    " shipped NER end to end) or 'all'"),
        verbose: bool = typer.Option(False, "--verbose", "-v", help="list the toponyms it gets wrong"),
        show_split: str = typer.Option("train", help="split whose misses --verbose lists ('all' for every one);"
                                       " keep the held-out dev split unseen while developing"),
    ) -> None:
        """Place and country accuracy of resolved toponyms on the annotated shared articles."""
        if not ARTICLES.exists():
            typer.echo(f"shared articles not found at {ARTICLES} (set KILDE_SHARED)", err=True)
            raise typer.Exit(1)
        records = load_gold(gold)
        typer.echo(f"{len(records)} toponyms in {len({g['article'] for g in records})} articles")
        for name in (("ner", "patterns", "model") if setting in ("all", "both") else (setting,)):
            results = score(records, name, verbose=verbose, show_split=None if show_split == "all" else show_split)
            for key in sorted(results):
                r = results[key]
                typer.echo(f"{name:8} {key:20} n={r['n']:4d}  found={r['found']:.1%}  "
                           f"correct place={r['place']:.1%}  correct country={r['country']:.1%}")
