-- Several instances drain one outbox: a row is leased by the instance delivering it (`leased_by`) until
-- `lease_until`; another instance claims it only once the lease ran out (that instance died). Only the oldest pending
-- row of a key is ever claimed, so a key's rows go out in order and no key is in two instances' hands at once: the
-- index finds whether a row has an earlier pending row of its key.
ALTER TABLE outbox ADD COLUMN leased_by text, ADD COLUMN lease_until timestamptz;
CREATE INDEX outbox_pending_key ON outbox (key, id) WHERE state = 'pending';
