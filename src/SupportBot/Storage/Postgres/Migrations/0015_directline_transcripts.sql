-- Direct Line transcripts, shared by every instance. `count` is the conversation's last activity number (its
-- watermark): an append raises it under the row's lock and inserts the activity with that number, so two instances
-- appending at once take turns and never give one number twice or leave a gap. An activity is kept as the JSON text
-- the widget is sent: it is only ever read whole.
CREATE TABLE dl_conversations (
    id           text PRIMARY KEY,
    user_id      text NOT NULL,
    user_name    text,
    count        integer NOT NULL DEFAULT 0,
    created      timestamptz NOT NULL,
    last_active  timestamptz NOT NULL
);
CREATE INDEX dl_conversations_last_active ON dl_conversations (last_active);

CREATE TABLE dl_activities (
    conversation_id  text NOT NULL REFERENCES dl_conversations (id) ON DELETE CASCADE,
    sequence         integer NOT NULL,
    activity         text NOT NULL,
    PRIMARY KEY (conversation_id, sequence)
);

-- Transcripts kept before this migration were bot_state rows ('directline/{id}' the header, 'directline/{id}/{n}' each
-- activity, 'directline/conversations' the index): moved here, so a widget reconnecting after the upgrade carries on.
INSERT INTO dl_conversations (id, user_id, user_name, count, created, last_active)
SELECT state->>'id', state->>'userId', state->>'userName', (state->>'count')::integer,
       (state->>'created')::timestamptz, (state->>'lastActive')::timestamptz
FROM bot_state
WHERE key ~ '^directline/[^/]+$' AND key <> 'directline/conversations' AND state IS NOT NULL;

INSERT INTO dl_activities (conversation_id, sequence, activity)
SELECT split_part(key, '/', 2), split_part(key, '/', 3)::integer, state::text
FROM bot_state
WHERE key ~ '^directline/[^/]+/[0-9]+$' AND state IS NOT NULL
  AND split_part(key, '/', 2) IN (SELECT id FROM dl_conversations);

DELETE FROM bot_state WHERE key LIKE 'directline/%';
