-- Migration 2: assessments and their content, KPIs, the audit log. Never edit once shipped.

CREATE TABLE organisation_site (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    UNIQUE (organisation_id, name)
) STRICT;

-- Framework snapshots, one row per content hash: an assessment points at the exact version.
CREATE TABLE framework (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL,
    version      TEXT NOT NULL,
    title        TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    snapshot     TEXT NOT NULL,
    imported     INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE assessment (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    framework_id    INTEGER NOT NULL REFERENCES framework (id),
    period          INTEGER NOT NULL,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    scope           TEXT NOT NULL DEFAULT '',
    profile         TEXT NOT NULL DEFAULT 'default',
    custom_profile  TEXT,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'consensus', 'final')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX assessment_organisation ON assessment (organisation_id, period);

CREATE TABLE assessor (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
    key           TEXT NOT NULL CHECK (length(trim(key)) > 0),
    name          TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT '',
    UNIQUE (assessment_id, key)
) STRICT;

-- One row per assessor per node; assessor_id NULL is the agreed (consensus) score.
CREATE TABLE score (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
    assessor_id   INTEGER REFERENCES assessor (id) ON DELETE CASCADE,
    node          TEXT NOT NULL,
    score         TEXT NOT NULL,
    rationale     TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX score_per_assessor ON score (assessment_id, node, assessor_id) WHERE assessor_id IS NOT NULL;
CREATE UNIQUE INDEX score_consensus ON score (assessment_id, node) WHERE assessor_id IS NULL;

CREATE TABLE note (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
    node          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('evidence', 'strength', 'improvement')),
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    assessor_id   INTEGER REFERENCES assessor (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL
) STRICT;

-- Attachment files live in the data folder, named by their SHA-256.
CREATE TABLE attachment (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
    node          TEXT NOT NULL,
    name          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    size          INTEGER NOT NULL CHECK (size >= 0),
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE action (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
    node          TEXT,
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner         TEXT NOT NULL DEFAULT '',
    due           TEXT,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress', 'done', 'cancelled')),
    completed_on  TEXT,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE kpi (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    key             TEXT NOT NULL,
    name            TEXT NOT NULL,
    stakeholder     TEXT NOT NULL CHECK (stakeholder IN ('customers', 'people', 'owners', 'partners', 'society', 'regulators')),
    unit            TEXT NOT NULL DEFAULT '',
    direction       TEXT NOT NULL CHECK (direction IN ('higher-is-better', 'lower-is-better')),
    target          REAL,
    financial       INTEGER NOT NULL DEFAULT 0 CHECK (financial IN (0, 1)),
    UNIQUE (organisation_id, key)
) STRICT;

CREATE TABLE kpi_value (
    kpi_id INTEGER NOT NULL REFERENCES kpi (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    value  REAL NOT NULL,
    PRIMARY KEY (kpi_id, period)
) STRICT;

CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
) STRICT;

-- A final assessment is locked. keel-store checks first to give a clear error; these triggers
-- make sure nothing gets past, whatever writes to the file.
CREATE TRIGGER assessment_final_locked BEFORE UPDATE ON assessment
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER assessment_final_undeletable BEFORE DELETE ON assessment
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER assessor_insert_final_locked BEFORE INSERT ON assessor
WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER assessor_update_final_locked BEFORE UPDATE ON assessor
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER assessor_delete_final_locked BEFORE DELETE ON assessor
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER score_insert_final_locked BEFORE INSERT ON score
WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER score_update_final_locked BEFORE UPDATE ON score
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER score_delete_final_locked BEFORE DELETE ON score
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER note_insert_final_locked BEFORE INSERT ON note
WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER note_update_final_locked BEFORE UPDATE ON note
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER note_delete_final_locked BEFORE DELETE ON note
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER attachment_insert_final_locked BEFORE INSERT ON attachment
WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER attachment_update_final_locked BEFORE UPDATE ON attachment
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER attachment_delete_final_locked BEFORE DELETE ON attachment
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER action_insert_final_locked BEFORE INSERT ON action
WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER action_update_final_locked BEFORE UPDATE ON action
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
CREATE TRIGGER action_delete_final_locked BEFORE DELETE ON action
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'assessment is final'); END;
