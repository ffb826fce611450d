-- The weekly review's ledger: one row per review handed to the outbox, inserted in the same transaction as its
-- outbox rows; its key is the claim, so a second trigger or another instance sends a review once.
CREATE TABLE reviews (
    key  text PRIMARY KEY,
    at   timestamptz NOT NULL
);

-- Values the review keeps once per database, the first writer's: when reviews began, the link-signing key.
CREATE TABLE review_values (
    name   text PRIMARY KEY,
    value  text NOT NULL
);
