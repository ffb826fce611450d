-- Each WebSocket opening on a conversation takes the next number here (and announces it): the stream with the highest
-- number is the conversation's one stream on every instance, and an older one, wherever it is held, closes with
-- `collision`, as a second stream on one instance always closed the first.
ALTER TABLE dl_conversations ADD COLUMN streams integer NOT NULL DEFAULT 0;
