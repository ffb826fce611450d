-- The transactional outbox: proactive messages written in the transaction of the change they announce.
-- `id` is the order rows were written in (a key's rows go out in that order); `payload` is the message as `jsonb`.
-- The dispatcher reads pending rows by id and housekeeping deletes old delivered ones: a partial index each, so
-- neither grows with the rows the other keeps. Parked rows are counted rarely (health, tests): no index of their own.
CREATE TABLE outbox (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text NOT NULL,
    key           text NOT NULL,
    payload       jsonb NOT NULL,
    state         text NOT NULL,
    due           timestamptz NOT NULL,
    attempts      integer NOT NULL DEFAULT 0,
    done          integer NOT NULL DEFAULT 0,
    last_error    text,
    delivered_at  timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE state = 'pending';
CREATE INDEX outbox_delivered ON outbox (delivered_at) WHERE state = 'delivered';
