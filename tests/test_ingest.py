"""Readers: every input format becomes Articles; every bad input becomes one clear rejection."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from kilde.ingest import ReadOptions, Rejected, make_article, parse_published, read_paths
from kilde.ingest.errors import InputError
from kilde.model import Article

PALMYRA = ("Mens Assad-regimet og Russland var opptatt med kampene i Aleppo, utnyttet IS situasjonen.\n"
           "– Jeg snakket med mennesker i Palmyra i morges. Byen er nå under full kontroll av IS, "
           "sier Osama al-Khateb til VG.")


def read(*paths, **options) -> tuple[list[Article], list[Rejected]]:
    items = list(read_paths([str(p) for p in paths], ReadOptions(**options)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejected)]


def test_record_with_text_on_the_date_line(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(f"date 2016-12 {PALMYRA}\n", encoding="utf-8")
    [article], rejected = read(path)
    assert not rejected
    assert article.published == datetime(2016, 12, 1) and article.published_precision == "month"
    assert article.published_label == "2016-12"
    assert article.text.startswith("Mens Assad-regimet") and article.language == "nb"
    assert article.origin == f"{path}:1"


def test_record_headers_and_several_records(tmp_path: Path):
    path = tmp_path / "many.txt"
    path.write_text(
        "date 2016-12-11\nsource VG\ntitle Palmyra falt\n\n" + PALMYRA + "\n---\n"
        "date 2016-12-12 14:30\nsource NTB\nlanguage nb\nIS trakk seg ut av byen mandag.\n",
        encoding="utf-8",
    )
    articles, rejected = read(path)
    assert not rejected
    first, second = articles
    assert (first.source, first.title, first.published_precision) == ("VG", "Palmyra falt", "day")
    assert second.published == datetime(2016, 12, 12, 14, 30) and second.published_precision == "minute"
    assert second.origin.endswith(":8")  # the line its date is on


def test_jsonl_fields(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    rows = [
        {"text": PALMYRA, "title": "Palmyra", "date": "2016-12-11", "url": "https://example.org/1", "source": "VG"},
        {"text": "The city is under full control of IS, he told Reuters.", "published": "2016-12",
         "language": "en"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    (first, second), rejected = read(path)
    assert not rejected
    assert (first.url, first.source, first.language) == ("https://example.org/1", "VG", "nb")
    assert (second.language, second.published_precision) == ("en", "month")


def test_plain_text_takes_date_source_language_options(tmp_path: Path):
    path = tmp_path / "note.txt"
    path.write_text("Byen er no under full kontroll av IS, seier han til avisa.", encoding="utf-8")
    [article], _ = read(path, date="2016-12-11", source="NRK", language="nn")
    assert (article.source, article.language, article.published_label) == ("NRK", "nn", "2016-12-11")


def test_html_main_text_is_extracted(tmp_path: Path):
    path = tmp_path / "page.html"
    paragraph = ("Regjeringsstyrkene rykket inn i byen tirsdag etter flere dager med harde kamper, "
                 "opplyser kilder til NTB. ")
    path.write_text(
        "<html><head><title>Kamper i Homs</title><meta property='og:site_name' content='Avisa'>"
        "</head><body><nav>Meny Forside Sport</nav><article><h1>Kamper i Homs</h1>"
        f"<p>{paragraph * 3}</p><p>{paragraph * 2}</p></article><footer>Kontakt oss</footer></body></html>",
        encoding="utf-8",
    )
    [article], rejected = read(path, date="2016-12-13")
    assert not rejected
    assert "Regjeringsstyrkene rykket inn" in article.text and "Meny Forside" not in article.text


def test_rss_feed_entries_become_articles(tmp_path: Path):
    path = tmp_path / "feed.xml"
    path.write_text(
        """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nyheter</title>
        <language>nb</language>
        <item><title>IS rykket inn i Palmyra</title><link>https://example.org/a</link>
        <pubDate>Sun, 11 Dec 2016 10:00:00 +0000</pubDate>
        <description>Ekstremistgruppa IS har tatt kontroll over Palmyra, melder NTB.</description></item>
        <item><title>Russiske fly bombet Aleppo</title><link>https://example.org/b</link>
        <pubDate>Mon, 12 Dec 2016 08:00:00 +0000</pubDate>
        <description>Flere sivile ble drept i luftangrep natt til mandag.</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    articles, rejected = read(path)
    assert not rejected and len(articles) == 2
    assert articles[0].title == "IS rykket inn i Palmyra" and articles[0].url == "https://example.org/a"
    assert articles[0].published == datetime(2016, 12, 11, 10, 0) and articles[0].source == "Nyheter"


