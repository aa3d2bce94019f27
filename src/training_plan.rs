//! Database → training planner glue: builds the solver's
//! [`TrainingProblem`] for one centre and a horizon date, runs
//! [`solver::training::plan`], creates the confirmed invitations (with their
//! emails through the outbox) and re-offers a declined seat with
//! [`solver::training::offer_next`].
//!
//! Who is planned: the active volunteers linked to the centre (home centre =
//! first link, the others are centres they accept to travel to) who, for a
//! skill taught by one of the centre's coming sessions, either hold the
//! qualification with a `valid_until` on or before the horizon (renewal), or
//! are trainees for it who have not attended a granting course yet and hold
//! every prerequisite (course). Availability is the weekly pattern, absences
//! and extras, materialised in the centre's time zone over the weeks of the
//! sessions.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;
use solver::training::{
    self as planner, Grants, Need, NeedKind, Place, Session, TrainingOptions, TrainingPlan,
    TrainingProblem, Window,
};

use crate::db::schema::volunteer_centres;
use crate::db::training::{self as q, SessionRow, DECLINED};
use crate::db::{
    audit, availability as avail, centres, outbox, skills, training_catalogue, users, volunteers,
    DbConnection,
};
use crate::domain::availability::{materialise, Absence, Extra, WeeklyRange};
use crate::domain::frdate;
use crate::domain::localtime::start_of_day;
use crate::domain::week::IsoWeek;
use crate::i18n::{Lang, Tr};

/// The planner input with what the review page needs to name things.
#[derive(Debug, Clone)]
pub struct PlanInput {
    pub centre_id: i32,
    pub timezone: Tz,
    pub horizon: NaiveDate,
    pub problem: TrainingProblem,
    pub sessions: Vec<SessionRow>,
    /// Volunteer id → display name (for the review page).
    pub names: HashMap<i32, String>,
}

fn tz_of(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Europe::Paris)
}

