-- Migration 6: text the user typed but has not committed yet (a note not yet added, an override
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

-- An action plan lives on after its assessment is final: the status (and the completion date it
-- brings) stays editable; the rest of a final assessment's actions stays locked.
DROP TRIGGER action_update_final_locked;
CREATE TRIGGER action_update_final_locked BEFORE UPDATE ON action
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
 AND (NEW.title IS NOT OLD.title OR NEW.owner IS NOT OLD.owner OR NEW.due IS NOT OLD.due
      OR NEW.node IS NOT OLD.node OR NEW.assessment_id IS NOT OLD.assessment_id
      OR NEW.created_at IS NOT OLD.created_at)
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
