-- Migration 4: text the user typed but has not committed yet (a note not yet added, an override
-- or N/A reason not yet saved), per assessment and field, so closing the window loses nothing.
-- Kept apart from the assessment's content: a draft changes no score and is not exported.
-- Never edit once shipped.

CREATE TABLE draft (
    assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
    field         TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 200),
    text          TEXT NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (assessment_id, field)
) STRICT;
