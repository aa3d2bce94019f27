//! The application's integration tests: one binary, a fresh database per test
//! (SQLite by default, PostgreSQL with `ASTREINTE_TEST_DB=postgres`).

// Tests may panic on unexpected errors: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;
mod test_db;

mod authz;
mod backup;
mod health;

mod coord_demand;
mod coord_import;
mod coord_list;
mod coord_support;
mod coord_volunteer;

mod admin_centres;
mod admin_coordinators;
mod admin_settings;
mod admin_skills;
mod volunteer_availability;
mod volunteer_profile;
mod volunteer_support;
mod web_csrf;
mod web_invite;
mod web_login;
mod web_magic;

mod db_demo;
mod db_migrations;
mod db_tables;
mod import_export;
mod import_malformed;
mod jobs;
mod mail_bench;
mod mail_notifications;
mod mail_snapshots;
mod outbox;
mod rota_generate;

mod audit;
mod gdpr;
mod logs_pii;
mod metrics;
mod outbox_two_workers;
mod retention;
mod send_test_email;
mod shutdown;

mod cover_request;
mod dropout;

mod rota_edit;
mod rota_publish;
mod rota_review;

mod calendar_feed;
mod mes_astreintes;
mod my_shifts_support;
mod telephony_api;

mod training_attendance;
mod training_bench;
mod training_planning;
mod training_status;
mod training_support;
