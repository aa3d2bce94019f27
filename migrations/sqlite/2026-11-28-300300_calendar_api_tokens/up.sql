-- Personal calendar feeds (helper-mine): a secret URL per volunteer; only the
-- SHA-256 of the token is kept. Rotating revokes the previous token.
CREATE TABLE calendar_tokens (
    id INTEGER PRIMARY KEY NOT NULL,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    last_used_at TIMESTAMP
);
CREATE INDEX calendar_tokens_volunteer ON calendar_tokens (volunteer_id);

-- Telephony API tokens, one or more per centre, revocable; only the SHA-256
-- of the token is kept. include_phone lets answers carry phone numbers.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY NOT NULL,
    centre_id INTEGER NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    include_phone BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    revoked_at TIMESTAMP,
    last_used_at TIMESTAMP
);
CREATE INDEX api_tokens_centre ON api_tokens (centre_id);
