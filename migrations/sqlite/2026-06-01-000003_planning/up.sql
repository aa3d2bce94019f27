-- Demand, fixed sessions and rotas.
CREATE TABLE demand_profiles (
    id INTEGER PRIMARY KEY NOT NULL,
    centre_id INTEGER NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    calls_per_hour DOUBLE,
    aht_minutes DOUBLE,
    required INTEGER,
    on_date DATE,
    start_utc TIMESTAMP,
    end_utc TIMESTAMP
);
CREATE INDEX demand_profiles_centre ON demand_profiles (centre_id);

CREATE TABLE shift_templates (
    id INTEGER PRIMARY KEY NOT NULL,
    centre_id INTEGER NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    on_date DATE,
    start_utc TIMESTAMP,
    end_utc TIMESTAMP
);
CREATE INDEX shift_templates_centre ON shift_templates (centre_id);

CREATE TABLE rotas (
    id INTEGER PRIMARY KEY NOT NULL,
    week_start DATE NOT NULL,
    scope TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    created_at TIMESTAMP NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    published_at TIMESTAMP,
    UNIQUE (week_start, scope, version)
);

CREATE TABLE rota_shifts (
    id INTEGER PRIMARY KEY NOT NULL,
    rota_id INTEGER NOT NULL REFERENCES rotas(id) ON DELETE CASCADE,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    centre_id INTEGER NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('staff', 'trainee')),
    start_utc TIMESTAMP NOT NULL,
    end_utc TIMESTAMP NOT NULL,
    locked BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX rota_shifts_rota ON rota_shifts (rota_id);
CREATE INDEX rota_shifts_volunteer ON rota_shifts (volunteer_id, start_utc);
