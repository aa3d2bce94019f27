-- Organisation, centres, skills and accounts.
CREATE TABLE org_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    organisation_name TEXT NOT NULL DEFAULT 'Astreinte',
    default_timezone TEXT NOT NULL DEFAULT 'Europe/Paris',
    slot_minutes INTEGER NOT NULL DEFAULT 60,
    service_level_target DOUBLE PRECISION NOT NULL DEFAULT 0.8,
    answer_within_seconds INTEGER NOT NULL DEFAULT 60,
    min_shift_minutes INTEGER NOT NULL DEFAULT 120,
    max_shift_minutes INTEGER NOT NULL DEFAULT 240,
    min_rest_minutes INTEGER NOT NULL DEFAULT 660,
    trainee_requires_mentor BOOLEAN NOT NULL DEFAULT TRUE,
    planning_horizon_weeks INTEGER NOT NULL DEFAULT 8
);
INSERT INTO org_settings (id) VALUES (1);

CREATE TABLE centres (
    id SERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    timezone TEXT NOT NULL DEFAULT 'Europe/Paris',
    fixed_sessions BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE skills (
    id SERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    validity_months INTEGER
);

CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    email TEXT UNIQUE,
    display_name TEXT NOT NULL,
    phone TEXT,
    lang TEXT NOT NULL DEFAULT 'fr',
    password_hash TEXT,
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    session_epoch INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_login_at TIMESTAMP
);

CREATE TABLE coordinator_centres (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    centre_id INTEGER NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, centre_id)
);

CREATE TABLE magic_links (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX magic_links_user ON magic_links (user_id);
