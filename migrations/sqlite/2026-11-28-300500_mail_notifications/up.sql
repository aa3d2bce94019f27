-- Mail notifications (helper-mail): an optional attachment and a
-- List-Unsubscribe URL per outbox row; each user's mail preferences; the
-- organisation's mail settings.
ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
ALTER TABLE outbox ADD COLUMN attachment_content_type TEXT;
ALTER TABLE outbox ADD COLUMN attachment_body TEXT;
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;

-- One row per user who changed a preference; no row = the defaults.
CREATE TABLE mail_prefs (
    user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- Shift reminder lead times in minutes, comma-separated ("2880,180"); empty = none.
    reminder_leads TEXT NOT NULL DEFAULT '2880,180',
    -- Availability requests and qualification notices.
    non_essential BOOLEAN NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);

-- Availability is due planning_deadline_days before the week's Monday; the
-- request goes out availability_request_days before that deadline.
ALTER TABLE org_settings ADD COLUMN planning_deadline_days INTEGER NOT NULL DEFAULT 14;
ALTER TABLE org_settings ADD COLUMN availability_request_days INTEGER NOT NULL DEFAULT 3;
ALTER TABLE org_settings ADD COLUMN qualification_notice_days INTEGER NOT NULL DEFAULT 30;
-- Key of the unsubscribe links' HMAC; created by the app on first use.
ALTER TABLE org_settings ADD COLUMN mail_secret TEXT;
