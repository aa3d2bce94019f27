//! `astreinte send-test-email`: the real binary queues a test message and
//! sends it over SMTP (exit 0); a bad address, `SMTP_URL` or
//! `SMTP_CONNECTIONS` is refused with exit 2 and a bilingual message naming
//! what is wrong, before anything is queued.

use std::process::{Command, Output};

use crate::helpers::MailSink;
use crate::test_db::TestDb;

fn send(db: &TestDb, address: &str, env: &[(&str, &str)]) -> Output {
    let data = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_astreinte"))
        .args(["send-test-email", address, "--data-dir"])
        .arg(data.path())
        .env("DATABASE_URL", db.url())
        .env_remove("RUST_LOG")
        .env_remove("SMTP_URL")
        .env_remove("SMTP_CONNECTIONS")
        .envs(env.iter().copied())
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[tokio::test]
async fn the_test_message_goes_out_over_smtp() {
    let db = TestDb::new();
    let sink = MailSink::start();
    let url = format!("smtp://127.0.0.1:{}", sink.port);
    let out = send(&db, "coord@example.org", &[("SMTP_URL", &url)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = sink.wait_for(1).await;
    assert_eq!(got[0].to, ["coord@example.org"]);
    assert!(got[0]
        .raw
        .contains("Subject: Astreinte : message de test / test message"));
}

#[test]
fn bad_settings_exit_2_naming_the_setting_in_french_and_english() {
    let db = TestDb::new();
    for (env, expected) in [
        (
            ("SMTP_URL", "smtp://mail.example.org?tls=oui"),
            ["SMTP_URL", "tls=oui : starttls", "tls=oui: expected"],
        ),
        (
            ("SMTP_URL", "smtp://mail.example.org:99999"),
            ["SMTP_URL", "port « 99999 »", "port '99999'"],
        ),
        (
            ("SMTP_CONNECTIONS", "0"),
            [
                "SMTP_CONNECTIONS",
                "nombre entier de 1 à 64",
                "expected a whole number",
            ],
        ),
    ] {
        let out = send(&db, "coord@example.org", &[env]);
        assert_eq!(out.status.code(), Some(2), "{env:?}: {}", stderr(&out));
        let err = stderr(&out);
        for part in expected {
            assert!(err.contains(part), "{env:?}: {err}");
        }
    }
    let out = send(&db, "pas-une-adresse", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ADDRESS"));
}
