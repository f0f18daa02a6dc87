"""From an event's records to highlight spans over its article text, and to HTML marks.

Every record keeps ``start_char``/``end_char`` into ``Article.text``; this module
collects the ones that make up an event (trigger, actors, place, time,
quantities, evidence sentences, claim speakers) and renders the text with one
``<mark>`` per stretch, its classes naming every kind that covers it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from markupsafe import Markup, escape

from kilde.model import Claim, Event

# Drawing order: later kinds are drawn on top (see app.css).
KINDS = ("evidence", "claim", "speaker", "time", "place", "quantity", "target", "actor", "trigger")


@dataclass
class Highlight:
    start: int
    end: int
    kind: str
    text: str
    label: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _add(out: list[Highlight], text: str, start: int | None, end: int | None, kind: str, label: str = "") -> None:
    if start is None or end is None:
        return
    start, end = max(0, int(start)), min(len(text), int(end))
    if start >= end:
        return
    out.append(Highlight(start, end, kind, text[start:end], label))


def event_highlights(event: Event, text: str, claims: list[Claim] | None = None) -> list[Highlight]:
    """The spans of ``text`` that carry this event's coded fields, sorted by position."""
    out: list[Highlight] = []
    for span in event.evidence:
        _add(out, text, span.start_char, span.end_char, "evidence", span.label)
    if event.trigger:
        _add(out, text, event.trigger.start_char, event.trigger.end_char, "trigger", event.trigger.label)
    for actor in [event.actor1, *event.assoc_actor1]:
        if actor:
            _add(out, text, actor.start_char, actor.end_char, "actor", actor.canonical_name or "")
    for actor in [event.actor2, *event.assoc_actor2]:
        if actor:
            _add(out, text, actor.start_char, actor.end_char, "target", actor.canonical_name or "")
    if event.place:
        _add(out, text, event.place.start_char, event.place.end_char, "place", event.place.name or "")
    if event.time:
        _add(out, text, event.time.start_char, event.time.end_char, "time", event.time.precision or "")
    for quantity in event.quantities:
        _add(out, text, quantity.start_char, quantity.end_char, "quantity", quantity.unit or "")
    linked = set(event.claim_ids)
    for claim in claims or []:
        if claim.id in linked:
            _add(out, text, claim.speaker_start_char, claim.speaker_end_char, "speaker", claim.speaker or "")
    out.sort(key=lambda h: (h.start, -h.end, KINDS.index(h.kind) if h.kind in KINDS else 0))
    return out


def render_marked(text: str, highlights: list[Highlight], labels: dict[str, str] | None = None) -> Markup:
    """``text`` as HTML with each highlighted stretch in ``<mark class="hl hl-<kind> ...">``.

    Overlapping spans are split at every boundary, so a trigger inside an
    evidence sentence becomes one mark with both classes.
    """
    labels = labels or {}
    cuts = {0, len(text)}
    for h in highlights:
        cuts.update((h.start, h.end))
    points = sorted(cuts)
    parts: list[str] = []
    for a, b in zip(points, points[1:], strict=False):
        segment = text[a:b]
        kinds = [h.kind for h in highlights if h.start <= a and b <= h.end]
        if not kinds:
            parts.append(str(escape(segment)))
            continue
        ordered = sorted(set(kinds), key=lambda k: KINDS.index(k) if k in KINDS else 0)
        classes = " ".join(["hl", *(f"hl-{k}" for k in ordered)])
        title = ", ".join(labels.get(k, k) for k in reversed(ordered))
        parts.append(f'<mark class="{classes}" data-kinds="{" ".join(ordered)}" title="{escape(title)}">'
                     f"{escape(segment)}</mark>")
    return Markup("".join(parts))


def excerpt(text: str, highlights: list[Highlight], max_chars: int = 1500) -> tuple[str, list[Highlight], bool, bool]:
    """The lines of ``text`` that hold the highlights, with the highlights shifted to match.

    Returns (excerpt, shifted highlights, text cut before, text cut after), so a
    page can show several reports compactly, each around its own evidence.
    """
    if not highlights:
        cut = min(len(text), 300)
        return text[:cut], [], False, cut < len(text)
    first = min(h.start for h in highlights)
    last = max(h.end for h in highlights)
    start = text.rfind("\n", 0, first) + 1
    end = text.find("\n", last)
    end = len(text) if end == -1 else end
    if end - start > max_chars:
        start = max(start, first - 200)
        end = min(end, max(last, first + max_chars) + 200)
    shifted = [Highlight(max(h.start, start) - start, min(h.end, end) - start, h.kind, h.text, h.label)
               for h in highlights if h.end > start and h.start < end]
    return text[start:end], shifted, start > 0, end < len(text)


def is_verified(event: Event, claims: list[Claim]) -> bool:
    """The store's rule: not hedged, and no linked claim unconfirmed or denied."""
    linked = [c for c in claims if c.id in set(event.claim_ids)]
    return not event.hedged and not any(c.verification in ("unconfirmed", "denied") for c in linked)
