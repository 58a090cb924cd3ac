-- Migration 4: tamper-evident records. A final assessment carries the seal made at finalisation
-- (SHA-256 over its canonical exchange content, see keel_core::seal); each audit entry carries a
-- hash over the previous entry's hash and its own fields. Never edit once shipped.

ALTER TABLE assessment ADD COLUMN seal TEXT;
ALTER TABLE assessment ADD COLUMN sealed_at TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;

-- A final assessment stays locked; the one change allowed is giving an unsealed one its seal.
DROP TRIGGER assessment_final_locked;
CREATE TRIGGER assessment_final_locked BEFORE UPDATE ON assessment
WHEN OLD.status = 'final' AND NOT (
    OLD.seal IS NULL AND NEW.seal IS NOT NULL AND NEW.status = 'final'
    AND NEW.uid = OLD.uid AND NEW.organisation_id = OLD.organisation_id AND NEW.framework_id = OLD.framework_id
    AND NEW.period = OLD.period AND NEW.title = OLD.title AND NEW.scope = OLD.scope
    AND NEW.profile = OLD.profile AND NEW.custom_profile IS OLD.custom_profile
)
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;

-- The audit log only grows.
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
WHEN OLD.hash IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the audit log only grows'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log only grows'); END;
