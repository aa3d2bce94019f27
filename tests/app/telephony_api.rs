//! The telephony API `/api/v1/astreinte` and its OpenAPI document: bearer
//! tokens per centre (created by coordinators, shown once, stored hashed,
//! revocable), 401/403/400 as JSON naming the problem, phones only when the
//! token allows them, times with the centre's offset (Paris across the
//! autumn change, Réunion +04:00), answers conforming to the document.

#![allow(clippy::unwrap_used)]

use astreinte::db::schema::api_tokens;
use chrono::Duration;
use diesel::prelude::*;
use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::helpers::{client, spawn_app, Role, TestApp};
use crate::my_shifts_support::{input_value, listening, publish, shift, utc, volunteer};

/// Creates a token for `centre` as `who`; returns it.
async fn new_token(app: &TestApp, who: &Client, centre: &str, label: &str, phones: bool) -> String {
    let mut fields = vec![("label", label)];
    if phones {
        fields.push(("include_phone", "on"));
    }
    let r = app
        .post_form(who, &format!("/centres/{centre}/api"), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    input_value(&html, "new-token")
}

async fn ask(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let mut req = client().get(app.url(&format!("/api/v1/astreinte{query}")));
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let r = req.send().await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    (status, headers, r.json().await.unwrap())
}

/// Seeds: two volunteers of A on a night across the autumn change 2027, one
/// in the morning after; one of B (Réunion).
fn seed(app: &TestApp) {
    let skill = listening(app);
    let alice = volunteer(
        app,
        "alice@example.org",
        "Alice Appel",
        Some("+33 6 12 34 56 78"),
        app.centre_a,
    );
    let bob = volunteer(app, "bob@example.org", "Bob Bascule", None, app.centre_a);
    let rose = volunteer(
        app,
        "rose@example.org",
        "Rose Réunion",
        Some("+262 692 00 00 00"),
        app.centre_b,
    );
    let week = chrono::NaiveDate::from_ymd_opt(2027, 10, 25).unwrap();
    let night_start = utc("2027-10-31T00:00:00+02:00");
    let night_end = utc("2027-10-31T06:00:00+01:00");
    let morning = night_end;
    publish(
        app,
        week,
        &[
            shift(alice, app.centre_a, skill, night_start, night_end),
            shift(
                bob,
                app.centre_a,
                skill,
                morning,
                morning + Duration::hours(6),
            ),
            shift(
                rose,
                app.centre_b,
                skill,
                utc("2027-10-31T08:00:00+04:00"),
                utc("2027-10-31T12:00:00+04:00"),
            ),
        ],
    );
}

// ---- a small JSON Schema check against the served document ----

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let mut v = doc;
            for part in r.trim_start_matches("#/").split('/') {
                v = &v[part];
            }
            assert!(!v.is_null(), "dangling $ref {r}");
            v
        }
        None => schema,
    }
}

fn type_ok(t: &str, value: &Value) -> bool {
    match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "null" => value.is_null(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        other => panic!("unknown type {other}"),
    }
}

fn check(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    match &schema["type"] {
        Value::String(t) if !type_ok(t, value) => errors.push(format!("{at}: not {t}")),
        Value::Array(ts) if !ts.iter().any(|t| type_ok(t.as_str().unwrap(), value)) => {
            errors.push(format!("{at}: none of {ts:?}"))
        }
        _ => {}
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            errors.push(format!("{at}: {value} not in enum"));
        }
    }
    if schema.get("format").and_then(Value::as_str) == Some("date-time") {
        if let Some(s) = value.as_str() {
            if chrono::DateTime::parse_from_rfc3339(s).is_err() {
                errors.push(format!("{at}: {s} is not RFC 3339"));
            }
        }
    }
    if let Some(obj) = value.as_object() {
        let props = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for req in schema["required"].as_array().cloned().unwrap_or_default() {
            if !obj.contains_key(req.as_str().unwrap()) {
                errors.push(format!("{at}: required {req} missing"));
            }
        }
        for (k, v) in obj {
            match props.get(k) {
                Some(s) => check(doc, s, v, &format!("{at}.{k}"), errors),
                None => errors.push(format!("{at}: {k} is not declared in the schema")),
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            check(doc, items, v, &format!("{at}[{i}]"), errors);
        }
    }
}

