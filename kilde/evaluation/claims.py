"""``kilde evaluate claims``: speaker P/R/F1 and relay-chain accuracy on the annotated claims.

Gold: tests/gold/claims.jsonl (one line per annotated article of the shared NorNE articles:
claim offsets, speaker, relay, direct, hedged, verification) and tests/gold/claims_team.jsonl
(team-written sentences for relays, hedges and verification, text included).

Annotation conventions (the extractor follows them): a claim is what a source says, one claim per
quote run (a dash/«» quote across sentences up to its "sier X"), one per indirect report; the outlet's own
voice, the interviewer's questions and "Les også" links are no claims. Since batch 10 a second reporting verb
opens a second claim ("sier at A, og avviser at B"; "sier at A, mens Y fastholder at B"); a few train lines annotated
earlier keep such a pair as one claim. The speaker is the referent's
fullest name, with the article's other references to it as alternates. The relay runs speaker -> channel
-> the article's ``source`` code; a channel named once ("til NTB") stays with that speaker for the rest
of the article, never backwards; headline and subhead teasers (and verb-first headlines, "Hevdar dei
ikkje ...") take the speaker and relay of the body quote they echo. Dev articles were annotated in
batches: each batch was annotated, then scored once before any rule was changed for it, so the first
score of each batch (kept in the report that added it) is its held-out figure.

A predicted claim is paired one-to-one with the gold claim it overlaps most. Speaker
precision/recall count pairs whose speakers match (same name, or one name's words all in
the other's: "Ringstad" ~ "Lise Ringstad"); relay accuracy is the share of gold claims whose
paired prediction has exactly the gold chain (names compared the same way; outlet and agency
aliases normalised: "bt.no" = "BT" = "Bergens Tidende").
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import typer

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "claims.jsonl"
TEAM = ROOT / "tests" / "gold" / "claims_team.jsonl"
# Team-written articles of the second blind event batch (tests/gold/team_articles/*-u*), claims annotated blind.
TEAM2 = ROOT / "tests" / "gold" / "claims_team2.jsonl"
SHARED = Path(os.environ.get("KILDE_SHARED", ROOT.parent / "shared"))
DEFAULT_ARTICLES = SHARED / "data" / "articles" / "norne-articles.jsonl"


def _words(name: str | None) -> list[str]:
    return [w for w in re.findall(r"\w+", (name or "").lower()) if w]


def names_match(pred: str | None, gold: str, alternatives: list[str] | tuple[str, ...] = ()) -> bool:
    p = _words(pred)
    if not p:
        return False
    for g in (gold, *alternatives):
        gw = _words(g)
        if not gw:
            continue
        if p == gw or set(p) <= set(gw) or set(gw) <= set(p):
            return True
    return False


def _canonical(name: str, last: bool, lang: str = "nb") -> str:
    from kilde.extract.claims import lexicon
    from kilde.extract.quotes import tokenize

    lex = lexicon(lang)
    if last and name in lex.source_codes:
        return lex.source_codes[name]
    toks = tokenize(name)
    hit = lex.alias_at(toks, 0)
    if hit is not None and hit[0] == len(toks):
        return hit[1]
    return name


def relay_match(pred: list[str], gold: list[str], speaker_alt: list[str] | tuple[str, ...] = ()) -> bool:
    """Same chain link by link; the first link (the speaker) may match any of the gold speaker's names."""
    if len(pred) != len(gold):
        return False
    for n, (p, g) in enumerate(zip(pred, gold, strict=True)):
        last = n == len(gold) - 1
        cp, cg = _canonical(p, last), _canonical(g, last)
        if cp == cg:
            continue
        alts = speaker_alt if n == 0 else ()
        if not names_match(cp, cg, alts) and not names_match(p, g, alts):
            return False
    return True


