//! Cover requests by mail (issue 6): « Proposer par courriel » mails the top
//! candidates a one-time link over real SMTP, in their language; the first
//! to confirm gets the shift, the others see « déjà pourvu » and are told
//! it is covered; the coordinator is told either way. Two simultaneous
//! clicks on two links give exactly one assignment; expired links are gone.

use astreinte::auth::tokens;
use astreinte::db::rotas::{self, NewShift};
use astreinte::db::{dropouts, now_utc};
use chrono::Duration;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::dropout::{build_case, drain, drop_out, mails_to};
use crate::helpers::{client, csrf_in, spawn_app, unescape, Role, TestApp};

/// The `/remplacer/…` path in a mail.
fn cover_path(raw: &str) -> String {
    let start = raw.find("/remplacer/").expect("no cover link in mail");
    let rest = &raw[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

/// Waits until `to` has received `n` mails (the app's worker sends too).
async fn wait_mails(app: &TestApp, to: &str, n: usize) -> Vec<String> {
    for _ in 0..200 {
        let got = mails_to(app, to);
        if got.len() >= n {
            return got;
        }
        drain(app).await;
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "{to}: expected {n} mail(s), got {}",
        mails_to(app, to).len()
    );
}

/// A fresh client that opened the link's page; returns it and the form token.
async fn open_link(app: &TestApp, path: &str) -> (reqwest::Client, String, StatusCode) {
    let c = client();
    let resp = app.get(&c, path).await;
    let status = resp.status();
    let html = resp.text().await.unwrap();
    let token = if status == StatusCode::OK {
        csrf_in(&html)
    } else {
        String::new()
    };
    (c, token, status)
}

async fn confirm(app: &TestApp, c: &reqwest::Client, path: &str, csrf: &str) -> StatusCode {
    app.post_raw(c, path, &[("csrf_token", csrf)])
        .await
        .status()
}

#[tokio::test]
async fn offering_by_mail_reaches_the_top_candidates_and_the_first_to_confirm_gets_the_shift() {
    let app = spawn_app().await;
    let case = build_case(&app);
    let id = drop_out(&app, &case, "").await;
    let coord = app.client_as(Role::CoordA).await;
    let resp = app
        .post_form(
            &coord,
            &format!("/centres/A/remplacements/{id}/proposer"),
            &[("count", "2")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert!(resp.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("msg=offered&n=2"));
    // The top two (Bruno, French; Alice, English) and nobody else.
    let bruno = wait_mails(&app, "bruno@example.org", 1).await;
    let alice = wait_mails(&app, "alice@example.org", 1).await;
    assert!(bruno[0].contains("Pouvez-vous remplacer ?"), "{}", bruno[0]);
    assert!(alice[0].contains("Can you cover?"), "{}", alice[0]);
    assert!(
        alice[0].contains("Content-Type: text/html"),
        "HTML body too"
    );
    for other in ["emma", "gael", "chloe", "david", "fabien"] {
        assert!(mails_to(&app, &format!("{other}@example.org")).is_empty());
    }
    let coord_mails = wait_mails(&app, "coord.a@example.org", 2).await;
    assert!(coord_mails
        .iter()
        .any(|m| m.contains("personne n'a encore accept")));
    let page = app
        .get(&coord, "/centres/A/remplacements")
        .await
        .text()
        .await
        .unwrap();
    assert!(unescape(&page).contains("Proposé par courriel à 2 bénévoles"));

    // Alice takes it.
    let alice_link = cover_path(&alice[0]);
    let bruno_link = cover_path(&bruno[0]);
    assert!(alice_link.starts_with("/remplacer/") && alice_link.len() == 11 + 43);
    let (a, a_csrf, status) = open_link(&app, &alice_link).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        confirm(&app, &a, &alice_link, &a_csrf).await,
        StatusCode::OK
    );
    let mut c = app.db();
    let s = rotas::shifts_of(&mut c, case.rota_id)
        .unwrap()
        .into_iter()
        .find(|s| s.id == case.shift_id)
        .unwrap();
    assert_eq!(s.volunteer_id, case.alice);
    // Her link is now used; Bruno's says « déjà pourvu ».
    let (_, _, again) = open_link(&app, &alice_link).await;
    assert_eq!(again, StatusCode::GONE);
    let b = client();
    let resp = app.get(&b, &bruno_link).await;
    assert_eq!(resp.status(), StatusCode::GONE);
    assert!(resp.text().await.unwrap().contains("Déjà pourvu"));
    // Bruno is told it is covered; the coordinator is told who covers it.
    let bruno = wait_mails(&app, "bruno@example.org", 2).await;
    assert!(bruno.iter().any(|m| m.contains("a trouvé un remplaçant")));
    let coord_mails = wait_mails(&app, "coord.a@example.org", 3).await;
    assert!(coord_mails
        .iter()
        .any(|m| m.contains("Alice assure l'astreinte")));
    let alice = wait_mails(&app, "alice@example.org", 2).await;
    assert!(alice.iter().any(|m| m.contains("You are replacing")));
}

/// A fresh shift held by the seeded volunteer, dropped, and offered to Alice
/// and Bruno with known tokens: (dropout id, shift id, Alice's link, Bruno's link).
fn offered_shift(app: &TestApp, case: &crate::dropout::Case, k: i64) -> (i32, i32, String, String) {
    let mut c = app.db();
    // Thursday to Sunday, one hour each, two hours apart; rest set to 0 below.
    let start = crate::dropout::at(case.week, 3, 0) + Duration::hours(2 * k);
    let rota = rotas::create(
        &mut c,
        case.week.monday(),
        &format!("T{k}"),
        "published",
        None,
    )
    .unwrap();
    rotas::replace_shifts(
        &mut c,
        rota.id,
        &[NewShift {
            volunteer_id: case.dropper,
            centre_id: app.centre_a,
            skill_id: case.skill_id,
            role: "staff",
            start_utc: start,
            end_utc: start + Duration::hours(1),
            locked: false,
        }],
    )
    .unwrap();
    let shift = rotas::shifts_of(&mut c, rota.id).unwrap().remove(0);
    let user = astreinte::db::volunteers::by_id(&mut c, case.dropper)
        .unwrap()
        .unwrap()
        .user_id;
    let d = dropouts::create(&mut c, &shift, user, None)
        .unwrap()
        .unwrap();
    let mut links = Vec::new();
    for (rank, v) in [(1, case.alice), (2, case.bruno)] {
        let (token, hash) = tokens::new_token();
        dropouts::insert_offer(&mut c, d.id, v, &hash, rank, shift.start_utc)
            .unwrap()
            .unwrap();
        links.push(format!("/remplacer/{token}"));
    }
    (d.id, shift.id, links.remove(0), links.remove(0))
}

#[tokio::test]
async fn two_simultaneous_clicks_on_two_cover_links_give_exactly_one_assignment() {
    let app = spawn_app().await;
    let case = build_case(&app);
    {
        let mut c = app.db();
        let mut s = astreinte::db::settings::get(&mut c).unwrap();
        s.min_rest_minutes = 0;
        astreinte::db::settings::update(&mut c, &s).unwrap();
        // No weekly cap in the way of 20 extra hours.
        use astreinte::db::schema::volunteers;
        diesel::update(volunteers::table)
            .set(volunteers::max_minutes_week.eq(None::<i32>))
            .execute(&mut c)
            .unwrap();
    }
    let mut winners = [0, 0];
    for k in 0..20 {
        let (dropout_id, shift_id, a_link, b_link) = offered_shift(&app, &case, k);
        let (a, a_csrf, sa) = open_link(&app, &a_link).await;
        let (b, b_csrf, sb) = open_link(&app, &b_link).await;
        assert_eq!((sa, sb), (StatusCode::OK, StatusCode::OK));
        let (ra, rb) = tokio::join!(
            confirm(&app, &a, &a_link, &a_csrf),
            confirm(&app, &b, &b_link, &b_csrf)
        );
        let ok = [ra, rb].iter().filter(|s| **s == StatusCode::OK).count();
        let lost = [ra, rb]
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count();
        assert_eq!((ok, lost), (1, 1), "round {k}: {ra} / {rb}");
        let mut c = app.db();
        let (shift, rota) = dropouts::shift_with_rota(&mut c, shift_id)
            .unwrap()
            .unwrap();
        let winner = if ra == StatusCode::OK {
            case.alice
        } else {
            case.bruno
        };
        assert_eq!(shift.volunteer_id, winner, "round {k}");
        assert_eq!(rota.revision, 1, "one change, round {k}");
        let d = dropouts::by_id(&mut c, dropout_id).unwrap().unwrap();
        assert_eq!(d.replacement_volunteer_id, Some(winner));
        let used = dropouts::offers_of(&mut c, dropout_id)
            .unwrap()
            .iter()
            .filter(|o| o.used_at.is_some())
            .count();
        assert_eq!(used, 1, "one link used, round {k}");
        winners[usize::from(winner == case.bruno)] += 1;
    }
    assert_eq!(winners[0] + winners[1], 20);
}

#[tokio::test]
async fn an_expired_or_unknown_cover_link_is_gone() {
    let app = spawn_app().await;
    let case = build_case(&app);
    let (dropout_id, _, a_link, b_link) = offered_shift(&app, &case, 0);
    {
        use astreinte::db::schema::cover_offers;
        let mut c = app.db();
        diesel::update(cover_offers::table.filter(cover_offers::dropout_id.eq(dropout_id)))
            .set(cover_offers::expires_at.eq(now_utc() - Duration::minutes(1)))
            .execute(&mut c)
            .unwrap();
    }
    let (_, _, status) = open_link(&app, &a_link).await;
    assert_eq!(status, StatusCode::GONE);
    // POST with a session's token is refused too.
    let c = app.client_as(Role::Anonymous).await;
    let csrf = app.csrf(&c).await;
    let resp = app.post_raw(&c, &b_link, &[("csrf_token", &csrf)]).await;
    assert_eq!(resp.status(), StatusCode::GONE);
    assert!(unescape(&resp.text().await.unwrap()).contains("Lien expiré ou déjà utilisé"));
    let unknown = format!("/remplacer/{}", "A".repeat(43));
    assert_eq!(app.get(&c, &unknown).await.status(), StatusCode::GONE);
    let mut db = app.db();
    assert_eq!(
        dropouts::by_id(&mut db, dropout_id)
            .unwrap()
            .unwrap()
            .status,
        "open"
    );
}
