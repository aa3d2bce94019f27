//! "Votre planning de la semaine": when a rota is published, each volunteer
//! whose shifts it sets or changes gets their shifts of the week (local
//! times in each centre's zone). Queued inside the publishing transaction;
//! one message per (volunteer, rota version and revision).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::rotas::{self, Rota, RotaShift};
use crate::db::schema::{centres, rotas as rotas_t, skills, users, volunteers};
use crate::db::{now_utc, DbConnection};
use crate::domain::frdate::{format_date, format_day_month};
use crate::i18n::Lang;

use super::render::{self, Footer, ShiftLine};
use super::{enqueue, lang_of, local_date_time, zone, Outgoing, KIND_WEEKLY};

/// "semaine 50, du 7 décembre au dimanche 13 décembre 2026".
pub fn week_label(lang: Lang, monday: NaiveDate) -> String {
    let sunday = monday + Duration::days(6);
    let n = monday.iso_week().week();
    match lang {
        Lang::Fr => format!(
            "semaine {n}, du {} au {}",
            format_day_month(lang, monday),
            format_date(lang, sunday)
        ),
        Lang::En => format!(
            "week {n}, {} to {}",
            format_day_month(lang, monday),
            format_date(lang, sunday)
        ),
    }
}

/// The version published before `rota` for the same week and scope.
fn previous_version(conn: &mut DbConnection, rota: &Rota) -> QueryResult<Option<Rota>> {
    rotas_t::table
        .filter(rotas_t::week_start.eq(rota.week_start))
        .filter(rotas_t::scope.eq(&rota.scope))
        .filter(rotas_t::id.ne(rota.id))
        .filter(rotas_t::published_at.is_not_null())
        .filter(rotas_t::version.lt(rota.version))
        .order(rotas_t::version.desc())
        .select(Rota::as_select())
        .first(conn)
        .optional()
}

type Identity = (i32, NaiveDateTime, NaiveDateTime, i32);

fn by_volunteer(shifts: &[RotaShift]) -> BTreeMap<i32, BTreeSet<Identity>> {
    let mut map: BTreeMap<i32, BTreeSet<Identity>> = BTreeMap::new();
    for s in shifts {
        map.entry(s.volunteer_id).or_default().insert((
            s.centre_id,
            s.start_utc,
            s.end_utc,
            s.skill_id,
        ));
    }
    map
}

/// Called in the transaction that publishes `rota_id`: queues the planning
/// of every volunteer whose shifts differ from the previously published
/// version (everyone with a shift on a first publication; those who lost
/// all their shifts are told too). Returns the number of messages queued.
pub fn rota_published(conn: &mut DbConnection, rota_id: i32) -> QueryResult<usize> {
    let rota = rotas::by_id(conn, rota_id)?.ok_or(diesel::result::Error::NotFound)?;
    let current = by_volunteer(&rotas::shifts_of(conn, rota_id)?);
    let previous = match previous_version(conn, &rota)? {
        Some(p) => Some(by_volunteer(&rotas::shifts_of(conn, p.id)?)),
        None => None,
    };
    let affected: Vec<i32> = match &previous {
        None => current.keys().copied().collect(),
        Some(prev) => {
            let all: BTreeSet<i32> = current.keys().chain(prev.keys()).copied().collect();
            all.into_iter()
                .filter(|v| current.get(v) != prev.get(v))
                .collect()
        }
    };
    send(conn, &rota, &affected, previous.is_some())
}

/// Called when the shifts of `volunteer_ids` changed in the published rota
/// `rota_id` (an edit after publication bumps its revision).
pub fn shifts_changed(
    conn: &mut DbConnection,
    rota_id: i32,
    volunteer_ids: &[i32],
) -> QueryResult<usize> {
    let rota = rotas::by_id(conn, rota_id)?.ok_or(diesel::result::Error::NotFound)?;
    send(conn, &rota, volunteer_ids, true)
}

#[derive(Queryable)]
struct Person {
    user_id: i32,
    email: Option<String>,
    name: String,
    lang: String,
}

fn send(
    conn: &mut DbConnection,
    rota: &Rota,
    volunteer_ids: &[i32],
    changed: bool,
) -> QueryResult<usize> {
    if volunteer_ids.is_empty() {
        return Ok(0);
    }
    let shifts = rotas::shifts_of(conn, rota.id)?;
    let centre_rows: Vec<(i32, String, String)> = centres::table
        .select((centres::id, centres::name, centres::timezone))
        .load(conn)?;
    let centre_of: BTreeMap<i32, (String, String)> = centre_rows
        .into_iter()
        .map(|(id, n, tz)| (id, (n, tz)))
        .collect();
    let skill_rows: Vec<(i32, String, String)> = skills::table
        .select((skills::id, skills::name_fr, skills::name_en))
        .load(conn)?;
    let skill_of: BTreeMap<i32, (String, String)> = skill_rows
        .into_iter()
        .map(|(id, fr, en)| (id, (fr, en)))
        .collect();
    let mut queued = 0;
    for &vid in volunteer_ids {
        let person: Option<Person> = volunteers::table
            .inner_join(users::table)
            .filter(volunteers::id.eq(vid))
            .select((users::id, users::email, users::display_name, users::lang))
            .first(conn)
            .optional()?;
        let Some(p) = person else { continue };
        let Some(to) = p.email.clone() else { continue };
        let lang = lang_of(&p.lang);
        let lines: Vec<ShiftLine> = shifts
            .iter()
            .filter(|s| s.volunteer_id == vid)
            .map(|s| {
                let (centre, tzname) = centre_of.get(&s.centre_id).cloned().unwrap_or_default();
                let tz = zone(&tzname);
                let (date, start) = local_date_time(lang, tz, s.start_utc);
                let (_, end) = local_date_time(lang, tz, s.end_utc);
                let (fr, en) = skill_of.get(&s.skill_id).cloned().unwrap_or_default();
                ShiftLine {
                    date,
                    start,
                    end,
                    centre,
                    skill: if lang == Lang::Fr { fr } else { en },
                }
            })
            .collect();
        let foot = Footer::default();
        let message = render::weekly_planning(&render::WeeklyPlanning {
            fr: lang == Lang::Fr,
            name: p.name.clone(),
            week: week_label(lang, rota.week_start),
            changed,
            shifts: lines,
            footer: foot.clone(),
        })
        .map_err(super::NotifyError::from)?;
        let outcome = enqueue(
            conn,
            Outgoing {
                key: format!(
                    "planning:rota:{}:v{}:r{}:user:{}",
                    rota.id, rota.version, rota.revision, p.user_id
                ),
                kind: KIND_WEEKLY,
                to: &to,
                message,
                footer: &foot,
                attachment: None,
                send_after: now_utc(),
            },
        )?;
        if matches!(outcome, crate::db::outbox::Enqueued::New(_)) {
            queued += 1;
        }
    }
    tracing::info!(rota_id = rota.id, queued, "weekly planning mail queued");
    Ok(queued)
}
