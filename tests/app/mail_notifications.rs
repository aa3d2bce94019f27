//! The notification messages end to end, over the real SMTP sink: shift
//! reminders (with their `.ics`), the weekly planning, availability
//! requests, qualification notices; preferences, the unsubscribe link and
//! the administrator's outbox page.

use astreinte::db::outbox;
use astreinte::db::{self, mail_prefs, rotas, skills, volunteers};
use astreinte::mail::Mailer;
use astreinte::outbox_worker::drain_once;
use astreinte::scheduler::{run_due, Context};
use base64::Engine;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use reqwest::StatusCode;

use crate::helpers::{client, csrf_in, spawn_app, ReceivedMail, Role, TestApp};

fn mailer(app: &TestApp) -> Mailer {
    Mailer::from_config(
        Some(&format!("smtp://127.0.0.1:{}", app.mail.port)),
        "Astreinte <astreinte@example.org>",
        &std::env::temp_dir(),
    )
    .unwrap()
}

fn ctx(app: &TestApp, now: NaiveDateTime) -> Context {
    Context {
        now,
        public_url: app.address.clone(),
    }
}

async fn drain(app: &TestApp, now: NaiveDateTime) {
    let pool = db::pool(&app.db_url, 2).unwrap();
    drain_once(&pool, &mailer(app), now).await.unwrap();
}

/// The seeded volunteer of centre A: (volunteer id, user id).
fn volunteer(app: &TestApp) -> (i32, i32) {
    let v = volunteers::by_external_id(&mut app.db(), "v-test")
        .unwrap()
        .unwrap();
    (v.id, v.user_id)
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// Publishes a new version of the week of `start` with one shift of the
/// seeded volunteer in centre A; returns the rota id.
fn publish_shift(app: &TestApp, start: NaiveDateTime, hours: i64) -> i32 {
    publish_shift_in(app, monday_of(start.date()), start, hours)
}

/// The same, as a version of the week of Monday `week` (superseding its
/// published version).
fn publish_shift_in(app: &TestApp, week: NaiveDate, start: NaiveDateTime, hours: i64) -> i32 {
    let mut c = app.db();
    let skill = skills::upsert(&mut c, "ECOUTE", "Écoute", "Listening").unwrap();
    let (vid, _) = volunteer(app);
    let rota = rotas::create(&mut c, week, "ALL", "draft", None).unwrap();
    rotas::replace_shifts(
        &mut c,
        rota.id,
        &[rotas::NewShift {
            volunteer_id: vid,
            centre_id: app.centre_a,
            skill_id: skill.id,
            role: "staff",
            start_utc: start,
            end_utc: start + Duration::hours(hours),
            locked: false,
        }],
    )
    .unwrap();
    rotas::publish(&mut c, rota.id).unwrap();
    rota.id
}

/// A whole hour about `hours` ahead.
fn hours_ahead(hours: i64) -> NaiveDateTime {
    let t = db::now_utc() + Duration::hours(hours);
    t.with_minute(0).unwrap().with_second(0).unwrap()
}

fn header<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    raw.lines()
        .map(|l| l.trim_end_matches('\r'))
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
}

