//! `/plannings/{rota}`: one stored rota version — the review page (coverage
//! heatmap, reasons, load, trainees, shifts), hand adjustments, publication,
//! the printable weekly rota per centre and the CSV export.
//!
//! Who: administrators see and change everything; a coordinator sees and
//! changes a rota of their centre, and of an `ALL` rota only their centres'
//! part (publishing an `ALL` rota is for administrators); volunteers: 403.

pub mod edit;
pub mod export;
pub mod page;
pub mod publish;

use crate::db::rotas::{self, Rota};
use crate::db::{centres, DbConnection};
use crate::web::error::WebError;
use crate::web::extract::SessionUser;
use crate::web::state::AppState;

/// A rota the user may see, and which of its centres.
#[derive(Debug, Clone)]
pub struct RotaAccess {
    pub user: SessionUser,
    pub rota: Rota,
    /// Centres the user sees and edits in this rota (`None`: all).
    pub centres: Option<Vec<i32>>,
}

impl RotaAccess {
    pub fn sees(&self, centre_id: i32) -> bool {
        self.centres.as_ref().is_none_or(|c| c.contains(&centre_id))
    }

    /// The whole rota is the user's (publish, "Modifier").
    pub fn owns_whole(&self) -> bool {
        self.user.is_admin || self.rota.scope != "ALL"
    }
}

/// The `{rota}` path segment as an id (404 when not a number).
pub fn rota_id(segment: &str) -> Result<i32, WebError> {
    segment.parse().map_err(|_| WebError::NotFound)
}

fn decide(conn: &mut DbConnection, user: SessionUser, id: i32) -> Result<RotaAccess, WebError> {
    let rota = rotas::by_id(conn, id)?.ok_or(WebError::NotFound)?;
    if user.is_admin {
        return Ok(RotaAccess {
            user,
            rota,
            centres: None,
        });
    }
    if !user.is_coordinator() {
        return Err(WebError::Forbidden);
    }
    let centres = if rota.scope == "ALL" {
        user.centres.clone()
    } else {
        let c = centres::by_code(conn, &rota.scope)?.ok_or(WebError::Forbidden)?;
        if !user.can_coordinate(c.id) {
            return Err(WebError::Forbidden);
        }
        vec![c.id]
    };
    Ok(RotaAccess {
        user,
        rota,
        centres: Some(centres),
    })
}

/// Loads rota `segment` for `user`: 404 unknown, 403 not theirs.
pub async fn access(
    state: &AppState,
    user: SessionUser,
    segment: &str,
) -> Result<RotaAccess, WebError> {
    let id = rota_id(segment)?;
    state.db(move |conn| decide(conn, user, id)).await
}
