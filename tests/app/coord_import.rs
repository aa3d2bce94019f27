//! CSV import and export of volunteers: a file with one bad line
//! imports nothing and names the line and column in French; a good file
//! (`;` with a BOM, or `,`) imports every line in one go after a preview;
//! the export reads back; the multipart form needs its CSRF token.

#![allow(clippy::unwrap_used)]

use astreinte::db::volunteers;
use reqwest::StatusCode;

use crate::coord_support::{hidden_content, multipart, skill, upload, users_named};
use crate::helpers::{spawn_app, unescape, Role, TestApp};

const BAD: &str = "\u{feff}nom;email;telephone;langue;heures_max;astreintes_max;qualifications\r\n\
Anne Leroy;anne@example.org;06 11 22 33 44;fr;6;2;ECOUTE\r\n\
Basile Moreau;basile@example.org;;en;4,5;;ECOUTE|NUIT:2027-06-30\r\n\
Carla Blanc;pas-une-adresse;;fr;;;\r\n";

fn good_semicolon() -> String {
    BAD.replace("pas-une-adresse", "carla@example.org")
}

async fn confirm(app: &TestApp, c: &reqwest::Client, preview_html: &str) -> reqwest::Response {
    let token = app.csrf(c).await;
    let (ct, body) = multipart_fields(&token, &hidden_content(preview_html));
    c.post(app.url("/centres/A/import/confirm"))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap()
}

fn multipart_fields(token: &str, content: &str) -> (String, Vec<u8>) {
    let b = "----astreinte-confirm";
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"contenu\"\r\n\r\n{content}\r\n--{b}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={b}"),
        body.into_bytes(),
    )
}

fn seed_skills(app: &TestApp) {
    let mut conn = app.db();
    skill(&mut conn, "ECOUTE", Some(24));
    skill(&mut conn, "NUIT", None);
}

#[tokio::test]
async fn one_bad_line_imports_nothing_and_names_line_and_column() {
    let app = spawn_app().await;
    seed_skills(&app);
    let c = app.client_as(Role::CoordA).await;
    let resp = upload(&app, &c, "/centres/A/import", BAD.as_bytes()).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&resp.text().await.unwrap());
    assert!(html.contains("id=\"import-errors\""));
    assert!(
        html.contains("<li>ligne 4, colonne email : adresse invalide</li>"),
        "{html}"
    );
    assert!(html.contains("id=\"import-preview\""));
    assert!(!html.contains("id=\"import-confirm\""), "no confirm button");
    let mut conn = app.db();
    assert_eq!(users_named(&mut conn, "Anne Leroy"), 0);

    // Forcing step 2 with the bad content imports nothing either.
    let token = app.csrf(&c).await;
    let (ct, body) = multipart_fields(&token, BAD);
    let resp = c
        .post(app.url("/centres/A/import/confirm"))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(users_named(&mut conn, "Anne Leroy"), 0);
    assert_eq!(users_named(&mut conn, "Basile Moreau"), 0);
}

#[tokio::test]
async fn a_good_semicolon_file_with_bom_imports_every_line_after_preview() {
    let app = spawn_app().await;
    seed_skills(&app);
    let c = app.client_as(Role::CoordA).await;
    let resp = upload(&app, &c, "/centres/A/import", good_semicolon().as_bytes()).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    assert!(html.contains("id=\"import-confirm\""));
    let mut conn = app.db();
    assert_eq!(users_named(&mut conn, "Anne Leroy"), 0, "preview only");
    let resp = confirm(&app, &c, &html).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(resp.headers()["location"], "/centres/A/import?fait=3");
    for name in ["Anne Leroy", "Basile Moreau", "Carla Blanc"] {
        assert_eq!(users_named(&mut conn, name), 1, "{name}");
    }
    let basile = astreinte::db::users::by_email(&mut conn, "basile@example.org")
        .unwrap()
        .unwrap();
    assert_eq!(basile.lang, "en");
    let v = volunteers::by_user_id(&mut conn, basile.id)
        .unwrap()
        .unwrap();
    assert_eq!(v.max_minutes_week, Some(270));
    assert_eq!(
        volunteers::centres_of(&mut conn, v.id).unwrap(),
        [app.centre_a]
    );
    let quals: Vec<_> = volunteers::all_qualifications(&mut conn)
        .unwrap()
        .into_iter()
        .filter(|q| q.volunteer_id == v.id)
        .collect();
    assert_eq!(quals.len(), 2);
    assert!(quals
        .iter()
        .any(|q| q.valid_until == chrono::NaiveDate::from_ymd_opt(2027, 6, 30)));
    let page = app
        .get(&c, "/centres/A/import?fait=3")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"import-done\">3 bénévoles importés."));

    // The same file again: every address is now taken, nothing imported.
    let resp = upload(&app, &c, "/centres/A/import", good_semicolon().as_bytes()).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&resp.text().await.unwrap());
    assert!(html.contains("ligne 2, colonne email : adresse déjà utilisée par un compte"));
}

