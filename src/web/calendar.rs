//! A volunteer's published shifts as calendar events: the personal feed
//! `GET /calendrier/{token}.ics` (secret token URL, no session) and the
//! model shared with "Mes astreintes" and its `.ics` download.
//!
//! Event identity: a shift is "the same shift" across rota versions when it
//! has the same volunteer, centre, skill, local start date (centre's zone) and
//! rank among that volunteer's shifts of that centre, skill and date. Its UID
//! is built from that identity, so a republished rota updates the event
//! instead of adding one; SEQUENCE counts the publications in which its
//! times or role changed, and LAST-MODIFIED is when the current form was
//! first published.

use std::collections::{BTreeMap, HashMap};

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::auth::tokens;
use crate::db::my_shifts::{self, PublishedShift};
use crate::db::{calendar_tokens, users, volunteers, DbConnection};
use crate::i18n::{Lang, Tr};
use crate::ical::{self, IcalEvent};
use crate::web::error::WebError;
use crate::web::state::AppState;

/// The feed and the download include shifts that ended up to this many weeks ago.
pub const FEED_PAST_WEEKS: i64 = 8;

/// One of my published shifts, with what pages and events show.
#[derive(Debug, Clone, PartialEq)]
pub struct MyShift {
    pub shift: PublishedShift,
    pub tz: Tz,
    /// Stable identity across rota versions (see the module doc).
    pub identity: String,
    pub sequence: u32,
    pub last_modified: NaiveDateTime,
    /// Display names of the others on duty at the same centre during this
    /// shift (the binôme), sorted, without duplicates.
    pub binome: Vec<String>,
}

impl MyShift {
    pub fn start(&self) -> DateTime<Tz> {
        self.shift.start_utc.and_utc().with_timezone(&self.tz)
    }
    pub fn end(&self) -> DateTime<Tz> {
        self.shift.end_utc.and_utc().with_timezone(&self.tz)
    }
    pub fn skill_name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.shift.skill_name_en.is_empty() => &self.shift.skill_name_en,
            _ => &self.shift.skill_name_fr,
        }
    }
    pub fn is_trainee(&self) -> bool {
        self.shift.role == "trainee"
    }
}

fn zone(name: &str) -> Tz {
    name.parse::<Tz>().unwrap_or(chrono_tz::Europe::Paris)
}

/// Identity keys of one version's shifts of one volunteer (same order as `shifts`).
fn identities(shifts: &[PublishedShift]) -> Vec<String> {
    let mut order: Vec<usize> = (0..shifts.len()).collect();
    order.sort_by_key(|&i| (shifts[i].start_utc, shifts[i].shift_id));
    let mut rank: HashMap<(i32, i32, NaiveDate), u32> = HashMap::new();
    let mut out = vec![String::new(); shifts.len()];
    for i in order {
        let s = &shifts[i];
        let date = s
            .start_utc
            .and_utc()
            .with_timezone(&zone(&s.timezone))
            .date_naive();
        let n = rank.entry((s.centre_id, s.skill_id, date)).or_insert(0);
        *n += 1;
        out[i] = format!(
            "v{}-c{}-s{}-{}-{}",
            s.volunteer_id,
            s.centre_id,
            s.skill_id,
            date.format("%Y%m%d"),
            n
        );
    }
    out
}

/// (week, scope, identity) of a shift in the publication history.
type HistoryKey = (NaiveDate, String, String);

/// Sequence and last modification of each identity, from the publication
/// history of the weeks concerned.
fn history(
    conn: &mut DbConnection,
    volunteer_id: i32,
    weeks: &[NaiveDate],
) -> Result<HashMap<HistoryKey, (u32, NaiveDateTime)>, WebError> {
    let versions = my_shifts::published_versions(conn, weeks)?;
    let ids: Vec<i32> = versions.iter().map(|v| v.rota_id).collect();
    let shifts = my_shifts::volunteer_shifts_in(conn, volunteer_id, &ids)?;
    let mut by_rota: HashMap<i32, Vec<PublishedShift>> = HashMap::new();
    for s in shifts {
        by_rota.entry(s.rota_id).or_default().push(s);
    }
    // (week, scope, identity) → (sequence, changed at, last value, present in the last version).
    type Value = (NaiveDateTime, NaiveDateTime, String);
    type State = (u32, NaiveDateTime, Value, bool);
    let mut state: HashMap<HistoryKey, State> = HashMap::new();
    for v in &versions {
        let empty = Vec::new();
        let list = by_rota.get(&v.rota_id).unwrap_or(&empty);
        let keys = identities(list);
        let mut seen: Vec<HistoryKey> = Vec::new();
        for (s, key) in list.iter().zip(keys) {
            let k = (v.week_start, v.scope.clone(), key);
            let value = (s.start_utc, s.end_utc, s.role.clone());
            match state.get_mut(&k) {
                None => {
                    state.insert(k.clone(), (0, v.published_at, value, true));
                }
                Some(st) => {
                    if !st.3 || st.2 != value {
                        st.0 += 1;
                        st.1 = v.published_at;
                        st.2 = value;
                    }
                    st.3 = true;
                }
            }
            seen.push(k);
        }
        for (k, st) in state.iter_mut() {
            if k.0 == v.week_start && k.1 == v.scope && !seen.contains(k) {
                st.3 = false;
            }
        }
    }
    Ok(state
        .into_iter()
        .map(|(k, (seq, at, _, _))| (k, (seq, at)))
        .collect())
}

