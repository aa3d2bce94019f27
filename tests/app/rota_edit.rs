//! Hand adjustments of a draft rota: each change is checked against the
//! hard rules at once; a refused change names the rule and writes nothing;
//! a valid one is stored, bumps the revision and is audited; two edits from
//! the same revision: exactly one wins, the other gets 409.

use astreinte::db::rotas;
use reqwest::StatusCode;

use crate::helpers::{unescape, Role, TestApp};
use crate::rota_review::{hand_draft, paris, tiny_app};

fn revision(app: &TestApp, id: i32) -> i32 {
    rotas::by_id(&mut app.db(), id).unwrap().unwrap().revision
}

fn shifts(app: &TestApp, id: i32) -> Vec<rotas::RotaShift> {
    rotas::shifts_of(&mut app.db(), id).unwrap()
}

fn audit_count(app: &TestApp, action: &str) -> usize {
    astreinte::db::audit::search(
        &mut app.db(),
        &astreinte::db::audit::Filter {
            action_prefix: Some(action.to_string()),
            ..Default::default()
        },
        100,
    )
    .unwrap()
    .len()
}

/// POSTs an add form; returns (status, unescaped body).
async fn add(
    app: &TestApp,
    c: &reqwest::Client,
    id: i32,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let rev = revision(app, id).to_string();
    let mut all = vec![("revision", rev.as_str())];
    all.extend_from_slice(fields);
    let resp = app
        .post_form(c, &format!("/plannings/{id}/ajouter"), &all)
        .await;
    let status = resp.status();
    (status, unescape(&resp.text().await.unwrap()))
}

