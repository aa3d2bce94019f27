//! The authorization table: every route × {anonymous, volunteer, coordinator
//! of centre A, coordinator of centre B, administrator} → expected status.
//! Later issues add their routes here; a test fails if a route of
//! `astreinte::web::ROUTES` is missing from the table.

#![allow(clippy::unwrap_used)]

use reqwest::StatusCode;

use crate::helpers::{spawn_app_with, Role, TestApp, PASSWORD};

/// (method, path, form body, expected status for
/// [anonymous, volunteer, coordinator A, coordinator B, administrator]).
/// In paths and bodies: `{centre_a}`, `{centre_b}` are centre ids, `{token}` a
/// well-formed unknown token, `{role}` the role's name (for unique emails).
/// POST bodies are sent with a valid CSRF token (CSRF has its own test).
pub const ROUTES: &[(&str, &str, &str, [u16; 5])] = &[
    ("GET", "/", "", [200, 303, 303, 303, 303]),
    (
        "POST",
        "/login",
        "email=personne@example.org&password=mauvais",
        [401, 401, 401, 401, 401],
    ),
    (
        "POST",
        "/login/magic-link",
        "email=personne@example.org",
        [200, 200, 200, 200, 200],
    ),
    ("GET", "/auth/magic/{token}", "", [410, 410, 410, 410, 410]),
    ("POST", "/auth/magic/{token}", "", [410, 410, 410, 410, 410]),
    ("POST", "/logout", "", [303, 303, 303, 303, 303]),
    ("POST", "/logout-everywhere", "", [303, 303, 303, 303, 303]),
    ("GET", "/home", "", [303, 200, 200, 200, 200]),
    ("GET", "/invite", "", [303, 403, 200, 200, 200]),
    (
        "POST",
        "/invite",
        "email=invite-{role}@example.org&display_name=Invite&centre_id={centre_a}",
        [303, 403, 303, 403, 303],
    ),
    (
        "POST",
        "/invite",
        "email=invite-b-{role}@example.org&display_name=Invite&centre_id={centre_b}",
        [303, 403, 403, 303, 303],
    ),
    ("GET", "/account/password", "", [303, 200, 200, 200, 200]),
    (
        "POST",
        "/account/password",
        "password=une phrase de passe solide&confirm=une phrase de passe solide",
        [303, 303, 303, 303, 303],
    ),
    // Volunteer pages (volunteers only; others 403, anonymous → sign-in).
    ("GET", "/disponibilites", "", [303, 200, 403, 403, 403]),
    (
        "POST",
        "/disponibilites",
        "cell-0-09=possible&cell-0-10=prefere",
        [303, 303, 403, 403, 403],
    ),
    (
        "POST",
        "/disponibilites/absence",
        "absence-from=&absence-to=",
        [303, 422, 403, 403, 403],
    ),
    (
        "POST",
        "/disponibilites/extra",
        "extra-date=&extra-from=14:00&extra-to=15:00&extra-state=possible",
        [303, 422, 403, 403, 403],
    ),
    (
        "POST",
        "/disponibilites/supprimer",
        "exception_id=999999",
        [303, 404, 403, 403, 403],
    ),
    ("GET", "/formation", "", [303, 200, 403, 403, 403]),
    ("GET", "/profil", "", [303, 200, 403, 403, 403]),
    (
        "POST",
        "/profil",
        "display_name=Volunteer&lang=fr&max_hours_week=6",
        [303, 303, 403, 403, 403],
    ),
    ("GET", "/static/volunteer.js", "", [200, 200, 200, 200, 200]),
    // « Mes astreintes » (any account; volunteers only for the
    // calendar), the token URLs (the token is the credential: unknown → 404 /
    // 401 for everyone), the API document, the centre's API tokens.
    ("GET", "/mes-astreintes", "", [303, 200, 200, 200, 200]),
    ("GET", "/mes-astreintes.ics", "", [303, 200, 403, 403, 403]),
    (
        "POST",
        "/mes-astreintes/calendrier",
        "",
        [303, 200, 403, 403, 403],
    ),
    (
        "POST",
        "/mes-astreintes/calendrier/revoquer",
        "",
        [303, 303, 403, 403, 403],
    ),
    (
        "GET",
        "/static/mes-astreintes-print.css",
        "",
        [200, 200, 200, 200, 200],
    ),
    (
        "GET",
        "/calendrier/{token}.ics",
        "",
        [404, 404, 404, 404, 404],
    ),
    ("GET", "/api/v1/astreinte", "", [401, 401, 401, 401, 401]),
    ("GET", "/api/openapi.json", "", [200, 200, 200, 200, 200]),
    (
        "GET",
        "/centres/{centre}/api",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "POST",
        "/centres/{centre}/api",
        "label=Authz {role}&include_phone=on",
        [303, 403, 200, 403, 200],
    ),
    (
        "POST",
        "/centres/{centre}/api/revoquer",
        "token_id=999999",
        [303, 403, 404, 403, 404],
    ),
    // Mail preferences (any account), unsubscribe (token only), outbox (admin).
    ("GET", "/profil/courriels", "", [303, 200, 200, 200, 200]),
    (
        "POST",
        "/profil/courriels",
        "lead=2880&lead=180&non_essential=on",
        [303, 303, 303, 303, 303],
    ),
    (
        "GET",
        "/desabonnement/{token}",
        "",
        [404, 404, 404, 404, 404],
    ),
    (
        "POST",
        "/desabonnement/{token}",
        "",
        [404, 404, 404, 404, 404],
    ),
    ("GET", "/admin/courriels", "", [303, 403, 403, 403, 200]),
    (
        "POST",
        "/admin/courriels/{id}/renvoyer",
        "",
        [303, 403, 403, 403, 404],
    ),
    ("GET", "/health", "", [200, 200, 200, 200, 200]),
    ("GET", "/static/app.css", "", [200, 200, 200, 200, 200]),
    // Administrator pages (admin only; anonymous → sign-in).
    ("GET", "/admin/centres", "", [303, 403, 403, 403, 200]),
    (
        "POST",
        "/admin/centres",
        "code=Z-{role}&name=Centre Z&timezone=Europe/Paris&mode=free",
        [303, 403, 403, 403, 303],
    ),
    (
        "GET",
        "/admin/centres/{centre}",
        "",
        [303, 403, 403, 403, 200],
    ),
    (
        "POST",
        "/admin/centres/{centre}",
        "code=A&name=Centre A&timezone=Europe/Paris&mode=free",
        [303, 403, 403, 403, 303],
    ),
    ("GET", "/admin/competences", "", [303, 403, 403, 403, 200]),
    (
        "POST",
        "/admin/competences",
        "code=AUTHZ&name_fr=Écoute&name_en=Listening&validity_months=24",
        [303, 403, 403, 403, 303],
    ),
    (
        "GET",
        "/admin/competences/{skill}",
        "",
        [303, 403, 403, 403, 200],
    ),
    (
        "POST",
        "/admin/competences/{skill}",
        "code=AUTHZ&name_fr=Écoute&name_en=Listening&validity_months=",
        [303, 403, 403, 403, 303],
    ),
    ("GET", "/admin/coordinateurs", "", [303, 403, 403, 403, 200]),
    (
        "POST",
        "/admin/coordinateurs",
        "email=admin@example.org&centre_id={centre_a}",
        [303, 403, 403, 403, 303],
    ),
    (
        "POST",
        "/admin/coordinateurs/retirer",
        "user_id=999999&centre_id={centre_a}",
        [303, 403, 403, 403, 303],
    ),
    ("GET", "/admin/parametres", "", [303, 403, 403, 403, 200]),
    (
        "POST",
        "/admin/parametres",
        "default_timezone=Europe/Paris&service_level_percent=80&answer_within_seconds=60\
         &min_shift_minutes=120&max_shift_minutes=240&min_rest_minutes=660\
         &trainee_requires_mentor=on&planning_horizon_weeks=8",
        [303, 403, 403, 403, 303],
    ),
    // Coordinator pages (centre A's coordinator and administrators).
    ("GET", "/centres/{centre}", "", [303, 403, 200, 403, 200]),
    (
        "GET",
        "/centres/{centre}/benevoles",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "GET",
        "/centres/{centre}/benevoles.csv",
        "",
        [303, 403, 200, 403, 200],
    ),
    ("GET", "/benevoles/{id}", "", [303, 403, 200, 403, 200]),
    (
        "POST",
        "/benevoles/{id}",
        "status=active&centre_{centre_a}=1&home_centre={centre_a}&max_hours_week=6",
        [303, 403, 303, 403, 303],
    ),
    (
        "GET",
        "/centres/{centre}/import",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "POST",
        "/centres/{centre}/import",
        "",
        [303, 403, 422, 403, 422],
    ),
    (
        "POST",
        "/centres/{centre}/import/confirm",
        "contenu=nom%0D%0AAuthz {role}",
        [303, 403, 303, 403, 303],
    ),
    (
        "GET",
        "/centres/{centre}/import/modele.csv",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "GET",
        "/centres/{centre}/demande",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "POST",
        "/centres/{centre}/demande",
        "competence=&jour=0&calls_9=10&aht_9=20",
        [303, 403, 400, 403, 400],
    ),
    (
        "POST",
        "/centres/{centre}/demande/sessions",
        "jour=0",
        [303, 403, 303, 403, 303],
    ),
    // A draft rota of centre A (`{rota}`); stale revision → 409.
    ("GET", "/plannings/{rota}", "", [303, 403, 200, 403, 200]),
    (
        "GET",
        "/plannings/{rota}.csv",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "GET",
        "/plannings/{rota}/imprimer",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "POST",
        "/plannings/{rota}/ajouter",
        "revision=999999",
        [303, 403, 409, 403, 409],
    ),
    (
        "POST",
        "/plannings/{rota}/retirer",
        "revision=999999&shift=1",
        [303, 403, 409, 403, 409],
    ),
    (
        "POST",
        "/plannings/{rota}/deplacer",
        "revision=999999&shift=1",
        [303, 403, 409, 403, 409],
    ),
    (
        "POST",
        "/plannings/{rota}/verrouiller",
        "revision=999999&shift=1",
        [303, 403, 409, 403, 409],
    ),
    (
        "POST",
        "/plannings/{rota}/modifier",
        "revision=999999",
        [303, 403, 409, 403, 409],
    ),
    (
        "POST",
        "/plannings/{rota}/publier",
        "revision=999999",
        [303, 403, 409, 403, 409],
    ),
    // Drop-outs (volunteers), replacements (centre A's
    // coordinator and administrators), cover links (anyone holding one).
    (
        "GET",
        "/astreintes/{shift}/desister",
        "",
        [303, 404, 403, 403, 403],
    ),
    (
        "POST",
        "/astreintes/{shift}/desister",
        "reason=",
        [303, 404, 403, 403, 403],
    ),
    (
        "GET",
        "/centres/{centre}/remplacements",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "POST",
        "/centres/{centre}/remplacements/{dropout}/affecter",
        "volunteer_id=1",
        [303, 403, 404, 403, 404],
    ),
    (
        "POST",
        "/centres/{centre}/remplacements/{dropout}/proposer",
        "count=3",
        [303, 403, 404, 403, 404],
    ),
    ("GET", "/remplacer/{token}", "", [410, 410, 410, 410, 410]),
    ("POST", "/remplacer/{token}", "", [410, 410, 410, 410, 410]),
    // Rota generation (centre A's coordinator and administrators;
    // `{job}` is a generation job of centre A; the second generation of a
    // week joins the running one, still 303).
    ("GET", "/planning", "", [303, 303, 303, 303, 303]),
    (
        "GET",
        "/centres/{centre}/planning",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "POST",
        "/centres/{centre}/planning/generer",
        "semaine=2026-W40",
        [303, 403, 303, 403, 303],
    ),
    ("GET", "/admin/planning", "", [303, 403, 403, 403, 200]),
    (
        "POST",
        "/admin/planning/generer",
        "semaine=2026-W40",
        [303, 403, 403, 403, 303],
    ),
    ("GET", "/travaux/{job}", "", [303, 403, 200, 403, 200]),
    ("GET", "/travaux/{job}.json", "", [303, 403, 200, 403, 200]),
    (
        "POST",
        "/plannings/{rota}/regenerer",
        "",
        [303, 403, 303, 403, 303],
    ),
    ("GET", "/static/job.js", "", [200, 200, 200, 200, 200]),
    // Data protection, journal, retention, metrics ({volunteer}: an unknown id).
    ("GET", "/mes-donnees", "", [303, 200, 200, 200, 200]),
    ("GET", "/mes-donnees.json", "", [303, 200, 200, 200, 200]),
    (
        "POST",
        "/mes-donnees/effacement",
        "",
        [303, 303, 303, 303, 303],
    ),
    ("GET", "/admin/effacements", "", [303, 403, 403, 403, 200]),
    (
        "POST",
        "/admin/benevoles/{volunteer}/effacer",
        "",
        [303, 403, 403, 403, 404],
    ),
    ("GET", "/admin/retention", "", [303, 403, 403, 403, 200]),
    ("GET", "/admin/journal", "", [303, 403, 403, 403, 200]),
    ("GET", "/metrics", "", [200, 200, 200, 200, 200]),
    // Training pages ({id} of a /formations path is a session
    // of centre A, of /formation/invitations an invitation of the seeded volunteer).
    ("GET", "/admin/formation", "", [303, 403, 403, 403, 200]),
    (
        "GET",
        "/admin/formation/{skill}",
        "",
        [303, 403, 403, 403, 200],
    ),
    (
        "POST",
        "/admin/formation/{skill}",
        "course=on&mentored_hours=10&signoff=on",
        [303, 403, 403, 403, 303],
    ),
    ("GET", "/formations", "", [303, 403, 200, 200, 200]),
    ("GET", "/formations/nouvelle", "", [303, 403, 200, 200, 200]),
    (
        "POST",
        "/formations/nouvelle",
        "skill={training_skill}&centre={centre_a}&date=2027-01-11&start=14:00&end=17:00\
         &trainer=Formatrice&capacity=8&grants=renew",
        [303, 403, 303, 422, 303],
    ),
    (
        "POST",
        "/formations/planifier",
        "centre={centre_a}&horizon=2027-03-01",
        [303, 403, 200, 403, 200],
    ),
    (
        "POST",
        "/formations/planifier/confirmer",
        "centre={centre_a}&horizon=2027-03-01",
        [303, 403, 303, 403, 303],
    ),
    ("GET", "/formations/{id}", "", [303, 403, 200, 403, 200]),
    (
        "POST",
        "/formations/{id}",
        "skill={training_skill}&centre={centre_a}&date=2027-01-11&start=14:00&end=17:00\
         &trainer=Formatrice&capacity=8&grants=renew",
        [303, 403, 303, 403, 303],
    ),
    (
        "POST",
        "/formations/{id}/supprimer",
        "",
        [303, 403, 303, 403, 303],
    ),
    (
        "GET",
        "/formations/{id}/presence",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "POST",
        "/formations/{id}/presence",
        "",
        [303, 403, 303, 403, 303],
    ),
    (
        "GET",
        "/formation/invitations",
        "",
        [303, 200, 403, 403, 403],
    ),
    (
        "POST",
        "/formation/invitations/{id}/accepter",
        "",
        [303, 303, 403, 403, 403],
    ),
    (
        "POST",
        "/formation/invitations/{id}/refuser",
        "",
        [303, 303, 403, 403, 403],
    ),
    (
        "GET",
        "/centres/{centre}/formation",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "GET",
        "/centres/{centre}/formation.csv",
        "",
        [303, 403, 200, 403, 200],
    ),
    (
        "POST",
        "/centres/{centre}/formation/validation",
        "volunteer_id=999999&skill_id=1",
        [303, 403, 404, 403, 404],
    ),
];

