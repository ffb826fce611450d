-- A form's Submit files one ticket (its form id is the idempotency key). One instance checks that in its turn; two
-- instances given the same Submit at once would both find no ticket of the form, so the database refuses the second
-- (a unique index; that transaction fails as a conflict and its turn, run again, finds the first one's ticket).
-- A database that already holds two tickets of one form (filed before issue 18's fix) keeps the plain index: the
-- migration must not stop the start over old data; the turn's own check still holds within one instance.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM tickets WHERE form_id IS NOT NULL GROUP BY form_id HAVING count(*) > 1) THEN
        DROP INDEX tickets_form;
        CREATE UNIQUE INDEX tickets_form ON tickets (form_id) WHERE form_id IS NOT NULL;
    END IF;
END
$$;