def test_directories_are_read_recursively_and_docs_skipped(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("date 2016-12-01\nIS angrep byen.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("date 2016-12-02\nOpprørerne trakk seg tilbake.", encoding="utf-8")
    (tmp_path / "README.md").write_text("These are test articles.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("date 2016-12-03\nSkjult.", encoding="utf-8")
    articles, rejected = read(tmp_path)
    assert [a.published.day for a in articles] == [1, 2] and not rejected


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(f"date 2016-12\n{PALMYRA}".encode())))
    [article], _ = read("-")
    assert article.origin == "<stdin>:1"


def test_latin1_text_is_decoded_by_detection(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(("date 2016-12-11\nSoldatene rykket inn i byen. Det er første gang på år at hæren "
                      "går inn i området, sier talsmannen. Kampene fortsatte gjennom natten.").encode("latin-1"))
    [article], rejected = read(path)
    assert not rejected and "første" in article.text and "går" in article.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str):
    path = tmp_path / "notepad.txt"
    text = "date 2016-12-11\nSoldatene rykket inn i byen, sier hæren."
    path.write_bytes(("\ufeff" + text if encoding == "utf-16-be" else text).encode(encoding))
    [article], rejected = read(path)
    assert not rejected and article.text == "Soldatene rykket inn i byen, sier hæren."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", bytes(range(256)) * 20, "binary"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("baddate.txt", b"date 2016-13-45\nIS angrep byen.", "not a real date"),
        ("worsedate.txt", b"date yesterday\nIS angrep byen.", "does not parse"),
        ("nodate.txt", b"date\nIS angrep byen.", "date"),
        ("onlydate.txt", b"date 2016-12-01\n", "no text"),
    ],
)
def test_bad_files_are_rejected_with_their_name(tmp_path: Path, name: str, content: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(content)
    articles, [rejected] = read(path)
    assert not articles
    assert rejected.origin.startswith(str(path)) and message in rejected.message


def test_bad_jsonl_lines_are_rejected_and_the_rest_read(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"text": "IS angrep byen søndag.", "date": "2016-12-11"}) + "\n"
        "{not json\n"
        + json.dumps({"title": "no text here", "date": "2016-12-11"}) + "\n"
        + json.dumps({"text": "Opprørerne trakk seg tilbake.", "date": "11/12/2016 kl 25"}) + "\n"
        + json.dumps(["a list"]) + "\n"
        + json.dumps({"text": "Hæren rykket inn i byen.", "date": "2016-12-12"}) + "\n",
        encoding="utf-8",
    )
    articles, rejected = read(path)
    assert len(articles) == 2
    assert [r.origin for r in rejected] == [f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "not valid JSON" in rejected[0].message
    assert "'text'" in rejected[1].message
    assert "'date'" in rejected[2].message
    assert "JSON object" in rejected[3].message


def test_file_over_the_size_limit_is_rejected_without_reading(tmp_path: Path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # 50 MB, sparse: cheap to make
        handle.seek(50_000_000)
        handle.write(b"x")
    articles, [rejected] = read(path)
    assert not articles and "over the limit" in rejected.message and str(path) in rejected.origin


def test_missing_file_is_rejected(tmp_path: Path):
    _, [rejected] = read(tmp_path / "nope.txt")
    assert "cannot read" in rejected.message


def test_article_id_is_stable_across_whitespace_and_differs_by_source():
    a = make_article("IS  angrep\nbyen.", published="2016-12", source="VG", language="nb")
    b = make_article("IS angrep byen.", published="2016-12-11", source="VG", language="nb")
    c = make_article("IS angrep byen.", published="2016-12", source="NRK", language="nb")
    assert a.id == b.id != c.id


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2016", "year"), ("2016-12", "month"), ("2016-12-11", "day"), ("2001-08-25 20:04", "minute"),
     ("2016-12-11T14:30:00Z", "minute"), (None, None)],
)
def test_publication_precision(value, expected):
    assert parse_published(value)[1] == expected


def test_impossible_date_raises_input_error():
    with pytest.raises(InputError, match="2016-02-30"):
        parse_published("2016-02-30")


def test_language_detection_tells_bokmal_nynorsk_english():
    nb = make_article("Byen er nå under full kontroll av IS, sier han til VG. Jeg vet ikke hva som skjer.")
    nn = make_article("Byen er no under full kontroll av IS, seier han til avisa. Eg veit ikkje kva som skjer.")
    en = make_article("The city is now under full control of IS, he told Reuters. I do not know what happens.")
    assert (nb.language, nn.language, en.language) == ("nb", "nn", "en")
