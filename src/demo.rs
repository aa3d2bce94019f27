//! Demo data: centres, 600 volunteers with availability and qualifications
//! from the public benchmark instances (alma-600 plus the fixed-session
//! centres of alma-sessions), French display names, and four known accounts
//! (volunteer, coordinator of two centres, administrator). Idempotent.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context;
use serde_json::Value;

use crate::db::import::{import_problem, ImportExtras};
use crate::db::{centres, users, volunteers, DbConnection};

mod names;

pub use names::volunteer_names;

/// One demo account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub role: &'static str,
    pub email: String,
    pub password: String,
}

/// The demo accounts to print, and what the coordinator coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogins {
    pub volunteer: Login,
    pub coordinator: Login,
    pub admin: Login,
    /// Codes of the centres the demo coordinator coordinates.
    pub coordinator_centres: Vec<String>,
    /// Whether this call created the data (false: it was already there).
    pub created: bool,
}

const ADMIN_EMAIL: &str = "admin@demo.astreinte.test";
const COORD_EMAIL: &str = "coordination@demo.astreinte.test";
const VOLUNTEER_EMAIL: &str = "benevole@demo.astreinte.test";
const PASSWORD: &str = "astreinte-demo";
const DEMO_VOLUNTEER: &str = "v00001";

fn logins(coordinator_centres: Vec<String>, created: bool) -> DemoLogins {
    let login = |role, email: &str| Login {
        role,
        email: email.to_string(),
        password: PASSWORD.to_string(),
    };
    DemoLogins {
        volunteer: login("volunteer", VOLUNTEER_EMAIL),
        coordinator: login("coordinator", COORD_EMAIL),
        admin: login("admin", ADMIN_EMAIL),
        coordinator_centres,
        created,
    }
}

/// Seeds the demo data from `bench_dir` (the folder holding `alma-600.json`
/// and `alma-sessions.json`), or reuses it when already seeded.
pub fn seed_demo(conn: &mut DbConnection, bench_dir: &Path) -> anyhow::Result<DemoLogins> {
    if users::by_email(conn, ADMIN_EMAIL)?.is_some() {
        return Ok(logins(existing_coordinated_codes(conn)?, false));
    }
    let alma = read_json(&bench_dir.join("alma-600.json"))?;
    let sessions = read_json(&bench_dir.join("alma-sessions.json"))?;
    let sessions = sessions_only_centres(&alma, sessions);
    let hash = users::hash_password(PASSWORD)?;
    let mut used_names = 0;
    let codes = conn.write_transaction::<_, anyhow::Error, _>(|c| {
        for doc in [&alma, &sessions] {
            let mut doc = doc.clone();
            let n = doc["volunteers"].as_array().map_or(0, Vec::len);
            let people = volunteer_names(used_names + n);
            if let Some(list) = doc["volunteers"].as_array_mut() {
                for (v, (name, email)) in list.iter_mut().zip(people.into_iter().skip(used_names)) {
                    v["name"] = Value::from(name);
                    v["email"] = Value::from(email);
                }
            }
            used_names += n;
            let bytes = serde_json::to_vec(&doc)?;
            let problem = solver::parse_scenario(&bytes)
                .map_err(|e| anyhow::anyhow!("demo scenario invalid: {e}"))?;
            import_problem(c, &problem, &ImportExtras::from_json(&doc))?;
        }
        accounts(c, &hash)
    })?;
    Ok(logins(codes, true))
}

/// The demo coordinator's centres, the demo volunteer's home centre first.
fn existing_coordinated_codes(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let Some(coord) = users::by_email(conn, COORD_EMAIL)? else {
        return Ok(Vec::new());
    };
    let mut ids = centres::coordinated_by(conn, coord.id)?;
    if let Some(v) = volunteers::by_external_id(conn, DEMO_VOLUNTEER)? {
        if let Some(&home) = volunteers::centres_of(conn, v.id)?.first() {
            ids.sort_by_key(|&id| (id != home, id));
        }
    }
    let mut codes = Vec::new();
    for id in ids {
        if let Some(row) = centres::by_id(conn, id)? {
            codes.push(row.code);
        }
    }
    Ok(codes)
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{} is not JSON", path.display()))
}

/// alma-sessions restricted to the centres alma-600 does not have, with
/// their own volunteers (ids prefixed `s`), and without locked shifts.
fn sessions_only_centres(alma: &Value, mut s: Value) -> Value {
    let taken: HashSet<String> = alma["centres"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["id"].as_str().map(str::to_string))
        .collect();
    let keep = |v: &Value, key: &str| v[key].as_str().is_some_and(|c| !taken.contains(c));
    let retain = |s: &mut Value, list: &str, key: &str| {
        if let Some(a) = s[list].as_array_mut() {
            a.retain(|x| keep(x, key));
        }
    };
    retain(&mut s, "centres", "id");
    retain(&mut s, "demand", "centre");
    retain(&mut s, "shift_templates", "centre");
    if let Some(vs) = s["volunteers"].as_array_mut() {
        vs.retain(|v| {
            v["centres"].as_array().is_some_and(|cs| {
                !cs.is_empty()
                    && cs
                        .iter()
                        .all(|c| c.as_str().is_some_and(|c| !taken.contains(c)))
            })
        });
        for v in vs.iter_mut() {
            let id = format!("s{}", v["id"].as_str().unwrap_or_default());
            v["id"] = Value::from(id);
        }
    }
    s["locked_shifts"] = Value::Array(Vec::new());
    s["name"] = Value::from("alma-sessions-demo");
    s
}

/// The administrator, the coordinator (of the demo volunteer's home centre
/// and one more) and the demo volunteer's login.
fn accounts(c: &mut DbConnection, hash: &str) -> anyhow::Result<Vec<String>> {
    users::create(
        c,
        &users::NewUser {
            email: Some(ADMIN_EMAIL),
            display_name: "Administratrice démo",
            lang: "fr",
            password_hash: Some(hash),
            is_admin: true,
            ..Default::default()
        },
    )?;
    let coord = users::create(
        c,
        &users::NewUser {
            email: Some(COORD_EMAIL),
            display_name: "Coordinateur démo",
            lang: "fr",
            password_hash: Some(hash),
            ..Default::default()
        },
    )?;
    let vol = volunteers::by_external_id(c, DEMO_VOLUNTEER)?.context("demo volunteer missing")?;
    users::set_email(c, vol.user_id, Some(VOLUNTEER_EMAIL))?;
    users::set_password_hash(c, vol.user_id, Some(hash))?;
    let home = volunteers::centres_of(c, vol.id)?;
    let all = centres::list(c)?;
    let mut ids: Vec<i32> = home.into_iter().take(1).collect();
    if let Some(other) = all.iter().find(|x| !ids.contains(&x.id)) {
        ids.push(other.id);
    }
    let mut codes = Vec::new();
    for id in ids {
        centres::add_coordinator(c, coord.id, id)?;
        if let Some(row) = all.iter().find(|x| x.id == id) {
            codes.push(row.code.clone());
        }
    }
    Ok(codes)
}