def pair(pred: list[Any], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), largest character overlap first."""
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            overlap = min(p.end_char, g["end_char"]) - max(p.start_char, g["start_char"])
            if overlap > 0:
                cands.append((overlap, i, j))
    cands.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def score(rows: list[tuple[list[Any], list[dict]]]) -> dict[str, float]:
    n_pred = n_gold = tp = relay_ok = found = direct_ok = 0
    hedge_ok = verif_ok = 0
    for pred, gold in rows:
        n_pred += len(pred)
        n_gold += len(gold)
        for i, j in pair(pred, gold):
            p, g = pred[i], gold[j]
            found += 1
            if names_match(p.speaker, g["speaker"], g.get("speaker_alt", [])):
                tp += 1
            if relay_match(p.relay, g["relay"], g.get("speaker_alt", [])):
                relay_ok += 1
            direct_ok += p.direct == g["direct"]
            hedge_ok += p.hedged == g.get("hedged", False)
            verif_ok += p.verification == g.get("verification", "unstated")
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": n_gold, "predicted": n_pred, "paired": found,
        "speaker_precision": precision, "speaker_recall": recall, "speaker_f1": f1,
        "relay_accuracy": relay_ok / n_gold if n_gold else 0.0,
        "relay_accuracy_paired": relay_ok / found if found else 0.0,
        "direct_accuracy_paired": direct_ok / found if found else 0.0,
        "hedged_accuracy_paired": hedge_ok / found if found else 0.0,
        "verification_accuracy_paired": verif_ok / found if found else 0.0,
    }


DEV_BATCHES = {
    "dev": (1, "held-out dev articles, batch 1 (annotated with the train set)"),
    "dev2": (2, "held-out dev articles, batch 2 (annotated after a first freeze)"),
    "dev3": (3, "held-out dev articles, batch 3 (annotated after a second freeze)"),
    "dev4": (4, "held-out dev articles, batch 4 (annotated after a third freeze)"),
    "dev5": (5, "held-out dev articles, batch 5 (annotated after a fourth freeze)"),
    "dev6": (6, "held-out dev articles, batch 6 (annotated after a fifth freeze)"),
    "dev7": (7, "held-out dev articles, batch 7 (annotated after the final freeze)"),
    "dev8": (8, "held-out dev articles, batch 8 (annotated before the dependency-parse rules)"),
    "dev9": (9, "held-out dev articles, batch 9 (annotated after the dependency-parse rules)"),
    # From batch 10 on a batch may hold train-split articles too (the dev split has few unannotated ones left);
    # they count only in their batch, never in "train".
    "batch10": (10, "held-out batch 10 (4 dev + 3 train articles, annotated blind in the second session)"),
    "batch11": (11, "held-out batch 11 (2 dev + 4 train articles, annotated blind in the third session)"),
    "batch12": (12, "held-out batch 12 (4 train articles, annotated blind in the third session, scored at its end)"),
    "batch13": (13, "held-out batch 13 (1 dev + 3 train articles, annotated blind in the fourth session)"),
}
FIRST_MIXED_BATCH = 10


def _in_split(row: dict, split: str) -> bool:
    """train | dev, dev2, dev3: the held-out dev articles in the batches they were annotated in."""
    batch = row.get("batch", 1)
    if split in DEV_BATCHES:
        return (row["split"] == "dev" or batch >= FIRST_MIXED_BATCH) and batch == DEV_BATCHES[split][0]
    return row["split"] == split and batch < FIRST_MIXED_BATCH


def _article(obj: dict):
    from kilde.ingest.jsonl import article_from_json

    lang = {"nob": "nb", "nno": "nn"}.get(obj.get("language", ""), obj.get("language"))
    return article_from_json({**obj, "language": lang}, "gold", {})


def _extract(article) -> list[Any]:
    from kilde.extract.claims import extract_claims
    from kilde.model import ExtractionResult
    from kilde.nlp import parse

    doc = parse(article.text, article.language)
    return extract_claims(doc, article, ExtractionResult(article=article))


def evaluate_articles(articles_path: Path, split: str | None) -> tuple[dict[str, float], list]:
    gold_rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {row["article"] for row in gold_rows if split is None or _in_split(row, split)}
    articles = {}
    with articles_path.open(encoding="utf-8") as handle:
        for line in handle:
            obj = json.loads(line)
            if obj["id"] in wanted:
                articles[obj["id"]] = obj
    rows = []
    details = []
    for row in gold_rows:
        if row["article"] not in wanted:
            continue
        article = _article(articles[row["article"]])
        pred = _extract(article)
        rows.append((pred, row["claims"]))
        details.append((row["article"], article, pred, row["claims"]))
    return score(rows), details


def evaluate_team(path: Path = TEAM) -> dict[str, float]:
    from kilde.ingest.article import make_article

    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        article = make_article(obj["text"], published=obj.get("date"), language=obj["language"],
                               source=obj.get("source"))
        rows.append((_extract(article), team_claims(obj)))
    return score(rows)


def team_claims(obj: dict) -> list[dict]:
    """The team set's claims with offsets: each ``quote`` is found in the text (first occurrence)."""
    out = []
    for claim in obj["claims"]:
        start = obj["text"].index(claim["quote"])
        out.append({**claim, "start_char": start, "end_char": start + len(claim["quote"])})
    return out


