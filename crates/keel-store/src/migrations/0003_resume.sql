-- Migration 3: where the user was in each assessment's walk-through, so reopening resumes there.
-- Kept apart from `assessment` because a final assessment's row is locked, and looking at a
-- final assessment still moves the user's place. Never edit once shipped.

CREATE TABLE resume (
    assessment_id INTEGER PRIMARY KEY REFERENCES assessment (id) ON DELETE CASCADE,
    node          TEXT NOT NULL,
    at            TEXT NOT NULL
) STRICT;