/// The decoded body of the first MIME part whose Content-Type starts with `ct`.
fn part(raw: &str, ct: &str) -> String {
    let start = raw
        .find(&format!("Content-Type: {ct}"))
        .unwrap_or_else(|| panic!("no {ct} part in:\n{raw}"));
    let rest = &raw[start..];
    let body_at = rest.find("\r\n\r\n").unwrap() + 4;
    let headers = &rest[..body_at];
    let body = &rest[body_at..];
    let body = &body[..body.find("\r\n--").unwrap_or(body.len())];
    if headers.contains("Content-Transfer-Encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(joined)
                .unwrap(),
        )
        .unwrap()
    } else if headers.contains("Content-Transfer-Encoding: quoted-printable") {
        let soft = body.replace("=\r\n", "");
        let bytes = soft.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' && i + 2 < bytes.len() {
                out.push(u8::from_str_radix(&soft[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    } else {
        body.to_string()
    }
}

/// The reminders received (they carry the shift's `.ics`).
fn reminders(app: &TestApp) -> Vec<ReceivedMail> {
    app.mail
        .received()
        .into_iter()
        .filter(|m| m.raw.contains("astreinte.ics"))
        .collect()
}

fn mails_to(app: &TestApp, to: &str) -> Vec<ReceivedMail> {
    app.mail
        .received()
        .into_iter()
        .filter(|m| m.to == [to.to_string()])
        .collect()
}

#[tokio::test]
async fn a_reminder_arrives_once_with_an_ics_in_the_centres_local_time() {
    let app = spawn_app().await;
    let start = hours_ahead(47);
    publish_shift(&app, start, 4);
    let now = db::now_utc();
    let first = run_due(&mut app.db(), &ctx(&app, now));
    let second = run_due(&mut app.db(), &ctx(&app, now + Duration::minutes(1)));
    assert!(first.contains(&("shift_reminders", 1)), "{first:?}");
    assert!(second.contains(&("shift_reminders", 0)), "{second:?}");
    drain(&app, now + Duration::minutes(1)).await;
    let got = reminders(&app);
    assert_eq!(got.len(), 1, "one reminder, not two");
    let raw = &got[0].raw;
    assert_eq!(got[0].to, ["benevole@example.org"]);

    let (_, uid) = volunteer(&app);
    let key = astreinte::notify::reminders::key(
        uid,
        app.centre_a,
        start,
        start + Duration::hours(4),
        2880,
    );
    assert_eq!(
        header(raw, "Message-ID"),
        Some(outbox::message_id_for(&key).as_str())
    );
    assert!(
        header(raw, "List-Unsubscribe").is_none(),
        "reminders are essential"
    );
    assert!(raw.contains("multipart/mixed"));
    let local = chrono::TimeZone::from_utc_datetime(&chrono_tz::Europe::Paris, &start);
    let text = part(raw, "text/plain");
    assert!(
        text.contains(&format!("Horaire : {} –", local.format("%H:%M"))),
        "{text}"
    );
    assert!(text.contains("Centre  : Centre A"), "{text}");

    let ics = part(raw, "text/calendar");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.contains("BEGIN:VEVENT") && ics.trim_end().ends_with("END:VCALENDAR"));
    let dtstart = ics
        .lines()
        .skip_while(|l| *l != "BEGIN:VEVENT")
        .find(|l| l.starts_with("DTSTART"))
        .unwrap()
        .to_string();
    assert_eq!(
        dtstart,
        format!(
            "DTSTART;TZID=Europe/Paris:{}",
            local.format("%Y%m%dT%H%M%S")
        )
    );
    assert!(astreinte::ical::read_instant(&ics, &dtstart).is_some_and(|t| t.naive_utc() == start));
}

#[tokio::test]
async fn a_shift_moved_before_its_reminder_is_reminded_only_at_its_new_time() {
    let app = spawn_app().await;
    let old_start = hours_ahead(47);
    publish_shift(&app, old_start, 4);
    // A new version moves the shift to 70 h ahead: the old one is superseded.
    publish_shift_in(
        &app,
        monday_of(old_start.date()),
        old_start + Duration::hours(23),
        4,
    );
    let now = db::now_utc();
    let done = run_due(&mut app.db(), &ctx(&app, now));
    assert!(done.contains(&("shift_reminders", 0)), "{done:?}");
    // 23 h later the new time is 47 h ahead: its 48 h reminder goes out.
    let later = now + Duration::hours(23);
    let done = run_due(&mut app.db(), &ctx(&app, later));
    assert!(done.contains(&("shift_reminders", 1)), "{done:?}");
    drain(&app, later).await;
    let got = reminders(&app);
    assert_eq!(got.len(), 1);
    let local = chrono::TimeZone::from_utc_datetime(
        &chrono_tz::Europe::Paris,
        &(old_start + Duration::hours(23)),
    );
    assert!(part(&got[0].raw, "text/plain").contains(&format!("{} –", local.format("%H:%M"))));
}

#[tokio::test]
async fn publishing_sends_each_volunteer_their_week_once_per_version() {
    let app = spawn_app().await;
    let start = hours_ahead(30);
    let rota = publish_shift(&app, start, 3);
    let mut c = app.db();
    assert_eq!(astreinte::notify::rota_published(&mut c, rota).unwrap(), 1);
    assert_eq!(astreinte::notify::rota_published(&mut c, rota).unwrap(), 0);
    drain(&app, db::now_utc()).await;
    let got = app.mail.wait_for(1).await;
    assert_eq!(mails_to(&app, "benevole@example.org").len(), 1);
    let raw = &got[0].raw;
    let text = part(raw, "text/plain");
    let local = chrono::TimeZone::from_utc_datetime(&chrono_tz::Europe::Paris, &start);
    assert!(text.contains("est publié"), "{text}");
    assert!(
        text.contains(&format!(
            "{} – {}, Centre A (Écoute)",
            local.format("%H:%M"),
            (local + Duration::hours(3)).format("%H:%M")
        )),
        "{text}"
    );
    // A second version that changes nothing for her sends nothing more.
    let week = monday_of(start.date());
    let again = publish_shift_in(&app, week, start, 3);
    assert_eq!(astreinte::notify::rota_published(&mut c, again).unwrap(), 0);
    // One that moves her shift tells her it changed.
    let moved = publish_shift_in(&app, week, start + Duration::hours(1), 3);
    assert_eq!(astreinte::notify::rota_published(&mut c, moved).unwrap(), 1);
}

/// Opens the request window today for the coming week.
fn open_availability_window(app: &TestApp) {
    mail_prefs::set_settings(
        &mut app.db(),
        &mail_prefs::MailSettings {
            planning_deadline_days: 0,
            availability_request_days: 6,
            qualification_notice_days: 30,
        },
    )
    .unwrap();
}

#[tokio::test]
async fn an_availability_request_carries_a_working_unsubscribe_link_without_login() {
    let app = spawn_app().await;
    open_availability_window(&app);
    let now = db::now_utc();
    let done = run_due(&mut app.db(), &ctx(&app, now));
    assert!(done.contains(&("availability_requests", 1)), "{done:?}");
    let again = run_due(&mut app.db(), &ctx(&app, now));
    assert!(again.contains(&("availability_requests", 0)), "{again:?}");
    drain(&app, now).await;
    let got = app.mail.wait_for(1).await;
    let raw = &got[0].raw;
    let list = header(raw, "List-Unsubscribe").expect("List-Unsubscribe header");
    let url = list.trim_start_matches('<').trim_end_matches('>');
    assert!(url.starts_with(&format!("{}/desabonnement/", app.address)));
    assert!(part(raw, "text/plain").contains(url));
    assert!(part(raw, "text/plain").contains("/disponibilites"));

    // No session: the page, then the button.
    let anon = client();
    let page = anon.get(url).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("b•••••••@example.org"), "{html}");
    let token = csrf_in(&html);
    let done = anon
        .post(url)
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    let (_, uid) = volunteer(&app);
    assert!(!mail_prefs::get(&mut app.db(), uid).unwrap().non_essential);
    // A forged token is refused.
    let forged = format!(
        "{}/desabonnement/{uid}.00000000000000000000000000000000",
        app.address
    );
    assert_eq!(
        anon.get(&forged).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn turning_non_essential_mail_off_stops_requests_and_notices_but_not_reminders() {
    let app = spawn_app().await;
    open_availability_window(&app);
    let vol = app.client_as(Role::Volunteer).await;
    let page = app.get(&vol, "/profil/courriels").await;
    assert_eq!(page.status(), StatusCode::OK);
    let resp = app
        .post_form(&vol, "/profil/courriels", &[("lead", "180")])
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let (vid, uid) = volunteer(&app);
    let prefs = mail_prefs::get(&mut app.db(), uid).unwrap();
    assert_eq!(prefs.reminder_leads, vec![180]);
    assert!(!prefs.non_essential);

    let mut c = app.db();
    let skill = skills::upsert(&mut c, "ECOUTE", "Écoute", "Listening").unwrap();
    let until = db::now_utc().date() + Duration::days(10);
    volunteers::replace_qualifications(&mut c, vid, &[(skill.id, None, Some(until))]).unwrap();
    // Her 48 h reminder is off; her 3 h one is due.
    publish_shift(&app, hours_ahead(2), 2);
    let done = run_due(&mut c, &ctx(&app, db::now_utc()));
    assert!(done.contains(&("availability_requests", 0)), "{done:?}");
    assert!(done.contains(&("shift_reminders", 1)), "{done:?}");
    // The coordinator of centre A still gets the qualification notice.
    assert!(done.contains(&("qualification_notices", 1)), "{done:?}");
    drain(&app, db::now_utc()).await;
    app.mail.wait_for(2).await;
    let coord = mails_to(&app, "coord.a@example.org");
    assert_eq!(coord.len(), 1);
    assert!(header(&coord[0].raw, "List-Unsubscribe").is_some());
    assert!(part(&coord[0].raw, "text/plain").contains("Écoute"));
    let hers = mails_to(&app, "benevole@example.org");
    assert_eq!(hers.len(), 1, "only the reminder");
    assert!(hers[0].raw.contains("text/calendar"));
}

#[tokio::test]
async fn the_administrator_sees_a_failure_reason_and_resends_the_message() {
    let app = spawn_app().await;
    let mut c = app.db();
    let id = match outbox::enqueue(
        &mut c,
        &outbox::NewMessage {
            dedup_key: "test:failed".into(),
            recipient: "personne@example.org".into(),
            kind: "test".into(),
            subject: "Objet visible".into(),
            body_text: "Corps secret".into(),
            body_html: None,
            send_after: db::now_utc() + Duration::days(1),
        },
    )
    .unwrap()
    {
        outbox::Enqueued::New(id) => id,
        other => panic!("{other:?}"),
    };
    outbox::mark_failed(&mut c, id, "550 5.1.1 mailbox unknown").unwrap();
    let admin = app.client_as(Role::Admin).await;
    let page = app.get(&admin, "/admin/courriels?statut=failed").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = crate::helpers::unescape(&page.text().await.unwrap());
    assert!(html.contains("550 5.1.1 mailbox unknown"));
    assert!(html.contains("Objet visible"));
    assert!(html.contains("p•••••••@example.org"));
    assert!(!html.contains("personne@example.org"));
    assert!(!html.contains("Corps secret"));
    let resp = app
        .post_form(&admin, &format!("/admin/courriels/{id}/renvoyer"), &[])
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    // Back in the queue (the worker may already be sending it).
    assert_ne!(outbox::get(&mut c, id).unwrap().status, outbox::FAILED);
    // Not failed any more: a second resend is refused.
    let again = app
        .post_form(&admin, &format!("/admin/courriels/{id}/renvoyer"), &[])
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}
