-- Deflection records: the articles offered during one intake and what the reporter said, keyed by the intake form.
-- The record is `jsonb` (read and written whole); the weekly review reads offers by time, hence `offered_at`.
CREATE TABLE deflections (
    id          text PRIMARY KEY,
    offered_at  timestamptz NOT NULL,
    record      jsonb NOT NULL
);
CREATE INDEX deflections_offered_at ON deflections (offered_at);
