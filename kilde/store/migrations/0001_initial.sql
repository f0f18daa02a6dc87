-- kilde schema v1: articles with full-text search, per-article records, events, merged events.
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    source TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    published_precision TEXT,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    origin TEXT,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    processed_at TEXT,
    pipeline_version TEXT
);
CREATE INDEX articles_unprocessed ON articles(processed_at) WHERE processed_at IS NULL;
CREATE INDEX articles_published ON articles(published);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

-- One table per record kind; `data` holds the record's JSON, the other columns are for filtering.
CREATE TABLE mentions (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    label TEXT, text TEXT, canonical_id TEXT,
    data TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE places (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT, country TEXT, geonames_id INTEGER, latitude REAL, longitude REAL,
    data TEXT NOT NULL
);
CREATE INDEX places_article ON places(article_id);

CREATE TABLE times (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    data TEXT NOT NULL
);
CREATE INDEX times_article ON times(article_id);

CREATE TABLE quantities (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    data TEXT NOT NULL
);
CREATE INDEX quantities_article ON quantities(article_id);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker TEXT, verification TEXT,
    data TEXT NOT NULL
);
CREATE INDEX claims_article ON claims(article_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_type TEXT, sub_event_type TEXT, plover_category TEXT,
    actor1 TEXT, actor2 TEXT, actors TEXT,
    place_name TEXT, country TEXT, latitude REAL, longitude REAL,
    time_start TEXT, time_end TEXT,
    historical INTEGER NOT NULL DEFAULT 0,
    negated INTEGER NOT NULL DEFAULT 0,
    hypothetical INTEGER NOT NULL DEFAULT 0,
    verified INTEGER NOT NULL DEFAULT 0,
    confidence REAL,
    data TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(event_type, sub_event_type);
CREATE INDEX events_time ON events(time_start);
CREATE INDEX events_geo ON events(latitude, longitude);

CREATE TABLE merged_events (
    id TEXT PRIMARY KEY,
    event_type TEXT, sub_event_type TEXT,
    actors TEXT, place_name TEXT, latitude REAL, longitude REAL,
    time_start TEXT, time_end TEXT,
    historical INTEGER NOT NULL DEFAULT 0,
    current INTEGER NOT NULL DEFAULT 1,
    corroboration INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL
);
CREATE INDEX merged_events_time ON merged_events(time_start);

CREATE TABLE merged_event_reports (
    merged_id TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (merged_id, event_id)
);
CREATE INDEX merged_event_reports_event ON merged_event_reports(event_id);
