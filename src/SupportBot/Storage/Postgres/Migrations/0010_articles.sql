-- Knowledge articles: the whole article as `jsonb` (read and written whole), with the version a save is checked
-- against and the change sequence the search index catches up from in columns of their own.
CREATE TABLE articles (
    id        text PRIMARY KEY,
    version   integer NOT NULL,
    sequence  bigint NOT NULL,
    article   jsonb NOT NULL
);
CREATE INDEX articles_sequence ON articles (sequence);
