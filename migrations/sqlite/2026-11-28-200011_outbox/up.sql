-- Durable outbox: every message is a row first; a worker sends due rows.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY NOT NULL,
    dedup_key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    claimed_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
