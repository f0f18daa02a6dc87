-- kilde schema v4: a merged event is verified when at least one of its reports is (unhedged, and no claim behind
-- it unconfirmed or denied), so "verified only" works for the merged view too.
ALTER TABLE merged_events ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
UPDATE merged_events SET verified = coalesce((
    SELECT max(e.verified) FROM merged_event_reports r JOIN events e ON e.id = r.event_id
    WHERE r.merged_id = merged_events.id), 0);