/// Asserts that `body` conforms to the document's response schema for `status`.
fn conforms(doc: &Value, status: StatusCode, body: &Value) {
    let op = &doc["paths"]["/api/v1/astreinte"]["get"];
    let resp = &op["responses"][status.as_str()];
    assert!(!resp.is_null(), "status {status} is not documented");
    let schema = &resp["content"]["application/json"]["schema"];
    let mut errors = Vec::new();
    check(doc, schema, body, "$", &mut errors);
    assert!(errors.is_empty(), "{status} {body}: {errors:?}");
}

async fn document(app: &TestApp) -> Value {
    let r = client()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    serde_json::from_str(&text).expect("the document is JSON")
}

#[tokio::test]
async fn the_openapi_document_describes_the_path_parameters_security_and_errors() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    let op = &doc["paths"]["/api/v1/astreinte"]["get"];
    assert!(op.is_object(), "the path is described");
    let names: Vec<&str> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["centre", "skill", "at"]);
    for code in ["200", "400", "401", "403"] {
        assert!(op["responses"][code].is_object(), "{code}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearerAuth"]["scheme"],
        "bearer"
    );
    assert!(op["responses"]["401"]["headers"]["WWW-Authenticate"].is_object());
}

#[tokio::test]
async fn refusals_are_json_naming_the_problem_and_conform_to_the_document() {
    let app = spawn_app().await;
    seed(&app);
    let doc = document(&app).await;
    let coord_a = app.client_as(Role::CoordA).await;
    let coord_b = app.client_as(Role::CoordB).await;
    let token_a = new_token(&app, &coord_a, "A", "Standard A", false).await;
    let token_b = new_token(&app, &coord_b, "B", "Standard B", false).await;

    // No token.
    let (s, h, body) = ask(&app, None, "?centre=A&skill=ECOUTE").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(h["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    assert_eq!(body["error"], "missing_token");
    conforms(&doc, s, &body);
    // Unknown and malformed tokens.
    for bad in ["X".repeat(43), "court".to_string()] {
        let (s, h, body) = ask(&app, Some(&bad), "?centre=A&skill=ECOUTE").await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert!(h["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("invalid_token"));
        assert_eq!(body["error"], "invalid_token");
        conforms(&doc, s, &body);
    }
    // Another centre's token.
    let (s, _, body) = ask(&app, Some(&token_b), "?centre=A&skill=ECOUTE").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "forbidden_centre");
    conforms(&doc, s, &body);
    // Bad parameters, each named.
    for (query, param) in [
        ("?skill=ECOUTE", "centre"),
        ("?centre=A", "skill"),
        ("?centre=A&skill=INCONNUE", "skill"),
        ("?centre=a&skill=ECOUTE&at=demain", "at"),
        ("?centre=A&skill=ECOUTE&at=", "at"),
    ] {
        let (s, _, body) = ask(&app, Some(&token_a), query).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(body["parameter"], param, "{query}");
        assert!(body["message"].as_str().unwrap().contains(param));
        conforms(&doc, s, &body);
    }
    // A revoked token is refused.
    let id: i32 = api_tokens::table
        .filter(api_tokens::label.eq("Standard A"))
        .select(api_tokens::id)
        .first(&mut app.db())
        .unwrap();
    let (s, _, _) = ask(&app, Some(&token_a), "?centre=A&skill=ECOUTE").await;
    assert_eq!(s, StatusCode::OK);
    let r = app
        .post_form(
            &coord_a,
            "/centres/A/api/revoquer",
            &[("token_id", &id.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _, body) = ask(&app, Some(&token_a), "?centre=A&skill=ECOUTE").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(body["message"].as_str().unwrap().contains("revoked"));
    conforms(&doc, s, &body);
}

#[tokio::test]
async fn answers_carry_paris_offsets_across_the_autumn_change_and_phones_only_when_allowed() {
    let app = spawn_app().await;
    seed(&app);
    let doc = document(&app).await;
    let coord_a = app.client_as(Role::CoordA).await;
    let plain = new_token(&app, &coord_a, "A", "Sans numéros", false).await;
    let phones = new_token(&app, &coord_a, "A", "Avec numéros", true).await;

    // 02:30 in the repeated hour, second occurrence (CET).
    let q = "?centre=A&skill=ecoute&at=2027-10-31T02:30:00%2B01:00";
    let (s, _, body) = ask(&app, Some(&plain), q).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    conforms(&doc, s, &body);
    assert_eq!(body["centre"], "A");
    assert_eq!(body["timezone"], "Europe/Paris");
    assert_eq!(body["at"], "2027-10-31T02:30:00+01:00");
    let now = body["now"].as_array().unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!(now[0]["name"], "Alice Appel");
    assert_eq!(now[0]["role"], "staff");
    assert_eq!(now[0]["start"], "2027-10-31T00:00:00+02:00");
    assert_eq!(now[0]["end"], "2027-10-31T06:00:00+01:00");
    assert!(now[0].get("phone").is_none(), "no phone without the flag");
    let next = body["next"].as_array().unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0]["name"], "Bob Bascule");
    assert_eq!(next[0]["start"], "2027-10-31T06:00:00+01:00");
    assert!(
        !body.to_string().contains("Rose"),
        "another centre's volunteers"
    );

    let (s, _, body) = ask(&app, Some(&phones), q).await;
    assert_eq!(s, StatusCode::OK);
    conforms(&doc, s, &body);
    assert_eq!(body["now"][0]["phone"], "+33 6 12 34 56 78");
    assert!(body["next"][0]["phone"].is_null(), "unknown phone is null");
    assert!(body["next"][0].as_object().unwrap().contains_key("phone"));

    // Only hashes are stored.
    let hashes: Vec<String> = api_tokens::table
        .select(api_tokens::token_hash)
        .load(&mut app.db())
        .unwrap();
    assert!(!hashes.contains(&plain));
    assert!(hashes.contains(&astreinte::auth::tokens::hash_token(&plain)));
}

#[tokio::test]
async fn a_reunion_centre_answers_at_plus_four() {
    let app = spawn_app().await;
    seed(&app);
    let doc = document(&app).await;
    let coord_b = app.client_as(Role::CoordB).await;
    let token = new_token(&app, &coord_b, "B", "Standard Réunion", true).await;
    let (s, _, body) = ask(
        &app,
        Some(&token),
        "?centre=B&skill=ECOUTE&at=2027-10-31T06:00:00Z",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    conforms(&doc, s, &body);
    assert_eq!(body["at"], "2027-10-31T10:00:00+04:00");
    assert_eq!(body["timezone"], "Indian/Reunion");
    assert_eq!(body["now"][0]["name"], "Rose Réunion");
    assert_eq!(body["now"][0]["start"], "2027-10-31T08:00:00+04:00");
    assert_eq!(body["now"][0]["end"], "2027-10-31T12:00:00+04:00");
    assert_eq!(body["now"][0]["phone"], "+262 692 00 00 00");
    assert_eq!(body["next"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn tokens_are_managed_by_the_centres_coordinators_and_shown_once() {
    let app = spawn_app().await;
    let coord_a = app.client_as(Role::CoordA).await;
    let coord_b = app.client_as(Role::CoordB).await;
    // Coordinator B cannot see or create A's tokens.
    assert_eq!(
        app.get(&coord_b, "/centres/A/api").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = app
        .post_form(&coord_b, "/centres/A/api", &[("label", "Intrus")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A label is required.
    let r = app
        .post_form(&coord_a, "/centres/A/api", &[("label", " ")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"label-error\""));
    assert!(crate::helpers::unescape(&html).contains("Nom du jeton : ce champ est obligatoire."));
    // Created, shown once.
    let token = new_token(&app, &coord_a, "A", "Standard", true).await;
    assert_eq!(token.len(), 43);
    let html = app
        .get(&coord_a, "/centres/A/api")
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains(&token));
    assert!(html.contains("Standard"));
    // B cannot revoke A's token; revoking an unknown id is 404.
    let id: i32 = api_tokens::table
        .select(api_tokens::id)
        .first(&mut app.db())
        .unwrap();
    let r = app
        .post_form(
            &coord_b,
            "/centres/A/api/revoquer",
            &[("token_id", &id.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .post_form(
            &coord_b,
            "/centres/B/api/revoquer",
            &[("token_id", &id.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "not B's token");
    let audit = astreinte::db::audit::search(
        &mut app.db(),
        &astreinte::db::audit::Filter {
            action_prefix: Some("api_token.".into()),
            ..Default::default()
        },
        10,
    )
    .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].centre_id, Some(app.centre_a));
    assert!(!audit[0]
        .details
        .clone()
        .unwrap_or_default()
        .contains(&token));
}
