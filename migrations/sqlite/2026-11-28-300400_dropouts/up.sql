-- Drop-outs from published shifts ("je ne peux plus assurer cette
-- astreinte") and the cover offers mailed to ranked candidates.
CREATE TABLE shift_dropouts (
    id INTEGER PRIMARY KEY NOT NULL,
    -- The published shift; it stays in the rota, marked by this row.
    shift_id INTEGER NOT NULL REFERENCES rota_shifts(id) ON DELETE CASCADE,
    rota_id INTEGER NOT NULL REFERENCES rotas(id) ON DELETE CASCADE,
    centre_id INTEGER NOT NULL REFERENCES centres(id) ON DELETE CASCADE,
    -- Who dropped out (the shift's volunteer at that moment).
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    reason TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'covered', 'cancelled')),
    created_at TIMESTAMP NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    resolved_at TIMESTAMP,
    resolved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    replacement_volunteer_id INTEGER REFERENCES volunteers(id) ON DELETE SET NULL,
    -- 'assigned' (a coordinator's click) or 'offer' (a cover link taken).
    resolution TEXT,
    -- When candidates were last offered the shift by mail.
    offered_at TIMESTAMP
);
-- One drop-out per shift and volunteer (a double submit is a no-op).
CREATE UNIQUE INDEX shift_dropouts_shift_volunteer ON shift_dropouts (shift_id, volunteer_id);
CREATE INDEX shift_dropouts_centre_status ON shift_dropouts (centre_id, status);

CREATE TABLE cover_offers (
    id INTEGER PRIMARY KEY NOT NULL,
    dropout_id INTEGER NOT NULL REFERENCES shift_dropouts(id) ON DELETE CASCADE,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    -- SHA-256 (hex) of the one-time token mailed in /remplacer/{token}.
    token_hash TEXT NOT NULL UNIQUE,
    -- Position in the ranking when offered (1 = best).
    rank INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- The shift's start: the link is dead from then on.
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    -- 'taken' (this volunteer got the shift), 'too_late' (covered by someone else).
    outcome TEXT
);
CREATE UNIQUE INDEX cover_offers_dropout_volunteer ON cover_offers (dropout_id, volunteer_id);
