-- Volunteers, their centres, training records and availability.
CREATE TABLE volunteers (
    id INTEGER PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    external_id TEXT NOT NULL UNIQUE,
    max_minutes_week INTEGER,
    max_shifts_week INTEGER,
    min_minutes_month INTEGER,
    training_minutes_target INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'active',
    left_on DATE
);

CREATE TABLE volunteer_centres (
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    centre_id INTEGER NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (volunteer_id, centre_id)
);
CREATE INDEX volunteer_centres_centre ON volunteer_centres (centre_id);

CREATE TABLE qualifications (
    id INTEGER PRIMARY KEY NOT NULL,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    obtained_on DATE,
    valid_until DATE
);
CREATE INDEX qualifications_volunteer ON qualifications (volunteer_id);

CREATE TABLE trainees (
    id INTEGER PRIMARY KEY NOT NULL,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    target_mentored_minutes INTEGER NOT NULL DEFAULT 0,
    started_on DATE,
    UNIQUE (volunteer_id, skill_id)
);

CREATE TABLE availability_patterns (
    id INTEGER PRIMARY KEY NOT NULL,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
    end_minute INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 2880),
    preferred BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX availability_patterns_volunteer ON availability_patterns (volunteer_id);

CREATE TABLE availability_exceptions (
    id INTEGER PRIMARY KEY NOT NULL,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('absent', 'extra')),
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    start_minute INTEGER,
    end_minute INTEGER,
    start_utc TIMESTAMP,
    end_utc TIMESTAMP,
    preferred BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX availability_exceptions_volunteer ON availability_exceptions (volunteer_id, start_date);
