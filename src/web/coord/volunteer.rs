//! `/benevoles/{id}`: a volunteer's record for a coordinator of one of
//! their centres (or an administrator): qualifications, trainee records,
//! commitment, centres and status, saved in one transaction.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::csvexport::hours_text;
use super::roster::QualState;
use super::volunteer_form::{validate, Context, Errors, FormData};
use super::{availability_view, horizon, long_date, skill_name};
use crate::db::coord::{self, RosterEntry};
use crate::db::{availability, centres, skills, volunteers, DbConnection};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinatorAny, SessionUser, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// An input's value and its message.
#[derive(Debug, Clone, Default)]
pub struct Field {
    pub value: String,
    pub error: Option<String>,
}

pub struct QualView {
    pub id: i32,
    pub skill: String,
    pub state: String,
    pub obtained: Field,
    pub until: Field,
    pub remove: bool,
}

pub struct TraineeView {
    pub id: i32,
    pub skill: String,
    pub target: Field,
    pub started: Field,
    pub remove: bool,
}

pub struct CentreView {
    pub id: i32,
    pub label: String,
    pub checked: bool,
    pub editable: bool,
}

#[derive(Template)]
#[template(path = "coord/volunteer.html")]
struct VolunteerPage {
    t: Tr,
    ui: Ui,
    id: i32,
    name: String,
    email: String,
    phone: String,
    saved: bool,
    error_summary: String,
    back: String,
    max_hours_week: Field,
    max_shifts_week: Field,
    min_hours_month: Field,
    status: Field,
    left_on: Field,
    quals: Vec<QualView>,
    new_skill: Field,
    new_obtained_on: Field,
    new_valid_until: Field,
    trainees: Vec<TraineeView>,
    new_trainee_skill: Field,
    new_trainee_target_hours: Field,
    new_trainee_started_on: Field,
    centres: Vec<CentreView>,
    centres_error: Option<String>,
    home_centre: String,
    /// (id, name) of every skill.
    skills: Vec<(i32, String)>,
    /// Weekly ranges and coming exceptions, as sentences.
    weekly: Vec<String>,
    exceptions: Vec<String>,
}

struct Loaded {
    entry: RosterEntry,
    patterns: Vec<availability::PatternRow>,
    exceptions: Vec<availability::ExceptionRow>,
    centre_ids: Vec<i32>,
    all: Vec<centres::Centre>,
    skills: Vec<skills::Skill>,
    today: chrono::NaiveDate,
}

/// Loads the volunteer if the viewer may see them: 404 unknown, 403 not theirs.
async fn load(state: &AppState, user: &SessionUser, id: i32) -> Result<Loaded, WebError> {
    let loaded = state
        .db(move |conn| {
            let (today, to) = horizon(conn)?;
            let Some(entry) = coord::entry(conn, id, today, to)? else {
                return Ok(None);
            };
            Ok(Some(Loaded {
                patterns: availability::patterns_of(conn, id)?,
                exceptions: availability::exceptions_of(conn, id)?,
                centre_ids: volunteers::centres_of(conn, id)?,
                entry,
                all: centres::list(conn)?,
                skills: skills::list(conn)?,
                today,
            }))
        })
        .await?
        .ok_or(WebError::NotFound)?;
    if user.is_admin || loaded.centre_ids.iter().any(|c| user.centres.contains(c)) {
        Ok(loaded)
    } else {
        tracing::warn!(
            user_id = user.id,
            volunteer_id = id,
            "volunteer of another centre refused"
        );
        Err(WebError::Forbidden)
    }
}

fn f(value: impl Into<String>) -> Field {
    Field {
        value: value.into(),
        error: None,
    }
}