def _print(title: str, result: dict[str, float]) -> None:
    typer.echo(f"{title}: {result['gold']} gold claims, {result['predicted']} predicted, {result['paired']} paired")
    typer.echo(f"  speaker  P {result['speaker_precision']:.3f}  R {result['speaker_recall']:.3f}  "
               f"F1 {result['speaker_f1']:.3f}")
    typer.echo(f"  relay chain exact: {result['relay_accuracy']:.3f} of gold claims "
               f"({result['relay_accuracy_paired']:.3f} of paired)")
    typer.echo(f"  paired claims: direct {result['direct_accuracy_paired']:.3f}  hedged "
               f"{result['hedged_accuracy_paired']:.3f}  verification {result['verification_accuracy_paired']:.3f}")


def register(app: typer.Typer) -> None:
    @app.command("claims")
    def claims_command(
        articles: Path = typer.Option(DEFAULT_ARTICLES, help="The shared NorNE articles (norne-articles.jsonl)."),
        split: str = typer.Option("all", help="train, dev, dev2 ... batch10 (held-out batches), team, team2 or all."),
        errors: bool = typer.Option(False, help="List the gold claims the extractor got wrong."),
    ) -> None:
        """Speaker P/R/F1 and relay-chain accuracy on the annotated claims (tests/gold/claims*.jsonl)."""
        if not articles.exists():
            typer.echo(f"articles not found: {articles}", err=True)
            raise typer.Exit(1)
        splits = ["train", *DEV_BATCHES] if split == "all" else [] if split in ("team", "team2") else [split]
        every: list[tuple[list[Any], list[dict]]] = []
        for name in splits:
            result, details = evaluate_articles(articles, name)
            every.extend((pred, gold) for _aid, _article, pred, gold in details)
            label = DEV_BATCHES[name][1] if name in DEV_BATCHES else f"{name} articles"
            _print(f"{label} ({len(details)})", result)
            if errors:
                _print_errors(details)
        if split in ("all", "team") and TEAM.exists():
            _print("team-written hard cases", evaluate_team())
        if split in ("all", "team2") and TEAM2.exists():
            _print("team-written articles, blind batch 2", evaluate_team(TEAM2))
        if split == "all":
            _print(f"all annotated NorNE articles ({len(every)}, tuned-on and held-out together)", score(every))


def _print_errors(details: list) -> None:
    for aid, _article, pred, gold in details:
        pairs = dict((j, i) for i, j in pair(pred, gold))
        for j, g in enumerate(gold):
            i = pairs.get(j)
            p = pred[i] if i is not None else None
            ok_sp = p is not None and names_match(p.speaker, g["speaker"], g.get("speaker_alt", []))
            ok_relay = p is not None and relay_match(p.relay, g["relay"], g.get("speaker_alt", []))
            if ok_sp and ok_relay:
                continue
            typer.echo(f"  {aid} gold {g['speaker']!r} {g['relay']} | pred "
                       f"{(p.speaker, p.relay) if p else None} | {g['quote']!r}")
        paired = {i for i, _ in pair(pred, gold)}
        for i, p in enumerate(pred):
            if i not in paired:
                typer.echo(f"  {aid} SPURIOUS {p.speaker!r} {p.relay} | {p.text[:60]!r}")
