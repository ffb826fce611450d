-- Conversation references, so proactive messages reach people after a restart: by conversation, and for a personal
-- chat also by the user's channel id, their AAD object id and their name in upper case (filing for someone by name).
-- The reference itself is the channel's JSON, kept as text: it is only read whole.
CREATE TABLE conversation_refs (
    key            text PRIMARY KEY,
    personal_user  text,
    personal_aad   text,
    personal_name  text,
    reference      text NOT NULL
);
CREATE INDEX conversation_refs_user ON conversation_refs (personal_user) WHERE personal_user IS NOT NULL;
CREATE INDEX conversation_refs_aad ON conversation_refs (personal_aad) WHERE personal_aad IS NOT NULL;
CREATE INDEX conversation_refs_name ON conversation_refs (personal_name) WHERE personal_name IS NOT NULL;
