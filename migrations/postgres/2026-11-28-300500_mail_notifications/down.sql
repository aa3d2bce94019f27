ALTER TABLE org_settings DROP COLUMN mail_secret;
ALTER TABLE org_settings DROP COLUMN qualification_notice_days;
ALTER TABLE org_settings DROP COLUMN availability_request_days;
ALTER TABLE org_settings DROP COLUMN planning_deadline_days;
DROP TABLE mail_prefs;
ALTER TABLE outbox DROP COLUMN list_unsubscribe;
ALTER TABLE outbox DROP COLUMN attachment_body;
ALTER TABLE outbox DROP COLUMN attachment_content_type;
ALTER TABLE outbox DROP COLUMN attachment_name;