#[tokio::test]
async fn a_comma_file_without_bom_is_accepted() {
    let app = spawn_app().await;
    seed_skills(&app);
    let c = app.client_as(Role::CoordA).await;
    let text = "Nom,Email,Qualifications\nDina Faure,dina@example.org,\"ECOUTE|NUIT\"\n";
    let resp = upload(&app, &c, "/centres/A/import", text.as_bytes()).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    assert_eq!(
        confirm(&app, &c, &html).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(users_named(&mut app.db(), "Dina Faure"), 1);
}

#[tokio::test]
async fn the_export_uses_the_import_format_and_reads_back() {
    let app = spawn_app().await;
    seed_skills(&app);
    let c = app.client_as(Role::CoordA).await;
    let resp = upload(&app, &c, "/centres/A/import", good_semicolon().as_bytes()).await;
    let html = resp.text().await.unwrap();
    assert_eq!(
        confirm(&app, &c, &html).await.status(),
        StatusCode::SEE_OTHER
    );

    let resp = app.get(&c, "/centres/A/benevoles.csv?q=basile").await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let bytes = resp.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "nom",
            "email",
            "telephone",
            "langue",
            "heures_max",
            "astreintes_max",
            "qualifications"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 1, "the filter applies");
    assert_eq!(&rows[0][0], "Basile Moreau");
    assert_eq!(&rows[0][4], "4,5");
    assert!(rows[0][6].contains("NUIT:2027-06-30"));

    // The whole export, imported into centre B after deleting the accounts'
    // emails, would be valid: here we check it parses with the import rules.
    let all = app
        .get(&c, "/centres/A/benevoles.csv")
        .await
        .bytes()
        .await
        .unwrap();
    let b = app.client_as(Role::CoordB).await;
    let resp = upload(&app, &b, "/centres/B/import", &all).await;
    let html = unescape(&resp.text().await.unwrap());
    // Only "already used" errors: the format itself reads back.
    assert!(html.contains("adresse déjà utilisée"));
    assert!(!html.contains("colonne inconnue"));
    assert!(!html.contains("invalide"), "{html}");
}

#[tokio::test]
async fn the_multipart_form_needs_its_csrf_token() {
    let app = spawn_app().await;
    seed_skills(&app);
    let c = app.client_as(Role::CoordA).await;
    for token in ["", "faux"] {
        let (ct, body) = multipart(token, "csv_file", good_semicolon().as_bytes());
        let resp = c
            .post(app.url("/centres/A/import"))
            .header("content-type", ct)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::FORBIDDEN, "token {token:?}");
    }
    // A token sent as a file part does not count.
    let token = app.csrf(&c).await;
    let (ct, body) = multipart("x", "csrf_token", token.as_bytes());
    let resp = c
        .post(app.url("/centres/A/import"))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    // Malformed multipart body: refused.
    let resp = c
        .post(app.url("/centres/A/import"))
        .header("content-type", "multipart/form-data; boundary=zz")
        .body(format!(
            "--zz\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    // Nothing imported by any of these.
    assert_eq!(users_named(&mut app.db(), "Anne Leroy"), 0);
    // A coordinator of B cannot import into A even with a valid token.
    let b = app.client_as(Role::CoordB).await;
    let resp = upload(&app, &b, "/centres/A/import", good_semicolon().as_bytes()).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_excel_windows_1252_file_keeps_its_accents_through_both_steps() {
    let app = spawn_app().await;
    seed_skills(&app);
    let c = app.client_as(Role::CoordA).await;
    let file = b"nom;email\r\nZo\xe9 L\x92Hermite;zoe@example.org\r\n";
    let resp = upload(&app, &c, "/centres/A/import", file).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    assert_eq!(
        confirm(&app, &c, &html).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(users_named(&mut app.db(), "Zoé L’Hermite"), 1);
}
