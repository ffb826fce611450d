-- Article ids (KB-000001, …) and change sequences from the database, not from one process's counters: instances
-- sharing the database take numbers from these sequences and never give one twice. Seeded from what is stored.
CREATE SEQUENCE article_numbers;
CREATE SEQUENCE article_sequence;
SELECT setval('article_numbers', coalesce((SELECT max(substring(id FROM 4)::bigint) FROM articles WHERE id ~ '^KB-[0-9]+$'), 0) + 1, false);
SELECT setval('article_sequence', coalesce((SELECT max(sequence) FROM articles), 0) + 1, false);
