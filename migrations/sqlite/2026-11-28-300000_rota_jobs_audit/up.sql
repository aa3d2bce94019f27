-- Durable background jobs (rota generation), rota revisions and solver
-- reports, and the audit log.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    -- JSON parameters of the job (week, scope, options).
    params TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    -- JSON progress (components solved, best score, bound, gap), rewritten while running.
    progress TEXT,
    -- JSON result (e.g. the id of the rota written).
    result TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    heartbeat_at TIMESTAMP,
    finished_at TIMESTAMP
);
CREATE INDEX jobs_status ON jobs (status, created_at);

-- Optimistic concurrency for edits: every change bumps the revision.
ALTER TABLE rotas ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
-- JSON: the solver's status, score, bound, gap, seconds, changes and the
-- explained uncovered runs of the generation that produced this version.
ALTER TABLE rotas ADD COLUMN solver_report TEXT;
-- The generation job that wrote this version (no foreign key: jobs may be purged).
ALTER TABLE rotas ADD COLUMN job_id INTEGER;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- e.g. 'rota.publish', 'volunteer.view', 'volunteer.update'.
    action TEXT NOT NULL,
    -- e.g. 'rota', 'volunteer', 'centre'.
    target_kind TEXT NOT NULL,
    target_id TEXT,
    centre_id INTEGER REFERENCES centres(id) ON DELETE SET NULL,
    -- Free text or JSON without personal data (ids, counts, field names).
    details TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_target ON audit_log (target_kind, target_id);