/// My published shifts ending after `from`, by start, with binôme, identity
/// and history.
pub fn load_my_shifts(
    conn: &mut DbConnection,
    volunteer_id: i32,
    from: NaiveDateTime,
) -> Result<Vec<MyShift>, WebError> {
    let shifts = my_shifts::published_for_volunteer(conn, volunteer_id, from, None)?;
    if shifts.is_empty() {
        return Ok(Vec::new());
    }
    // Identities within each current rota.
    let mut by_rota: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, s) in shifts.iter().enumerate() {
        by_rota.entry(s.rota_id).or_default().push(i);
    }
    let mut keys = vec![String::new(); shifts.len()];
    for idx in by_rota.values() {
        let list: Vec<PublishedShift> = idx.iter().map(|&i| shifts[i].clone()).collect();
        for (&i, k) in idx.iter().zip(identities(&list)) {
            keys[i] = k;
        }
    }
    let mut weeks: Vec<NaiveDate> = shifts.iter().map(|s| s.week_start).collect();
    weeks.sort();
    weeks.dedup();
    let hist = history(conn, volunteer_id, &weeks)?;

    // The others on duty at the same centres over the same period.
    let mut centres: Vec<i32> = shifts.iter().map(|s| s.centre_id).collect();
    centres.sort();
    centres.dedup();
    let lo = shifts.iter().map(|s| s.start_utc).min().unwrap_or(from);
    let hi = shifts.iter().map(|s| s.end_utc).max().unwrap_or(from);
    let others: Vec<my_shifts::OnDuty> = my_shifts::on_duty_between(conn, &centres, None, lo, hi)?
        .into_iter()
        .filter(|o| o.volunteer_id != volunteer_id)
        .collect();

    Ok(shifts
        .into_iter()
        .zip(keys)
        .map(|(s, identity)| {
            let (sequence, last_modified) = hist
                .get(&(s.week_start, s.scope.clone(), identity.clone()))
                .copied()
                .unwrap_or((0, s.published_at.unwrap_or(s.start_utc)));
            let mut binome: Vec<String> = others
                .iter()
                .filter(|o| {
                    o.centre_id == s.centre_id && o.start_utc < s.end_utc && o.end_utc > s.start_utc
                })
                .map(|o| o.display_name.clone())
                .collect();
            binome.sort();
            binome.dedup();
            MyShift {
                tz: zone(&s.timezone),
                shift: s,
                identity,
                sequence,
                last_modified,
                binome,
            }
        })
        .collect())
}

/// The calendar events of these shifts, in `lang`; `base_url` for the link back.
pub fn events(shifts: &[MyShift], t: Tr, base_url: &str) -> Vec<IcalEvent> {
    shifts
        .iter()
        .map(|m| {
            let skill = m.skill_name(t.lang).to_string();
            let centre = m.shift.centre_name.clone();
            let summary_id = if m.is_trainee() {
                "my-shifts-ical-summary-trainee"
            } else {
                "my-shifts-ical-summary"
            };
            let mut lines = vec![t.args(
                "my-shifts-ical-role",
                &[("role", &t.t(role_message(&m.shift.role)))],
            )];
            if m.binome.is_empty() {
                lines.push(t.t("my-shifts-binome-none"));
            } else {
                lines.push(t.args("my-shifts-binome-line", &[("names", &m.binome.join(", "))]));
            }
            let mut e = IcalEvent::new(
                format!("astreinte-{}@astreinte", m.identity),
                m.shift.start_utc.and_utc(),
                m.shift.end_utc.and_utc(),
                m.tz,
                t.args(
                    summary_id,
                    &[("skill", skill.as_str()), ("centre", centre.as_str())],
                ),
                m.last_modified.and_utc(),
            );
            e.location = Some(centre);
            e.description = Some(lines.join("\n"));
            e.sequence = m.sequence;
            e.url = Some(format!("{base_url}/mes-astreintes"));
            e
        })
        .collect()
}

/// Message id of a role's name.
pub fn role_message(role: &str) -> &'static str {
    if role == "trainee" {
        "my-shifts-role-trainee"
    } else {
        "my-shifts-role-staff"
    }
}

/// The calendar text of a volunteer's shifts (past [`FEED_PAST_WEEKS`] weeks
/// and everything to come).
pub fn volunteer_calendar(
    conn: &mut DbConnection,
    volunteer_id: i32,
    t: Tr,
    base_url: &str,
) -> Result<String, WebError> {
    let from = (Utc::now() - Duration::weeks(FEED_PAST_WEEKS)).naive_utc();
    let shifts = load_my_shifts(conn, volunteer_id, from)?;
    Ok(ical::calendar(
        &t.t("my-shifts-calendar-name"),
        &events(&shifts, t, base_url),
    ))
}

