-- Migration 7: an agreed score carried over from last year's assessment into next year's draft
-- is marked until the user confirms or changes it (any new score for the node replaces the row
-- and so clears the mark). The mark changes no score and is not exported.
-- Never edit once shipped.

ALTER TABLE score ADD COLUMN carried INTEGER NOT NULL DEFAULT 0 CHECK (carried IN (0, 1));