#[tokio::test]
async fn an_add_outside_the_volunteers_availability_is_refused_and_nothing_is_written() {
    let app = tiny_app().await;
    let id = hand_draft(&app);
    let c = app.client_as(Role::CoordA).await;
    // v00001 is available on Tuesday 16–20 only.
    let (status, html) = add(
        &app,
        &c,
        id,
        &[
            ("volunteer", "v00001"),
            ("centre", "C44"),
            ("skill", "ecoute"),
            ("role", "staff"),
            ("date", "2026-12-07"),
            ("start", "10:00"),
            ("end", "12:00"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Indisponible : Volunteer 1 n'est pas disponible sur tout ce créneau."),
        "{html}"
    );
    assert_eq!(shifts(&app, id).len(), 2);
    assert_eq!(revision(&app, id), 0);
    assert_eq!(audit_count(&app, "rota.shift"), 0);
}

#[tokio::test]
async fn an_add_too_close_to_another_shift_is_refused_for_minimum_rest() {
    let app = tiny_app().await;
    let id = hand_draft(&app);
    let c = app.client_as(Role::CoordA).await;
    // v00004 works Monday 11–13; 16–18 leaves 3 h of the 11 h rest.
    let (status, html) = add(
        &app,
        &c,
        id,
        &[
            ("volunteer", "v00004"),
            ("centre", "C44"),
            ("skill", "ecoute"),
            ("role", "staff"),
            ("date", "2026-12-07"),
            ("start", "16:00"),
            ("end", "18:00"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains(
            "Repos minimal : Volunteer 4 doit avoir au moins 11 h de repos entre deux astreintes."
        ),
        "{html}"
    );
    assert_eq!(shifts(&app, id).len(), 2);
    // In English too.
    let en = app.client_as(Role::Admin).await;
    app.get(&en, "/home?lang=en").await;
    let (status, html) = add(
        &app,
        &en,
        id,
        &[
            ("volunteer", "v00004"),
            ("centre", "C44"),
            ("skill", "ecoute"),
            ("date", "2026-12-07"),
            ("start", "16:00"),
            ("end", "18:00"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Minimum rest: Volunteer 4 needs at least 11 h of rest"),
        "{html}"
    );
}

#[tokio::test]
async fn an_add_on_a_date_after_the_qualification_expired_is_refused() {
    let app = tiny_app().await;
    let id = hand_draft(&app);
    {
        use astreinte::db::schema::{qualifications as q, skills as s};
        use diesel::prelude::*;
        let mut conn = app.db();
        let vid = crate::rota_review::ids(&mut conn, "v00001");
        let sid: i32 = s::table
            .filter(s::code.eq("ecoute"))
            .select(s::id)
            .first(&mut conn)
            .unwrap();
        // Valid until Monday: Tuesday is too late.
        diesel::update(
            q::table
                .filter(q::volunteer_id.eq(vid))
                .filter(q::skill_id.eq(sid)),
        )
        .set(q::valid_until.eq(Some(crate::rota_review::monday())))
        .execute(&mut conn)
        .unwrap();
    }
    let c = app.client_as(Role::CoordA).await;
    let (status, html) = add(
        &app,
        &c,
        id,
        &[
            ("volunteer", "v00001"),
            ("centre", "C44"),
            ("skill", "ecoute"),
            ("role", "staff"),
            ("date", "2026-12-08"),
            ("start", "16:00"),
            ("end", "18:00"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Qualification non valide à cette date : la qualification « Écoute » de Volunteer 1 a expiré le 07/12/2026."),
        "{html}"
    );
    assert_eq!(shifts(&app, id).len(), 2);
    // The same volunteer with analyse (no expiry) on the same slot is fine.
    let (status, _) = add(
        &app,
        &c,
        id,
        &[
            ("volunteer", "v00001"),
            ("centre", "C44"),
            ("skill", "analyse"),
            ("role", "staff"),
            ("date", "2026-12-08"),
            ("start", "16:00"),
            ("end", "18:00"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(shifts(&app, id).len(), 3);
    assert_eq!(audit_count(&app, "rota.shift.add"), 1);
}

#[tokio::test]
async fn a_valid_move_is_stored_bumps_the_revision_and_is_audited() {
    let app = tiny_app().await;
    let id = hand_draft(&app);
    let c = app.client_as(Role::CoordA).await;
    let moved = shifts(&app, id)
        .into_iter()
        .find(|s| s.start_utc == paris(7, 11))
        .unwrap();
    let sid = moved.id.to_string();
    let resp = app
        .post_form(
            &c,
            &format!("/plannings/{id}/deplacer"),
            &[
                ("revision", "0"),
                ("shift", &sid),
                ("volunteer", "v00004"),
                ("date", "2026-12-07"),
                ("start", "11:00"),
                ("end", "14:00"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let after = shifts(&app, id)
        .into_iter()
        .find(|s| s.id == moved.id)
        .unwrap();
    assert_eq!(
        (after.start_utc, after.end_utc),
        (paris(7, 11), paris(7, 14))
    );
    assert_eq!(revision(&app, id), 1);
    assert_eq!(audit_count(&app, "rota.shift.move"), 1);
    // The same form again carries revision 0: stale.
    let resp = app
        .post_form(
            &c,
            &format!("/plannings/{id}/deplacer"),
            &[
                ("revision", "0"),
                ("shift", &sid),
                ("date", "2026-12-07"),
                ("start", "11:00"),
                ("end", "13:00"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    let html = unescape(&resp.text().await.unwrap());
    assert!(html.contains("Ce planning a été modifié par quelqu'un d'autre"));
    assert_eq!(revision(&app, id), 1);
}

#[tokio::test]
async fn lock_then_remove_is_refused_until_unlocked() {
    let app = tiny_app().await;
    let id = hand_draft(&app);
    let c = app.client_as(Role::CoordA).await;
    let sid = shifts(&app, id)[0].id.to_string();
    let path = format!("/plannings/{id}/verrouiller");
    let r = app
        .post_form(
            &c,
            &path,
            &[("revision", "0"), ("shift", &sid), ("locked", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &c,
            &format!("/plannings/{id}/retirer"),
            &[("revision", "1"), ("shift", &sid)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&r.text().await.unwrap()).contains("Créneau verrouillé"));
    let r = app
        .post_form(
            &c,
            &path,
            &[("revision", "1"), ("shift", &sid), ("locked", "0")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &c,
            &format!("/plannings/{id}/retirer"),
            &[("revision", "2"), ("shift", &sid)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(shifts(&app, id).len(), 1);
    assert_eq!(revision(&app, id), 3);
    assert_eq!(audit_count(&app, "rota.shift.lock"), 2);
    assert_eq!(audit_count(&app, "rota.shift.remove"), 1);
}

#[tokio::test]
async fn two_concurrent_edits_from_the_same_revision_exactly_one_wins() {
    let app = tiny_app().await;
    let id = hand_draft(&app);
    let a = app.client_as(Role::CoordA).await;
    let b = app.client_as(Role::Admin).await;
    let rows = shifts(&app, id);
    let (s0, s1) = (rows[0].id.to_string(), rows[1].id.to_string());
    let path_move = format!("/plannings/{id}/deplacer");
    let path_remove = format!("/plannings/{id}/retirer");
    let move_fields = [
        ("revision", "0"),
        ("shift", s1.as_str()),
        ("date", "2026-12-07"),
        ("start", "11:00"),
        ("end", "14:00"),
    ];
    let remove_fields = [("revision", "0"), ("shift", s0.as_str())];
    let (ra, rb) = tokio::join!(
        app.post_form(&a, &path_move, &move_fields),
        app.post_form(&b, &path_remove, &remove_fields),
    );
    let mut statuses = [ra.status(), rb.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if ra.status() == StatusCode::CONFLICT {
        ra
    } else {
        rb
    };
    let html = unescape(&loser.text().await.unwrap());
    assert!(html.contains("Rien n'a été enregistré"), "{html}");
    assert_eq!(revision(&app, id), 1);
    let moved = audit_count(&app, "rota.shift.move");
    let removed = audit_count(&app, "rota.shift.remove");
    assert_eq!(moved + removed, 1);
    let now = shifts(&app, id);
    if removed == 1 {
        assert_eq!(now.len(), 1);
    } else {
        assert_eq!(now.len(), 2);
        assert!(now.iter().any(|s| s.end_utc == paris(7, 14)));
    }
}

#[test]
fn the_edit_library_refuses_a_stale_revision_even_when_called_directly() {
    // Two editors read revision 0; the second write must fail (conditional
    // UPDATE), whatever the web layer checked before.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = rt.block_on(tiny_app());
    let id = hand_draft(&app);
    let rows = shifts(&app, id);
    let mut conn = app.db();
    let lock = |shift_id| astreinte::rota::edit::Change::Lock {
        shift_id,
        locked: true,
    };
    astreinte::rota::edit::apply(&mut conn, id, None, 0, None, &lock(rows[0].id)).unwrap();
    let err =
        astreinte::rota::edit::apply(&mut conn, id, None, 0, None, &lock(rows[1].id)).unwrap_err();
    assert!(matches!(err, astreinte::rota::edit::EditError::Conflict));
    assert!(!shifts(&app, id)[1].locked);
}
