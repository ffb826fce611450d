-- Files attached to tickets (web chat uploads copied when they join a ticket), kept for as long as the ticket.
CREATE TABLE ticket_files (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    content_type  text NOT NULL,
    content       bytea NOT NULL
);
