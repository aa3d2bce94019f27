-- Training (issue #7): prerequisites, the path from trainee to qualified,
-- sessions, invitations, attendance and sign-offs.
CREATE TABLE skill_prerequisites (
    skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    requires_skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    PRIMARY KEY (skill_id, requires_skill_id),
    CHECK (skill_id <> requires_skill_id)
);

-- Ordered steps from trainee to qualified: 'course' (a granting session),
-- 'mentored' (minutes on duty beside a staff volunteer), 'signoff'.
CREATE TABLE training_path_steps (
    id INTEGER PRIMARY KEY NOT NULL,
    skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('course', 'mentored', 'signoff')),
    mentored_minutes INTEGER,
    UNIQUE (skill_id, position)
);

-- A session: organised by a centre (its time zone), held there or remote.
CREATE TABLE training_sessions (
    id INTEGER PRIMARY KEY NOT NULL,
    skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    centre_id INTEGER NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    remote BOOLEAN NOT NULL DEFAULT FALSE,
    start_utc TIMESTAMP NOT NULL,
    end_utc TIMESTAMP NOT NULL,
    trainer TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    grants TEXT NOT NULL CHECK (grants IN ('renew', 'grant')),
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK (start_utc < end_utc)
);
CREATE INDEX training_sessions_centre ON training_sessions (centre_id, start_utc);

-- One seat offered to a volunteer: invited → accepted | declined.
CREATE TABLE training_invitations (
    id INTEGER PRIMARY KEY NOT NULL,
    session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('invited', 'accepted', 'declined')),
    horizon DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    responded_at TIMESTAMP,
    UNIQUE (session_id, volunteer_id)
);
CREATE INDEX training_invitations_volunteer ON training_invitations (volunteer_id);

-- Who attended, recorded by whom and when, and what it changed.
CREATE TABLE training_attendance (
    id INTEGER PRIMARY KEY NOT NULL,
    session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    attended BOOLEAN NOT NULL,
    recorded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    recorded_at TIMESTAMP NOT NULL,
    previous_valid_until DATE,
    new_valid_until DATE,
    UNIQUE (session_id, volunteer_id)
);

-- The coordinator's sign-off that ends a trainee's path.
CREATE TABLE training_signoffs (
    id INTEGER PRIMARY KEY NOT NULL,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    signed_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    signed_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
