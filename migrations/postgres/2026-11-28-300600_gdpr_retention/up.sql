-- Data protection: erasure requests by volunteers, the record of every
-- erasure (who, when, why; kept when the audit log is purged), and the
-- retention settings (single row).
CREATE TABLE erasure_requests (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    requested_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'rejected')),
    handled_at TIMESTAMP,
    handled_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX erasure_requests_status ON erasure_requests (status, requested_at);
CREATE INDEX erasure_requests_user ON erasure_requests (user_id);

CREATE TABLE erasures (
    volunteer_id INTEGER PRIMARY KEY NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    erased_at TIMESTAMP NOT NULL,
    -- NULL: the system (retention task).
    erased_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reason TEXT NOT NULL CHECK (reason IN ('request', 'admin', 'retention'))
);

CREATE TABLE retention_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- Former volunteers are anonymised this many months after volunteers.left_on.
    former_volunteer_months INTEGER NOT NULL DEFAULT 24,
    -- Audit entries older than this many months are purged.
    audit_months INTEGER NOT NULL DEFAULT 36,
    last_run_at TIMESTAMP
);
INSERT INTO retention_settings (id) VALUES (1);
