-- SupportBot's first PostgreSQL schema: bot state, tickets and their numbering, card posts, idempotency records.

-- Bot state: the dialog engine's JSON kept as `json`, not `jsonb`, because the engine gets its text back byte for byte
-- (as on LiteDB) and nothing here queries inside it. `handled` holds the hashes of the last activities the conversation
-- handled (redeliveries are not run again); a row may carry only that once its state is deleted.
CREATE TABLE bot_state (
    key      text PRIMARY KEY,
    state    json,
    etag     text,
    handled  bigint[] NOT NULL DEFAULT '{}'
);

-- Tickets: the whole ticket as `jsonb` (it is read and written whole, and its shape grows with the product), and every
-- field a query filters or sorts on copied into a column of its own, so each query has a plain b-tree index and the
-- planner sees real statistics rather than expression guesses.
CREATE TABLE tickets (
    number                text PRIMARY KEY,
    version               integer NOT NULL,
    status                text NOT NULL,
    team                  text NOT NULL,
    assignee              text,
    reporter_id           text,
    form_id               text,
    reporter_channel      text,
    reporter_conversation text,
    submitted_at          timestamptz NOT NULL,
    closed_at             timestamptz,
    next_due_at           timestamptz,
    ticket                jsonb NOT NULL
);
CREATE INDEX tickets_status ON tickets (status, submitted_at DESC);
CREATE INDEX tickets_team ON tickets (team, status, assignee);
CREATE INDEX tickets_assignee ON tickets (assignee, submitted_at DESC);
CREATE INDEX tickets_reporter ON tickets (reporter_id, submitted_at DESC);
CREATE INDEX tickets_form ON tickets (form_id) WHERE form_id IS NOT NULL;
CREATE INDEX tickets_reporter_conversation ON tickets (reporter_conversation) WHERE reporter_conversation IS NOT NULL;
CREATE INDEX tickets_submitted ON tickets (submitted_at);
CREATE INDEX tickets_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX tickets_next_due ON tickets (next_due_at) WHERE next_due_at IS NOT NULL;

-- Numbering: one counter row per day, upserted in the ticket's own transaction (its row lock makes instances take
-- turns), and one row per serial used, whose key refuses a serial twice. A rollback takes both back with the ticket.
CREATE TABLE ticket_days (
    day   date PRIMARY KEY,
    last  integer NOT NULL
);
CREATE TABLE ticket_serials (
    day     date NOT NULL,
    serial  integer NOT NULL,
    number  text NOT NULL,
    PRIMARY KEY (day, serial)
);

-- Card posts: every message that shows a ticket, so a change can replace them all.
CREATE TABLE card_posts (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number  text NOT NULL,
    post    jsonb NOT NULL
);
CREATE INDEX card_posts_number ON card_posts (number, id);

-- Idempotency records: what took effect already, by a short hash of its key, forgotten after a day.
CREATE TABLE idempotency (
    key  text PRIMARY KEY,
    at   timestamptz NOT NULL
);
CREATE INDEX idempotency_at ON idempotency (at);

-- What /healthz commits to see that commits work.
CREATE TABLE health_probe (
    id  integer PRIMARY KEY,
    at  timestamptz NOT NULL
);