/// Everything the solver needs, from the database.
pub fn build_input(
    conn: &mut DbConnection,
    centre_id: i32,
    horizon: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<PlanInput> {
    let centre = centres::by_id(conn, centre_id)?
        .ok_or_else(|| anyhow::anyhow!("unknown centre {centre_id}"))?;
    let tz = tz_of(&centre.timezone);
    let until = start_of_day(tz, horizon + Duration::days(1));
    let sessions: Vec<SessionRow> = q::sessions_between(conn, now.naive_utc(), until.naive_utc())?
        .into_iter()
        .filter(|s| s.centre_id == centre_id)
        .collect();
    let session_ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
    let skill_ids: BTreeSet<i32> = sessions.iter().map(|s| s.skill_id).collect();
    let skill_code: HashMap<i32, String> = skills::list(conn)?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();

    // Volunteers of the centre with their centres in order.
    let linked: Vec<i32> = volunteer_centres::table
        .filter(volunteer_centres::centre_id.eq(centre_id))
        .select(volunteer_centres::volunteer_id)
        .load(conn)?;
    let linked: HashSet<i32> = linked.into_iter().collect();
    let mut centres_of: HashMap<i32, Vec<(i32, i32)>> = HashMap::new();
    let rows: Vec<(i32, i32, i32)> = volunteer_centres::table
        .select((
            volunteer_centres::volunteer_id,
            volunteer_centres::centre_id,
            volunteer_centres::position,
        ))
        .load(conn)?;
    for (v, c, p) in rows {
        if linked.contains(&v) {
            centres_of.entry(v).or_default().push((p, c));
        }
    }
    let vols: Vec<volunteers::Volunteer> = volunteers::list(conn)?
        .into_iter()
        .filter(|v| v.status == "active" && linked.contains(&v.id))
        .collect();

    let mut quals: HashMap<(i32, i32), Option<NaiveDate>> = HashMap::new();
    let mut held: HashMap<i32, Vec<(i32, Option<NaiveDate>)>> = HashMap::new();
    for qrow in volunteers::all_qualifications(conn)? {
        if linked.contains(&qrow.volunteer_id) {
            quals.insert((qrow.volunteer_id, qrow.skill_id), qrow.valid_until);
            held.entry(qrow.volunteer_id)
                .or_default()
                .push((qrow.skill_id, qrow.valid_until));
        }
    }
    let trainee: HashSet<(i32, i32)> = volunteers::all_trainees(conn)?
        .into_iter()
        .map(|t| (t.volunteer_id, t.skill_id))
        .collect();
    let attended: HashSet<(i32, i32)> = q::courses_attended(conn)?.into_iter().collect();
    let mut prereqs: HashMap<i32, Vec<i32>> = HashMap::new();
    for (s, r) in training_catalogue::all_prerequisites(conn)? {
        prereqs.entry(s).or_default().push(r);
    }
    let today = now.with_timezone(&tz).date_naive();
    let holds_valid = |v: i32, skill: i32| {
        held.get(&v).is_some_and(|l| {
            l.iter()
                .any(|(s, u)| *s == skill && u.is_none_or(|d| d >= today))
        })
    };

    // Existing seats.
    let invitations = q::invitations_of_sessions(conn, &session_ids)?;
    let mut booked: HashMap<i32, Vec<String>> = HashMap::new();
    let mut declined: HashMap<i32, Vec<String>> = HashMap::new();
    for inv in &invitations {
        let target = if inv.status == DECLINED {
            &mut declined
        } else {
            &mut booked
        };
        target
            .entry(inv.volunteer_id)
            .or_default()
            .push(inv.session_id.to_string());
    }

    // Availability: weeks spanned by the sessions, in the centre's zone.
    let weeks: BTreeSet<IsoWeek> = sessions
        .iter()
        .flat_map(|s| {
            let a = s.start_utc.and_utc().with_timezone(&tz).date_naive();
            let b = s.end_utc.and_utc().with_timezone(&tz).date_naive();
            [IsoWeek::containing(a), IsoWeek::containing(b)]
        })
        .collect();
    let mut patterns: HashMap<i32, Vec<WeeklyRange>> = HashMap::new();
    let mut absences: HashMap<i32, Vec<Absence>> = HashMap::new();
    let mut extras: HashMap<i32, Vec<Extra>> = HashMap::new();
    if !sessions.is_empty() {
        for r in avail::all_patterns(conn)? {
            if linked.contains(&r.volunteer_id) {
                patterns
                    .entry(r.volunteer_id)
                    .or_default()
                    .push(WeeklyRange {
                        weekday: r.weekday.clamp(0, 6) as u32,
                        start_minute: i64::from(r.start_minute),
                        end_minute: i64::from(r.end_minute),
                        preferred: r.preferred,
                    });
            }
        }
        let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
            anyhow::bail!("no week");
        };
        for e in
            avail::exceptions_between(conn, first.monday() - Duration::days(1), last.next_monday())?
        {
            if !linked.contains(&e.volunteer_id) {
                continue;
            }
            if e.kind == "absent" {
                absences.entry(e.volunteer_id).or_default().push(Absence {
                    start_date: e.start_date,
                    end_date: e.end_date,
                    start_minute: e.start_minute.map(i64::from),
                    end_minute: e.end_minute.map(i64::from),
                });
            } else {
                let x = match (e.start_utc, e.end_utc) {
                    (Some(s), Some(t)) => Extra::Exact {
                        start: s.and_utc(),
                        end: t.and_utc(),
                        preferred: e.preferred,
                    },
                    _ => Extra::Local {
                        start_date: e.start_date,
                        end_date: e.end_date,
                        start_minute: e.start_minute.map(i64::from),
                        end_minute: e.end_minute.map(i64::from),
                        preferred: e.preferred,
                    },
                };
                extras.entry(e.volunteer_id).or_default().push(x);
            }
        }
    }

    let mut needs = Vec::new();
    let mut names = HashMap::new();
    let mut with_need: HashSet<i32> = HashSet::new();
    for v in &vols {
        let mut kinds = Vec::new();
        for &skill in &skill_ids {
            let kind = match quals.get(&(v.id, skill)) {
                Some(Some(until)) if *until <= horizon => {
                    Some(NeedKind::Expiring { expires_on: *until })
                }
                Some(_) => None,
                None if trainee.contains(&(v.id, skill))
                    && !attended.contains(&(v.id, skill))
                    && prereqs
                        .get(&skill)
                        .is_none_or(|rs| rs.iter().all(|r| holds_valid(v.id, *r))) =>
                {
                    Some(NeedKind::NeedsCourse)
                }
                None => None,
            };
            if let Some(k) = kind {
                kinds.push((skill, k));
            }
        }
        if kinds.is_empty() {
            continue;
        }
        with_need.insert(v.id);
        let mut links = centres_of.remove(&v.id).unwrap_or_default();
        links.sort();
        let home = links.first().map_or(centre_id, |l| l.1);
        let others: Vec<String> = links.iter().skip(1).map(|l| l.1.to_string()).collect();
        let mut availability = Vec::new();
        for &w in &weeks {
            for win in materialise(
                tz,
                w,
                patterns.get(&v.id).map_or(&[][..], Vec::as_slice),
                absences.get(&v.id).map_or(&[][..], Vec::as_slice),
                extras.get(&v.id).map_or(&[][..], Vec::as_slice),
            ) {
                availability.push(Window {
                    start: win.start,
                    end: win.end,
                });
            }
        }
        if let Some(u) = users::by_id(conn, v.user_id)? {
            names.insert(v.id, u.display_name);
        }
        for (skill, kind) in kinds {
            needs.push(Need {
                volunteer: v.id.to_string(),
                skill: skill_code.get(&skill).cloned().unwrap_or_default(),
                kind,
                home_centre: home.to_string(),
                other_centres: others.clone(),
                availability: availability.clone(),
                already_attending: booked.get(&v.id).cloned().unwrap_or_default(),
                declined: declined.get(&v.id).cloned().unwrap_or_default(),
            });
        }
    }

    let mut taken: HashMap<i32, u32> = HashMap::new();
    for inv in &invitations {
        if inv.status != DECLINED && !with_need.contains(&inv.volunteer_id) {
            *taken.entry(inv.session_id).or_default() += 1;
        }
    }
    let problem = TrainingProblem {
        sessions: sessions
            .iter()
            .map(|s| Session {
                id: s.id.to_string(),
                skill: skill_code.get(&s.skill_id).cloned().unwrap_or_default(),
                start: s.start_utc.and_utc(),
                end: s.end_utc.and_utc(),
                place: if s.remote {
                    Place::Remote
                } else {
                    Place::Centre(s.centre_id.to_string())
                },
                capacity: u32::try_from(s.capacity).unwrap_or(0),
                seats_taken: taken.get(&s.id).copied().unwrap_or(0),
                grants: if s.grants == "grant" {
                    Grants::Grant
                } else {
                    Grants::Renew
                },
            })
            .collect(),
        needs,
        horizon,
    };
    Ok(PlanInput {
        centre_id,
        timezone: tz,
        horizon,
        problem,
        sessions,
        names,
    })
}