fn date_value(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl VolunteerPage {
    /// The page showing the stored record.
    fn stored(t: Tr, ui: Ui, l: &Loaded, user: &SessionUser) -> VolunteerPage {
        let e = &l.entry;
        let v = &e.volunteer;
        let skill = |id: i32| {
            l.skills
                .iter()
                .find(|s| s.id == id)
                .map(|s| skill_name(t, s))
                .unwrap_or_default()
        };
        let back = l
            .centre_ids
            .iter()
            .find(|c| user.can_coordinate(**c))
            .and_then(|c| l.all.iter().find(|x| x.id == *c))
            .map(|c| format!("/centres/{}/benevoles", c.code))
            .unwrap_or_else(|| "/home".into());
        VolunteerPage {
            id: v.id,
            name: e.name.clone(),
            email: e.email.clone().unwrap_or_default(),
            phone: e.phone.clone().unwrap_or_default(),
            saved: false,
            error_summary: String::new(),
            back,
            max_hours_week: f(v.max_minutes_week.map(hours_text).unwrap_or_default()),
            max_shifts_week: f(v.max_shifts_week.map(|n| n.to_string()).unwrap_or_default()),
            min_hours_month: f(v.min_minutes_month.map(hours_text).unwrap_or_default()),
            status: f(v.status.clone()),
            left_on: f(date_value(v.left_on)),
            quals: e
                .quals
                .iter()
                .map(|q| QualView {
                    id: q.id,
                    skill: skill(q.skill_id),
                    state: match q.valid_until {
                        Some(d) => format!(
                            "{} — {}",
                            t.t(QualState::of(Some(d), l.today).label_id()),
                            long_date(t, d)
                        ),
                        None => t.t("coord-qual-no-end"),
                    },
                    obtained: f(date_value(q.obtained_on)),
                    until: f(date_value(q.valid_until)),
                    remove: false,
                })
                .collect(),
            new_skill: Field::default(),
            new_obtained_on: Field::default(),
            new_valid_until: Field::default(),
            trainees: e
                .trainees
                .iter()
                .map(|x| TraineeView {
                    id: x.id,
                    skill: skill(x.skill_id),
                    target: f(hours_text(x.target_mentored_minutes)),
                    started: f(date_value(x.started_on)),
                    remove: false,
                })
                .collect(),
            new_trainee_skill: Field::default(),
            new_trainee_target_hours: Field::default(),
            new_trainee_started_on: Field::default(),
            centres: l
                .all
                .iter()
                .filter(|c| user.can_coordinate(c.id) || l.centre_ids.contains(&c.id))
                .map(|c| CentreView {
                    id: c.id,
                    label: format!("{} – {}", c.code, c.name),
                    checked: l.centre_ids.contains(&c.id),
                    editable: user.can_coordinate(c.id),
                })
                .collect(),
            centres_error: None,
            home_centre: l
                .centre_ids
                .first()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            skills: l.skills.iter().map(|s| (s.id, skill_name(t, s))).collect(),
            weekly: availability_view::weekly(t, &l.patterns),
            exceptions: availability_view::coming(t, &l.exceptions, l.today),
            t,
            ui,
        }
    }

    /// Puts the submitted values and the messages back in the page.
    fn resubmitted(&mut self, form: &FormData, errs: &Errors) {
        let put = |field: &mut Field, name: &str| {
            field.value = form.get(name);
            field.error = errs.get(name).cloned();
        };
        put(&mut self.max_hours_week, "max_hours_week");
        put(&mut self.max_shifts_week, "max_shifts_week");
        put(&mut self.min_hours_month, "min_hours_month");
        put(&mut self.status, "status");
        put(&mut self.left_on, "left_on");
        put(&mut self.new_skill, "new_skill");
        put(&mut self.new_obtained_on, "new_obtained_on");
        put(&mut self.new_valid_until, "new_valid_until");
        put(&mut self.new_trainee_skill, "new_trainee_skill");
        put(
            &mut self.new_trainee_target_hours,
            "new_trainee_target_hours",
        );
        put(&mut self.new_trainee_started_on, "new_trainee_started_on");
        for q in &mut self.quals {
            put(&mut q.obtained, &format!("q{}_obtained_on", q.id));
            put(&mut q.until, &format!("q{}_valid_until", q.id));
            q.remove = form.has(&format!("q{}_remove", q.id));
        }
        for x in &mut self.trainees {
            put(&mut x.target, &format!("t{}_target_hours", x.id));
            put(&mut x.started, &format!("t{}_started_on", x.id));
            x.remove = form.has(&format!("t{}_remove", x.id));
        }
        for c in &mut self.centres {
            if c.editable {
                c.checked = form.has(&format!("centre_{}", c.id));
            }
        }
        self.home_centre = form.get("home_centre");
        self.centres_error = errs.get("centres").cloned();
        self.error_summary = self.t.count("coord-errors-count", errs.len() as i64);
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct PageQuery {
    enregistre: Option<String>,
}

/// GET `/benevoles/{id}`.
pub async fn page(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    path: web::Path<(i32,)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let l = load(&state, &user, path.into_inner().0).await?;
    // Audit the view of a volunteer's personal page.
    let (actor, vid, centre) = (user.id, l.entry.volunteer.id, l.centre_ids.first().copied());
    state
        .db(move |conn| {
            Ok(crate::db::audit::record(
                conn,
                &crate::db::audit::Event {
                    actor: Some(actor),
                    action: "volunteer.view",
                    target_kind: "volunteer",
                    target_id: Some(vid.to_string()),
                    centre_id: centre,
                    details: None,
                },
            )?)
        })
        .await?;
    let mut page = VolunteerPage::stored(ui.t, ui, &l, &user);
    page.saved = query.enregistre.is_some();
    render(StatusCode::OK, &page)
}

/// POST `/benevoles/{id}`.
pub async fn submit(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    path: web::Path<(i32,)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let id = path.into_inner().0;
    let l = load(&state, &user, id).await?;
    let form = FormData::new(form.into_inner());
    let t = ui.t;
    let all_ids: Vec<i32> = l.all.iter().map(|c| c.id).collect();
    let allowed = |c: i32| user.can_coordinate(c);
    let cx = Context {
        current: &l.entry,
        current_centres: &l.centre_ids,
        all_centres: &all_ids,
        centres_allowed: &allowed,
        skills: &l.skills,
        today: l.today,
    };
    match validate(t, &form, &cx) {
        Err(errs) => {
            let mut page = VolunteerPage::stored(t, ui, &l, &user);
            page.resubmitted(&form, &errs);
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Ok(update) => {
            // Audit actor and centre.
            let (actor, centre) = (user.id, l.centre_ids.first().copied());
            state
                .db(move |conn: &mut DbConnection| {
                    conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                        coord::update_record(conn, id, &update)?;
                        // Audit.
                        crate::db::audit::record(
                            conn,
                            &crate::db::audit::Event {
                                actor: Some(actor),
                                action: "volunteer.update",
                                target_kind: "volunteer",
                                target_id: Some(id.to_string()),
                                centre_id: centre,
                                details: None,
                            },
                        )
                    })?;
                    Ok(())
                })
                .await?;
            tracing::info!(by = user.id, volunteer_id = id, "volunteer record saved");
            Ok(see_other(&format!("/benevoles/{id}?enregistre=1")))
        }
    }
}
