-- Direct Line stream tickets already used, until they expire: a ticket opens one WebSocket, on whichever instance.
CREATE TABLE dl_stream_tickets (
    id          text PRIMARY KEY,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX dl_stream_tickets_expires ON dl_stream_tickets (expires_at);
