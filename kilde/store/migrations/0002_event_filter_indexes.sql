-- kilde schema v2: indexes for GET /api/events and the map (kilde.serve), measured with benchmarks/bench_api.py.
-- Current events (historical = negated = hypothetical = 0) are what the API lists by default, so each index
-- leads with those flags; time_start lets SQLite walk newest-first; the trailing columns let it test the
-- actor/place LIKE, date and verified filters on the index before it reads an event's JSON.
CREATE INDEX events_current ON events(historical, negated, hypothetical, time_start, actors, place_name, time_end,
                                      verified);
CREATE INDEX events_type_current ON events(lower(event_type), historical, negated, hypothetical, time_start,
                                           verified);
CREATE INDEX events_subtype_current ON events(lower(sub_event_type), historical, negated, hypothetical,
                                              time_start, verified);
CREATE INDEX events_geo_current ON events(historical, negated, hypothetical, latitude, longitude);

CREATE INDEX merged_events_current ON merged_events(current, time_start, actors, place_name, time_end);
CREATE INDEX merged_events_type_current ON merged_events(lower(event_type), current, time_start);
CREATE INDEX merged_events_subtype_current ON merged_events(lower(sub_event_type), current, time_start);
CREATE INDEX merged_events_geo_current ON merged_events(current, latitude, longitude);