fn fill(app: &TestApp, template: &str, role: Role) -> String {
    // Training session and invitation ids.
    let template = &training_ids(app, template);
    template
        .replace("{centre_a}", &app.centre_a.to_string())
        .replace("{centre_b}", &app.centre_b.to_string())
        .replace("{token}", &"T".repeat(43))
        .replace("{role}", &format!("{role:?}").to_lowercase())
        // Centre A's code; the id of centre A's seeded volunteer.
        .replace("{centre}", "A")
        .replace("{id}", &volunteer_of_a(app, template))
        // Centre A's code; the skill the table's admin row creates.
        .replace("{centre}", "A")
        .replace("{skill}", "AUTHZ")
        // A volunteer id nobody has (the erase row must not erase the seeded one).
        .replace("{volunteer}", "999999")
        // A generation job of centre A.
        .replace("{job}", &job_of_a(app, template))
        // A draft rota of centre A.
        .replace("{rota}", &rota_of_a(app, template))
        // An unknown shift and drop-out.
        .replace("{shift}", "999999")
        .replace("{dropout}", "999999")
}

/// Id of the volunteer seeded in centre A, when `template` needs it.
fn volunteer_of_a(app: &TestApp, template: &str) -> String {
    if !template.contains("{id}") {
        return String::new();
    }
    astreinte::db::volunteers::by_external_id(&mut app.db(), "v-test")
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

// The draft rota of centre A the `/plannings/{rota}` rows use.
fn rota_of_a(app: &TestApp, template: &str) -> String {
    if !template.contains("{rota}") {
        return String::new();
    }
    let mut conn = app.db();
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let existing = astreinte::db::rotas::of_week(&mut conn, monday)
        .unwrap()
        .into_iter()
        .find(|r| r.scope == "A");
    match existing {
        Some(r) => r.id,
        None => {
            astreinte::db::rotas::create(&mut conn, monday, "A", "draft", None)
                .unwrap()
                .id
        }
    }
    .to_string()
}

#[test]
fn the_table_covers_every_route_of_the_application() {
    for route in astreinte::web::ROUTES {
        assert!(
            ROUTES
                .iter()
                .any(|(m, p, _, _)| *m == route.verb.as_str() && *p == route.path),
            "{} {} is missing from the authorization table",
            route.verb.as_str(),
            route.path
        );
    }
    for (m, p, _, _) in ROUTES {
        assert!(
            astreinte::web::ROUTES
                .iter()
                .any(|r| r.verb.as_str() == *m && r.path == *p),
            "{m} {p} is in the table but not in the application"
        );
    }
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_table_says() {
    // Each cell signs in afresh: lift the throttle for this test.
    let app = spawn_app_with(|c| {
        c.throttle.account_burst = 10_000;
        c.throttle.ip_burst = 10_000;
    })
    .await;
    let mut failures = Vec::new();
    for (method, path, body, expected) in ROUTES {
        for (role, want) in Role::ALL.iter().zip(expected) {
            let client = app.client_as(*role).await;
            let url = app.url(&fill(&app, path, *role));
            let resp = match *method {
                "GET" => client.get(&url).send().await.unwrap(),
                "POST" => {
                    let token = app.csrf(&client).await;
                    let mut form = fill(&app, body, *role);
                    if !form.is_empty() {
                        form.push('&');
                    }
                    form.push_str(&format!("csrf_token={token}"));
                    client
                        .post(&url)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(form)
                        .send()
                        .await
                        .unwrap()
                }
                other => panic!("unknown method {other}"),
            };
            let got = resp.status().as_u16();
            if got != *want {
                failures.push(format!(
                    "{method} {path} as {role:?}: expected {want}, got {got}"
                ));
            }
            if got == 303 && *role == Role::Anonymous && *want == 303 && *method == "GET" {
                assert_eq!(
                    resp.headers()["location"],
                    "/",
                    "{path} sends anonymous visitors to sign in"
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorization table mismatches:\n{}",
        failures.join("\n")
    );
    // The shared password still works (the table re-sets it to the same value).
    let c = crate::helpers::client();
    assert_eq!(
        app.login(&c, "admin@example.org", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

// The generation job of centre A the `/travaux/{job}` rows use.
fn job_of_a(app: &TestApp, template: &str) -> String {
    if !template.contains("{job}") {
        return String::new();
    }
    let week: astreinte::domain::week::IsoWeek = "2026-W41".parse().unwrap();
    let params = astreinte::rota::generate::GenerateParams::new(
        week,
        &astreinte::scenario_build::Scope::Centre("A".into()),
    );
    astreinte::rota::generate::enqueue(&mut app.db(), &params, None)
        .unwrap()
        .job_id()
        .to_string()
}

// A session of centre A (a fresh one for each delete) for
// `/formations/{id}`, an invitation of the seeded volunteer for
// `/formation/invitations/{id}`, the id of a skill for `{training_skill}`.
fn training_ids(app: &TestApp, template: &str) -> String {
    use astreinte::db::training::{self as q, SessionFields};
    let on_session = template.starts_with("/formations/") && template.contains("{id}");
    let on_invitation = template.starts_with("/formation/invitations/");
    if !on_session && !on_invitation && !template.contains("{training_skill}") {
        return template.to_string();
    }
    let mut c = app.db();
    let skill = astreinte::db::skills::upsert(&mut c, "AUTHZ-TRN", "Formation", "Training")
        .unwrap()
        .id;
    let template = template.replace("{training_skill}", &skill.to_string());
    if !on_session && !on_invitation {
        return template;
    }
    let existing = q::sessions_of(&mut c, Some(&[app.centre_a])).unwrap();
    let session = match existing.first() {
        Some(s) if !template.ends_with("/supprimer") => s.id,
        _ => {
            let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 11)
                .unwrap()
                .and_hms_opt(13, 0, 0)
                .unwrap();
            q::create_session(
                &mut c,
                &SessionFields {
                    skill_id: skill,
                    centre_id: app.centre_a,
                    remote: false,
                    start_utc: start,
                    end_utc: start + chrono::Duration::hours(3),
                    trainer: "Formatrice".into(),
                    capacity: 8,
                    grants: "renew",
                },
                1,
            )
            .unwrap()
        }
    };
    if on_session {
        return template.replace("{id}", &session.to_string());
    }
    let v = astreinte::db::volunteers::by_external_id(&mut c, "v-test")
        .unwrap()
        .unwrap()
        .id;
    q::invite(
        &mut c,
        session,
        v,
        chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
    )
    .unwrap();
    let inv = q::invitations_of_volunteer(&mut c, v)
        .unwrap()
        .into_iter()
        .find(|i| i.session_id == session)
        .unwrap();
    template.replace("{id}", &inv.id.to_string())
}
