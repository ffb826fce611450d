-- Triage channels bound from chat, by the team's key in upper case; few rows, read by key.
CREATE TABLE triage_channels (
    key              text PRIMARY KEY,
    team             text NOT NULL,
    channel_id       text NOT NULL,
    service_url      text NOT NULL,
    conversation_id  text NOT NULL,
    locale           text NOT NULL,
    bot_id           text,
    tenant_id        text
);
