//! Publishing a draft rota: one transaction that locks the week's versions
//! of the same scope, supersedes the previously published one, publishes
//! this one (bumping its revision, so stale edit forms are refused) and
//! records `rota.publish` in the audit log. Called by the web page and by
//! `astreinte generate --publish`.

use diesel::prelude::*;

use crate::db::rotas::{self, Rota};
use crate::db::schema::rotas as rotas_t;
use crate::db::{audit, now_utc, DbConnection};

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("rota not found")]
    NotFound,
    /// Already published or superseded.
    #[error("not a draft")]
    NotDraft,
    /// The rota changed since the publisher loaded it.
    #[error("stale revision")]
    Conflict,
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// What a publication did.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub rota: Rota,
    /// Ids of the versions it superseded.
    pub superseded: Vec<i32>,
}

/// Publishes draft `rota_id` atomically. `expected_revision`: the revision
/// the publisher saw (`None`: whatever it is now, for scripts).
pub fn publish(
    conn: &mut DbConnection,
    rota_id: i32,
    actor_user_id: Option<i32>,
    expected_revision: Option<i32>,
) -> Result<Published, PublishError> {
    let target = rotas::by_id(conn, rota_id)?.ok_or(PublishError::NotFound)?;
    conn.write_transaction(|c| {
        // Lock every version of this week and scope first (PostgreSQL row
        // locks; SQLite takes its write lock here), so two publications of
        // the same week and scope run one after the other and the second
        // sees the first's result.
        diesel::update(
            rotas_t::table
                .filter(rotas_t::week_start.eq(target.week_start))
                .filter(rotas_t::scope.eq(&target.scope)),
        )
        .set(rotas_t::revision.eq(rotas_t::revision))
        .execute(c)?;
        let current = rotas::by_id(c, rota_id)?.ok_or(PublishError::NotFound)?;
        if expected_revision.is_some_and(|r| r != current.revision) {
            return Err(PublishError::Conflict);
        }
        if current.status != "draft" {
            return Err(PublishError::NotDraft);
        }
        let superseded: Vec<i32> = rotas_t::table
            .filter(rotas_t::week_start.eq(current.week_start))
            .filter(rotas_t::scope.eq(&current.scope))
            .filter(rotas_t::status.eq("published"))
            .filter(rotas_t::id.ne(rota_id))
            .select(rotas_t::id)
            .load(c)?;
        diesel::update(rotas_t::table.filter(rotas_t::id.eq_any(&superseded)))
            .set(rotas_t::status.eq("superseded"))
            .execute(c)?;
        let n = diesel::update(
            rotas_t::table
                .filter(rotas_t::id.eq(rota_id))
                .filter(rotas_t::revision.eq(current.revision))
                .filter(rotas_t::status.eq("draft")),
        )
        .set((
            rotas_t::status.eq("published"),
            rotas_t::published_at.eq(Some(now_utc())),
            rotas_t::revision.eq(rotas_t::revision + 1),
        ))
        .execute(c)?;
        if n != 1 {
            return Err(PublishError::Conflict);
        }
        let shifts = rotas::shifts_of(c, rota_id)?.len();
        // Notify — enqueue the "votre planning de la semaine"
        // emails here (db::outbox, same transaction, dedup key per rota and
        // volunteer).
        crate::notify::rota_published(c, rota_id)?;
        audit::record(
            c,
            &audit::Event {
                actor: actor_user_id,
                action: "rota.publish",
                target_kind: "rota",
                target_id: Some(rota_id.to_string()),
                centre_id: None,
                details: Some(format!(
                    "{{\"version\":{},\"superseded\":{:?},\"shifts\":{}}}",
                    current.version, superseded, shifts
                )),
            },
        )?;
        let rota = rotas::by_id(c, rota_id)?.ok_or(PublishError::NotFound)?;
        Ok(Published { rota, superseded })
    })
}
