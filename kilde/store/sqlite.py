"""The default store: one SQLite file, WAL journal, FTS5 search, versioned migrations.

Every write method is one transaction, so a run killed at any point leaves
each article either fully stored (with all its records) or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from kilde.model import Article, Event, ExtractionResult, MergedEvent
from kilde.store.base import EventFilter, IngestReport, Store

MIGRATIONS = Path(__file__).parent / "migrations"
RECORD_TABLES = ("mentions", "places", "times", "quantities", "claims", "events")


def migration_scripts() -> list[tuple[int, Path]]:
    scripts = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        scripts.append((int(path.name.split("_", 1)[0]), path))
    return scripts


def fts_query(text: str) -> str:
    """User words -> an FTS5 query that matches all of them; never an FTS syntax error."""
    terms = [t for t in text.replace('"', " ").split() if t]
    return " ".join(f'"{term}"' for term in terms) or '""'


class SQLiteStore(Store):
    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 30000")
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    # ------------------------------------------------------------ plumbing

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        current = self.schema_version
        for version, path in migration_scripts():
            if version <= current:
                continue
            script = path.read_text(encoding="utf-8")
            self.conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")

    @contextmanager
    def transaction(self):
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------ articles

    def add_articles(self, articles: Iterable[Article]) -> IngestReport:
        report = IngestReport()
        with self.transaction() as conn:
            for article in articles:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO articles (id, source, url, title, published, published_precision,"
                    " language, text, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id, article.source, article.url, article.title,
                        article.published.isoformat() if article.published else None,
                        article.published_precision, article.language, article.text, article.origin,
                    ),
                )
                if cursor.rowcount:
                    report.added += 1
                else:
                    report.duplicates += 1
        return report

    @staticmethod
    def _article(row: sqlite3.Row) -> Article:
        return Article(
            id=row["id"], text=row["text"], source=row["source"], url=row["url"], title=row["title"],
            published=datetime.fromisoformat(row["published"]) if row["published"] else None,
            published_precision=row["published_precision"], language=row["language"], origin=row["origin"],
        )

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def unprocessed_articles(self, limit: int | None = None, reprocess: bool = False) -> list[Article]:
        where = "" if reprocess else "WHERE processed_at IS NULL"
        sql = f"SELECT * FROM articles {where} ORDER BY seq"
        params: tuple = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        return [self._article(row) for row in self.conn.execute(sql, params)]

    def count_unprocessed(self, reprocess: bool = False) -> int:
        where = "" if reprocess else "WHERE processed_at IS NULL"
        return self.conn.execute(f"SELECT count(*) FROM articles {where}").fetchone()[0]

    # ------------------------------------------------------------ results

    def save_results(self, results: Iterable[ExtractionResult], pipeline_version: str) -> int:
        count = 0
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.transaction() as conn:
            for result in results:
                article_id = result.article.id
                updated = conn.execute(
                    "UPDATE articles SET processed_at = ?, pipeline_version = ? WHERE id = ?",
                    (now, pipeline_version, article_id),
                )
                if not updated.rowcount:
                    raise KeyError(f"article {article_id} is not in the store; ingest it first")
                for table in RECORD_TABLES:
                    conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
                self._insert_records(conn, result)
                count += 1
        return count

    def _insert_records(self, conn: sqlite3.Connection, result: ExtractionResult) -> None:
        aid = result.article.id
        conn.executemany(
            "INSERT INTO mentions (id, article_id, label, text, canonical_id, data) VALUES (?, ?, ?, ?, ?, ?)",
            [(m.id, aid, m.label, m.text, m.canonical_id, m.model_dump_json()) for m in result.mentions],
        )
        conn.executemany(
            "INSERT INTO places (id, article_id, name, country, geonames_id, latitude, longitude, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(p.id, aid, p.name or p.text, p.country, p.geonames_id, p.latitude, p.longitude, p.model_dump_json())
             for p in result.places],
        )
        for table, records in (("times", result.times), ("quantities", result.quantities)):
            conn.executemany(
                f"INSERT INTO {table} (id, article_id, data) VALUES (?, ?, ?)",
                [(r.id, aid, r.model_dump_json()) for r in records],
            )
        conn.executemany(
            "INSERT INTO claims (id, article_id, speaker, verification, data) VALUES (?, ?, ?, ?, ?)",
            [(c.id, aid, c.speaker, c.verification, c.model_dump_json()) for c in result.claims],
        )
        claims = {c.id: c for c in result.claims}
        conn.executemany(
            "INSERT INTO events (id, article_id, event_type, sub_event_type, plover_category, actor1, actor2,"
            " actors, place_name, country, latitude, longitude, time_start, time_end, historical, negated,"
            " hypothetical, verified, confidence, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?)",
            [self._event_row(e, aid, claims) for e in result.events],
        )

    @staticmethod
    def _actor_names(event: Event) -> str:
        names = []
        for actor in [event.actor1, event.actor2, *event.assoc_actor1, *event.assoc_actor2]:
            if actor is not None:
                names.extend(n for n in (actor.canonical_name, actor.text) if n)
        return " | ".join(dict.fromkeys(names))

    @classmethod
    def _event_row(cls, e: Event, aid: str, claims: dict) -> tuple:
        linked = [claims[c] for c in e.claim_ids if c in claims]
        verified = not e.hedged and not any(c.verification in ("unconfirmed", "denied") for c in linked)
        place = e.place
        return (
            e.id, aid, e.event_type, e.sub_event_type, e.plover_category,
            e.actor1 and (e.actor1.canonical_name or e.actor1.text),
            e.actor2 and (e.actor2.canonical_name or e.actor2.text),
            cls._actor_names(e),
            place and (place.name or place.text), place and place.country,
            place and place.latitude, place and place.longitude,
            e.time.start.isoformat() if e.time and e.time.start else None,
            e.time.end.isoformat() if e.time and e.time.end else None,
            int(e.historical), int(e.negated), int(e.hypothetical), int(verified), e.confidence,
            e.model_dump_json(),
        )

    def get_result(self, article_id: str) -> ExtractionResult | None:
        article = self.get_article(article_id)
        if article is None:
            return None
        from kilde.model import Claim, Mention, Place, Quantity, TimeSpan

        kinds = {"mentions": Mention, "places": Place, "times": TimeSpan, "quantities": Quantity,
                 "claims": Claim, "events": Event}
        fields = {}
        for table, cls in kinds.items():
            rows = self.conn.execute(f"SELECT data FROM {table} WHERE article_id = ? ORDER BY rowid", (article_id,))
            fields[table] = [cls.model_validate_json(row[0]) for row in rows]
        return ExtractionResult(article=article, **fields)

    def iter_results(self) -> Iterator[ExtractionResult]:
        ids = [row[0] for row in self.conn.execute(
            "SELECT id FROM articles WHERE processed_at IS NOT NULL ORDER BY seq")]
        for article_id in ids:
            result = self.get_result(article_id)
            if result is not None:
                yield result

    # ------------------------------------------------------------ events

    def _event_where(self, flt: EventFilter, table: str = "events") -> tuple[str, list]:
        clauses, params = [], []
        if flt.event_type:
            clauses.append("lower(event_type) = lower(?)")
            params.append(flt.event_type)
        if flt.sub_event_type:
            clauses.append("lower(sub_event_type) = lower(?)")
            params.append(flt.sub_event_type)
        if flt.actor:
            clauses.append("actors LIKE ? ESCAPE '\\'")
            params.append(f"%{_like_escape(flt.actor)}%")
        if flt.place:
            clauses.append("place_name LIKE ? ESCAPE '\\'")
            params.append(f"%{_like_escape(flt.place)}%")
        if flt.since:
            clauses.append("(time_end IS NULL OR time_end > ?)")
            params.append(flt.since.isoformat() + "T00:00:00")
        if flt.until:
            clauses.append("(time_start IS NULL OR time_start <= ?)")
            params.append(flt.until.isoformat() + "T23:59:59")
        if flt.bbox:
            min_lon, min_lat, max_lon, max_lat = flt.bbox
            clauses.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
            params.extend([min_lon, max_lon, min_lat, max_lat])
        matching_articles = ("SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
                             " WHERE articles_fts MATCH ?")
        if flt.text:
            if table == "events":
                clauses.append(f"article_id IN ({matching_articles})")
            else:
                clauses.append("id IN (SELECT r.merged_id FROM merged_event_reports r JOIN events e ON"
                               f" e.id = r.event_id WHERE e.article_id IN ({matching_articles}))")
            params.append(fts_query(flt.text))
        if flt.verified_only:
            clauses.append("verified = 1")
        if not flt.include_historical:
            clauses.append("historical = 0 AND negated = 0 AND hypothetical = 0" if table == "events"
                           else "current = 1")
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def list_events(self, flt: EventFilter) -> list[Event]:
        return [Event.model_validate_json(data) for data in self.list_events_json(flt)]

    def list_events_json(self, flt: EventFilter) -> list[str]:
        where, params = self._event_where(flt)
        sql = f"SELECT data FROM events {where} ORDER BY time_start DESC, id LIMIT ? OFFSET ?"
        return [row[0] for row in self.conn.execute(sql, [*params, flt.limit, flt.offset])]

    def count_events(self, flt: EventFilter) -> int:
        where, params = self._event_where(flt)
        return self.conn.execute(f"SELECT count(*) FROM events {where}", params).fetchone()[0]

    def get_event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        return Event.model_validate_json(row[0]) if row else None

    def replace_merged_events(self, merged: Iterable[MergedEvent]) -> int:
        count = 0
        with self.transaction() as conn:
            conn.execute("DELETE FROM merged_event_reports")
            conn.execute("DELETE FROM merged_events")
            for m in merged:
                e = m.event
                conn.execute(
                    "INSERT INTO merged_events (id, event_type, sub_event_type, actors, place_name, latitude,"
                    " longitude, time_start, time_end, historical, current, corroboration, data)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        m.id, e.event_type, e.sub_event_type, self._actor_names(e),
                        e.place and (e.place.name or e.place.text), e.place and e.place.latitude,
                        e.place and e.place.longitude,
                        e.time.start.isoformat() if e.time and e.time.start else None,
                        e.time.end.isoformat() if e.time and e.time.end else None,
                        int(e.historical), int(e.current), m.corroboration, m.model_dump_json(),
                    ),
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO merged_event_reports (merged_id, event_id) VALUES (?, ?)",
                    [(m.id, rid) for rid in m.report_ids],
                )
                conn.execute(
                    "UPDATE merged_events SET verified = coalesce((SELECT max(e.verified) FROM merged_event_reports"
                    " r JOIN events e ON e.id = r.event_id WHERE r.merged_id = ?), 0) WHERE id = ?", (m.id, m.id))
                count += 1
        return count

    def list_merged_events(self, flt: EventFilter) -> list[MergedEvent]:
        where, params = self._event_where(flt, table="merged_events")
        rows = self.conn.execute(
            f"SELECT data FROM merged_events {where} ORDER BY time_start DESC, id LIMIT ? OFFSET ?",
            [*params, flt.limit, flt.offset],
        )
        return [MergedEvent.model_validate_json(row[0]) for row in rows]

    def get_merged_event(self, merged_id: str) -> MergedEvent | None:
        row = self.conn.execute("SELECT data FROM merged_events WHERE id = ?", (merged_id,)).fetchone()
        return MergedEvent.model_validate_json(row[0]) if row else None

    def merged_event_for(self, event_id: str) -> MergedEvent | None:
        row = self.conn.execute(
            "SELECT m.data FROM merged_events m JOIN merged_event_reports r ON r.merged_id = m.id"
            " WHERE r.event_id = ?", (event_id,)).fetchone()
        return MergedEvent.model_validate_json(row[0]) if row else None

    # ------------------------------------------------------------ lookups

    def search_articles(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        rows = self.conn.execute(
            "SELECT a.*, snippet(articles_fts, 1, '[', ']', '…', 16) AS snip FROM articles_fts"
            " JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (fts_query(query), limit),
        )
        return [(self._article(row), row["snip"]) for row in rows]

    def actors(self, limit: int = 200) -> list[dict]:
        rows = self.conn.execute(
            "SELECT actor1 AS name, count(*) AS events FROM events WHERE actor1 IS NOT NULL AND historical = 0"
            " GROUP BY actor1 ORDER BY events DESC, name LIMIT ?", (limit,))
        return [dict(row) for row in rows]

    def places(self, limit: int = 200) -> list[dict]:
        rows = self.conn.execute(
            "SELECT name, country, geonames_id, latitude, longitude, count(*) AS mentions FROM places"
            " GROUP BY coalesce(geonames_id, name) ORDER BY mentions DESC, name LIMIT ?", (limit,))
        return [dict(row) for row in rows]

    def summary(self) -> dict:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        by_type = {
            (f"{row[0]} / {row[1]}" if row[0] else f"PLOVER {row[2] or '?'}"): row[3]
            for row in self.conn.execute(
                "SELECT event_type, sub_event_type, plover_category, count(*) FROM events WHERE historical = 0"
                " AND negated = 0 AND hypothetical = 0 GROUP BY event_type, sub_event_type,"
                " CASE WHEN event_type IS NULL THEN plover_category END ORDER BY count(*) DESC")
        }
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "processed": one("SELECT count(*) FROM articles WHERE processed_at IS NOT NULL"),
            "entities": one("SELECT count(*) FROM mentions"),
            "places": one("SELECT count(*) FROM places"),
            "times": one("SELECT count(*) FROM times"),
            "quantities": one("SELECT count(*) FROM quantities"),
            "claims": one("SELECT count(*) FROM claims"),
            "events": one("SELECT count(*) FROM events"),
            "current_events": one("SELECT count(*) FROM events WHERE historical = 0 AND negated = 0"
                                  " AND hypothetical = 0"),
            "merged_events": one("SELECT count(*) FROM merged_events"),
            "events_by_type": by_type,
        }


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
