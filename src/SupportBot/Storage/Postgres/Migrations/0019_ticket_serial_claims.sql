-- Ticket serials are claimed in the database before the ticket's transaction, so instances sharing it never pick
-- the same one (PgTicketSerials). A claim lives until its ticket commits (the claim row is deleted in the ticket's
-- transaction), is given back when the creation rolls back (until = NULL: free now), or is free once its instance is
-- gone (the holder's advisory lock is no longer held) or its time ran out (until in the past): the next creation of
-- that day takes it again, so the day keeps no gap.
-- ticket_days.last becomes the day's highest serial ever claimed (it was the highest committed; the same at this point).
CREATE TABLE ticket_serial_claims (
    day     date NOT NULL,
    serial  integer NOT NULL,
    token   uuid,
    until   timestamptz,
    holder  integer,
    PRIMARY KEY (day, serial)
);

-- Holes the earlier numbering left (a creation that died before its commit) were found by reading the day again;
-- now they are free claims. Only today and yesterday are ever numbered, so only they are looked at.
INSERT INTO ticket_serial_claims (day, serial)
SELECT d.day, s.serial
FROM ticket_days d
CROSS JOIN LATERAL generate_series(1, d.last) AS s(serial)
WHERE d.day >= current_date - 1
  AND NOT EXISTS (SELECT 1 FROM ticket_serials t WHERE t.day = d.day AND t.serial = s.serial);