/// Solves the planner input (30 s limit, one thread).
pub fn solve(input: &PlanInput) -> anyhow::Result<TrainingPlan> {
    Ok(planner::plan(&input.problem, &TrainingOptions::default())?)
}

/// Parses `"session:volunteer"` pairs of the confirm form.
pub fn parse_pair(s: &str) -> Option<(i32, i32)> {
    let (a, b) = s.split_once(':')?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

/// The invitation mail, in the volunteer's language.
pub fn invitation_message(
    conn: &mut DbConnection,
    session: &SessionRow,
    volunteer_id: i32,
    public_url: &str,
) -> anyhow::Result<Option<outbox::NewMessage>> {
    let Some(v) = volunteers::by_id(conn, volunteer_id)? else {
        return Ok(None);
    };
    let Some(user) = users::by_id(conn, v.user_id)? else {
        return Ok(None);
    };
    let Some(email) = user.email.clone() else {
        return Ok(None);
    };
    let t = Tr::new(Lang::parse(&user.lang).unwrap_or_default());
    let centre = centres::by_id(conn, session.centre_id)?;
    let tz = centre
        .as_ref()
        .map_or(chrono_tz::Europe::Paris, |c| tz_of(&c.timezone));
    let skill = skills::list(conn)?
        .into_iter()
        .find(|s| s.id == session.skill_id);
    let skill_name = skill
        .map(|s| match t.lang {
            Lang::En if !s.name_en.is_empty() => s.name_en,
            _ => s.name_fr,
        })
        .unwrap_or_default();
    let start = session.start_utc.and_utc().with_timezone(&tz);
    let end = session.end_utc.and_utc().with_timezone(&tz);
    let when = format!(
        "{} {}–{}",
        frdate::format_date(t.lang, start.date_naive()),
        start.format("%H:%M"),
        end.format("%H:%M")
    );
    let place = if session.remote {
        t.t("training-place-remote")
    } else {
        centre.map(|c| c.name).unwrap_or_default()
    };
    let body = crate::web::training::mails::invitation_text(
        t,
        &skill_name,
        &when,
        &place,
        &format!("{public_url}/formation/invitations"),
    )?;
    Ok(Some(outbox::NewMessage {
        dedup_key: format!(
            "training:invitation:session:{}:volunteer:{volunteer_id}",
            session.id
        ),
        recipient: email,
        kind: "training_invitation".to_string(),
        subject: t.args("training-mail-subject", &[("skill", &skill_name)]),
        body_text: body,
        body_html: None,
        send_after: crate::db::now_utc(),
    }))
}

/// Invites a volunteer to a session and queues the mail, in the caller's
/// transaction; false when the seat was already offered.
pub fn invite_one(
    conn: &mut DbConnection,
    session: &SessionRow,
    volunteer_id: i32,
    horizon: NaiveDate,
    actor: Option<i32>,
    public_url: &str,
) -> anyhow::Result<bool> {
    let Some(id) = q::invite(conn, session.id, volunteer_id, horizon)? else {
        return Ok(false);
    };
    if let Some(msg) = invitation_message(conn, session, volunteer_id, public_url)? {
        outbox::enqueue(conn, &msg)?;
    }
    audit::record(
        conn,
        &audit::Event {
            actor,
            action: "training.invite",
            target_kind: "training_invitation",
            target_id: Some(id.to_string()),
            centre_id: Some(session.centre_id),
            details: Some(format!("session={} volunteer={volunteer_id}", session.id)),
        },
    )?;
    Ok(true)
}

/// Seats still free in a session: capacity − invitations not declined.
pub fn free_seats(conn: &mut DbConnection, session: &SessionRow) -> anyhow::Result<i64> {
    let used = q::invitations_of_sessions(conn, &[session.id])?
        .iter()
        .filter(|i| i.status != DECLINED)
        .count() as i64;
    Ok(i64::from(session.capacity) - used)
}

/// After a decline: the next candidate for the freed seat gets an
/// invitation (in the caller's transaction). Returns their volunteer id.
pub fn offer_freed_seat(
    conn: &mut DbConnection,
    session: &SessionRow,
    horizon: NaiveDate,
    now: DateTime<Utc>,
    public_url: &str,
) -> anyhow::Result<Option<i32>> {
    let input = build_input(conn, session.centre_id, horizon, now)?;
    let next = planner::offer_next(&input.problem, &[], &session.id.to_string())?;
    let Some(a) = next else {
        return Ok(None);
    };
    let vid: i32 = a.volunteer.parse()?;
    invite_one(conn, session, vid, horizon, None, public_url)?;
    Ok(Some(vid))
}
