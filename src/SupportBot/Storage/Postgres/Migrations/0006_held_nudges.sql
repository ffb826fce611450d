-- Nudges held back to be combined into one message per engineer, one row per delivery key; few and short-lived.
CREATE TABLE held_nudges (
    key       text PRIMARY KEY,
    engineer  text NOT NULL,
    number    text NOT NULL,
    flush_at  timestamptz NOT NULL,
    nudge     jsonb NOT NULL
);
CREATE INDEX held_nudges_engineer ON held_nudges (engineer);
CREATE INDEX held_nudges_number ON held_nudges (number);
