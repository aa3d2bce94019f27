//! `/home`: a short greeting by role after sign-in, and what comes next.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

use super::error::WebError;
use super::extract::{CurrentUser, Ui};
use super::render;
use crate::i18n::Tr;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    t: Tr,
    ui: Ui,
    greeting: String,
    is_admin: bool,
    is_volunteer: bool,
    coordinated: i64,
    can_invite: bool,
    /// (code, name) of the centres whose pages this user opens.
    coordinated_centres: Vec<(String, String)>,
}

/// GET `/home`.
pub async fn page(
    ui: Ui,
    CurrentUser(user): CurrentUser,
    state: actix_web::web::Data<super::state::AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let viewer = user.clone();
    let coordinated_centres = state
        .db(move |conn| {
            Ok(crate::db::centres::list(conn)?
                .into_iter()
                .filter(|c| viewer.can_coordinate(c.id))
                .map(|c| (c.code, c.name))
                .collect())
        })
        .await?;
    let page = HomePage {
        t,
        greeting: t.args("home-title", &[("name", user.display_name.as_str())]),
        is_admin: user.is_admin,
        is_volunteer: user.volunteer_id.is_some(),
        coordinated: user.centres.len() as i64,
        can_invite: user.is_admin || user.is_coordinator(),
        coordinated_centres,
        ui,
    };
    render(StatusCode::OK, &page)
}
