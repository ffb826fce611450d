-- When each ticket next owes a reminder; the reminder job reads the earliest ones.
CREATE TABLE reminder_wake_ups (
    number  text PRIMARY KEY,
    at      timestamptz NOT NULL
);
CREATE INDEX reminder_wake_ups_at ON reminder_wake_ups (at);