/// Strong ETag of a body.
pub fn etag_of(body: &str) -> String {
    use sha2::{Digest, Sha256};
    format!(
        "\"{}\"",
        &hex::encode(Sha256::digest(body.as_bytes()))[..32]
    )
}

/// Whether `If-None-Match` names `etag` (or `*`).
pub fn not_modified(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().trim_start_matches("W/"))
        .any(|v| v == etag || v == "*")
}

/// A calendar response with validators; `304` when the client's copy is current.
pub fn calendar_response(
    req: &HttpRequest,
    body: String,
    last_modified: Option<NaiveDateTime>,
    attachment: Option<&str>,
) -> HttpResponse {
    let etag = etag_of(&body);
    let mut resp = if not_modified(req, &etag) {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    resp.insert_header((header::ETAG, etag.clone()))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"));
    if let Some(lm) = last_modified {
        resp.insert_header((
            header::LAST_MODIFIED,
            lm.and_utc().format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
        ));
    }
    if not_modified(req, &etag) {
        return resp.finish();
    }
    resp.insert_header((header::CONTENT_TYPE, "text/calendar; charset=utf-8"));
    if let Some(name) = attachment {
        resp.insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ));
    }
    resp.body(body)
}

/// The most recent change visible in a calendar: the latest publication of
/// any rota (a removal changes no remaining event).
fn latest_publication(conn: &mut DbConnection) -> Result<Option<NaiveDateTime>, WebError> {
    use crate::db::schema::rotas;
    use diesel::prelude::*;
    Ok(rotas::table
        .filter(rotas::published_at.is_not_null())
        .select(diesel::dsl::max(rotas::published_at))
        .first::<Option<NaiveDateTime>>(conn)?)
}

/// GET `/calendrier/{token}.ics`: the personal feed. No session: the secret
/// token is the credential; revoked or unknown → 404.
pub async fn feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = path.into_inner();
    if !tokens::looks_like_token(&token) {
        return Err(WebError::NotFound);
    }
    let hash = tokens::hash_token(&token);
    let base_url = state.public_url.clone();
    let (body, last_modified) = state
        .db(move |conn| {
            let Some(row) = calendar_tokens::by_hash(conn, &hash)? else {
                return Err(WebError::NotFound);
            };
            let volunteer = volunteers::by_id(conn, row.volunteer_id)?.ok_or(WebError::NotFound)?;
            let lang = users::by_id(conn, volunteer.user_id)?
                .and_then(|u| Lang::parse(&u.lang))
                .unwrap_or_default();
            calendar_tokens::touch(conn, row.id)?;
            let body = volunteer_calendar(conn, volunteer.id, Tr::new(lang), &base_url)?;
            tracing::info!(
                token_id = row.id,
                volunteer_id = volunteer.id,
                "calendar feed served"
            );
            Ok((body, latest_publication(conn)?))
        })
        .await?;
    Ok(calendar_response(&req, body, last_modified, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shift(id: i32, start: &str, hours: i64) -> PublishedShift {
        let s = NaiveDateTime::parse_from_str(start, "%Y-%m-%d %H:%M").expect("date");
        PublishedShift {
            shift_id: id,
            rota_id: 1,
            week_start: NaiveDate::from_ymd_opt(2026, 10, 19).expect("date"),
            scope: "all".into(),
            published_at: None,
            volunteer_id: 7,
            centre_id: 2,
            centre_code: "A".into(),
            centre_name: "Centre A".into(),
            timezone: "Europe/Paris".into(),
            skill_id: 3,
            skill_code: "ECOUTE".into(),
            skill_name_fr: "Écoute".into(),
            skill_name_en: "Listening".into(),
            role: "staff".into(),
            start_utc: s,
            end_utc: s + Duration::hours(hours),
        }
    }

    #[test]
    fn identity_is_by_local_date_and_rank_not_by_row_id() {
        // 22:30 UTC on the 24th is 00:30 on the 25th in Paris.
        let a = vec![
            shift(10, "2026-10-24 22:30", 4),
            shift(11, "2026-10-24 06:00", 4),
            shift(12, "2026-10-24 12:00", 4),
        ];
        let k = identities(&a);
        assert_eq!(k[0], "v7-c2-s3-20261025-1");
        assert_eq!(k[1], "v7-c2-s3-20261024-1");
        assert_eq!(k[2], "v7-c2-s3-20261024-2");
        // The same shifts under other row ids (a new version) keep their identity.
        let b = vec![
            shift(99, "2026-10-24 06:00", 5),
            shift(98, "2026-10-24 12:00", 4),
        ];
        let kb = identities(&b);
        assert_eq!(kb[0], k[1]);
        assert_eq!(kb[1], k[2]);
    }
}
