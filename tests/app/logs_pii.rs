//! No personal data in logs: the real binary, `RUST_LOG=debug`, runs the
//! main flows (sign-in ok and failed, availability, profile, coordinator
//! edit, import, invitation, sign-in link, outbox sending); its whole stderr
//! is then searched for the names, emails and phones used.

use std::time::Duration;

use reqwest::{Client, StatusCode};

use astreinte::db::{centres, users, volunteers};

use crate::helpers::{client, csrf_in, MailSink, PASSWORD};
use crate::shutdown::{serve, sigterm, wait_exit};
use crate::test_db::TestDb;

const VOL_NAME: &str = "Zéphyrine Quintal-Brossard";
const VOL_EMAIL: &str = "zephyrine.quintal@exemple-pii.test";
const VOL_PHONE: &str = "06 71 82 93 04";
const COORD_NAME: &str = "Anatole Vercingétorix";
const COORD_EMAIL: &str = "anatole.vercingetorix@exemple-pii.test";
const IMPORT_NAME: &str = "Philomène Tartempion";
const IMPORT_EMAIL: &str = "philomene.tartempion@exemple-pii.test";
const IMPORT_PHONE: &str = "06 55 44 33 22";
const INVITE_NAME: &str = "Barnabé Clairefontaine";
const INVITE_EMAIL: &str = "barnabe.clairefontaine@exemple-pii.test";

async fn post(c: &Client, base: &str, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let home = c.get(format!("{base}/home")).send().await.unwrap();
    let html = if home.status() == StatusCode::OK {
        home.text().await.unwrap()
    } else {
        c.get(format!("{base}/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let token = csrf_in(&html);
    let mut all = fields.to_vec();
    all.push(("csrf_token", &token));
    c.post(format!("{base}{path}"))
        .form(&all)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_main_flows_log_no_name_email_or_phone() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let centre = centres::upsert(&mut conn, "PII", "Centre PII", "Europe/Paris", false).unwrap();
    let hash = users::hash_password(PASSWORD).unwrap();
    let vol_user = users::create(
        &mut conn,
        &users::NewUser {
            email: Some(VOL_EMAIL),
            display_name: VOL_NAME,
            lang: "fr",
            password_hash: Some(&hash),
            ..Default::default()
        },
    )
    .unwrap();
    let v = volunteers::upsert(&mut conn, vol_user.id, "pii-1", &Default::default()).unwrap();
    volunteers::set_centres(&mut conn, v.id, &[centre.id]).unwrap();
    let coord_user = users::create(
        &mut conn,
        &users::NewUser {
            email: Some(COORD_EMAIL),
            display_name: COORD_NAME,
            lang: "fr",
            password_hash: Some(&hash),
            ..Default::default()
        },
    )
    .unwrap();
    centres::add_coordinator(&mut conn, coord_user.id, centre.id).unwrap();

    let sink = MailSink::start();
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("stderr.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let smtp = format!("smtp://127.0.0.1:{}", sink.port);
    let mut served = serve(
        db.url(),
        dir.path(),
        &[("RUST_LOG", "debug"), ("SMTP_URL", &smtp)],
        Some(log),
    );
    let base = served.address.clone();

    // Volunteer: a failed then a good sign-in, availability, profile with phone.
    let vol = client();
    let r = post(
        &vol,
        &base,
        "/login",
        &[("email", VOL_EMAIL), ("password", "faux")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = post(
        &vol,
        &base,
        "/login",
        &[("email", VOL_EMAIL), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = post(&vol, &base, "/disponibilites", &[("cell-1-10", "prefere")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = post(
        &vol,
        &base,
        "/profil",
        &[
            ("display_name", VOL_NAME),
            ("lang", "fr"),
            ("phone", VOL_PHONE),
            ("max_hours_week", "6"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = vol
        .get(format!("{base}/mes-donnees.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    // Coordinator: view and edit the record, import, invite.
    let coord = client();
    let r = post(
        &coord,
        &base,
        "/login",
        &[("email", COORD_EMAIL), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = coord
        .get(format!("{base}/benevoles/{}", v.id))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let centre_field = format!("centre_{}", centre.id);
    let home = centre.id.to_string();
    let r = post(
        &coord,
        &base,
        &format!("/benevoles/{}", v.id),
        &[
            ("status", "active"),
            (&centre_field, "1"),
            ("home_centre", &home),
            ("max_hours_week", "4"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let csv = format!("nom,email,telephone\r\n{IMPORT_NAME},{IMPORT_EMAIL},{IMPORT_PHONE}");
    let r = post(
        &coord,
        &base,
        "/centres/PII/import/confirm",
        &[("contenu", &csv)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = post(
        &coord,
        &base,
        "/invite",
        &[
            ("email", INVITE_EMAIL),
            ("display_name", INVITE_NAME),
            ("centre_id", &home),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Sign-in link: asked, sent by the outbox, followed.
    let anon = client();
    let r = post(&anon, &base, "/login/magic-link", &[("email", VOL_EMAIL)]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let mails = sink.wait_for(2).await;
    let link = mails
        .iter()
        .rev()
        .find(|m| m.to.iter().any(|t| t == VOL_EMAIL))
        .expect("the sign-in link was sent")
        .magic_path();
    let page = anon.get(format!("{base}{link}")).send().await.unwrap();
    let token = csrf_in(&page.text().await.unwrap());
    let r = anon
        .post(format!("{base}{link}"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    tokio::time::sleep(Duration::from_millis(300)).await;
    sigterm(&served.child);
    assert!(wait_exit(&mut served.child, Duration::from_secs(30)).success());
    let logs = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        logs.contains("DEBUG") || logs.contains("INFO"),
        "logs captured"
    );
    assert!(logs.contains("request"), "request lines captured");

    let mut needles: Vec<String> = Vec::new();
    for s in [
        VOL_NAME,
        VOL_EMAIL,
        VOL_PHONE,
        COORD_NAME,
        COORD_EMAIL,
        IMPORT_NAME,
        IMPORT_EMAIL,
        IMPORT_PHONE,
        INVITE_NAME,
        INVITE_EMAIL,
    ] {
        needles.push(s.to_string());
        needles.push(s.to_lowercase());
        needles.push(s.replace(' ', ""));
    }
    // Single words of the names (surnames are rare enough to be unique).
    for name in [VOL_NAME, COORD_NAME, IMPORT_NAME, INVITE_NAME] {
        needles.extend(name.split([' ', '-']).map(|w| w.to_string()));
    }
    // URL-encoded forms of the emails.
    for e in [VOL_EMAIL, COORD_EMAIL, IMPORT_EMAIL, INVITE_EMAIL] {
        needles.push(e.replace('@', "%40"));
        needles.push(e.split('@').next().unwrap().to_string());
    }
    let found: Vec<&String> = needles
        .iter()
        .filter(|n| logs.contains(n.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "personal data in the logs: {found:?} ({} bytes of logs)",
        logs.len()
    );
    // The database is dropped only now, after the process has exited.
    drop(db);
}
