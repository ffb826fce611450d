-- Files visitors upload in web chat, served to whichever instance the browser asks; they go with their conversation.
-- (A file that joins a ticket is copied to ticket_files and outlives it.)
CREATE TABLE dl_files (
    conversation_id  text NOT NULL REFERENCES dl_conversations (id) ON DELETE CASCADE,
    id               text NOT NULL,
    content_type     text NOT NULL,
    content          bytea NOT NULL,
    PRIMARY KEY (conversation_id, id)
);
