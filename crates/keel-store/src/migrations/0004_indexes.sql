-- Migration 4: the indexes Keel's queries filter on (issue 17), so that no screen or command
-- reads a whole table to find one assessment's rows. Checked by tests/query_plans.rs with
-- EXPLAIN QUERY PLAN. Never edit once shipped.

-- An assessment's scores of every kind: loading it whole (Results, Compare, the PDF load one per
-- year), and the foreign-key work when an assessment is added or removed. The two partial
-- indexes of migration 2 serve only queries that say which kind of score they want.
CREATE INDEX score_assessment ON score (assessment_id);
-- Notes, actions and attachments are read per assessment (and deleted with it).
CREATE INDEX note_assessment ON note (assessment_id);
CREATE INDEX action_assessment ON action (assessment_id);
CREATE INDEX attachment_assessment ON attachment (assessment_id);
-- Removing an assessor removes their scores and unlinks their notes.
CREATE INDEX score_assessor ON score (assessor_id) WHERE assessor_id IS NOT NULL;
CREATE INDEX note_assessor ON note (assessor_id) WHERE assessor_id IS NOT NULL;
-- Which assessments use a framework snapshot.
CREATE INDEX assessment_framework ON assessment (framework_id);
-- The full list, newest period first.
CREATE INDEX assessment_period ON assessment (period DESC, id DESC);
