//! `shift_dropouts` and `cover_offers`: a volunteer's "je ne peux plus
//! assurer cette astreinte" on a published shift (the shift stays in the
//! rota, marked by an open drop-out), its resolution (a coordinator's
//! assignment or a cover link taken), and the one-time cover links mailed to
//! ranked candidates (only the token's hash is stored).
//!
//! Resolving is a conditional UPDATE (`status = 'open'`) run as the FIRST
//! statement of its transaction: on SQLite it takes the write lock before any
//! read (no stale snapshot), on PostgreSQL the second writer waits for the
//! first and then matches no row. Exactly one resolution wins.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::rotas::{Rota, RotaShift};
use super::schema::{coordinator_centres, cover_offers, rota_shifts, rotas, shift_dropouts, users};
use super::{last_insert_id, now_utc, DbConnection};

/// `shift_dropouts.status` of a drop-out waiting for a replacement.
pub const OPEN: &str = "open";
/// `shift_dropouts.status` once someone else holds the shift.
pub const COVERED: &str = "covered";

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = shift_dropouts)]
pub struct Dropout {
    pub id: i32,
    pub shift_id: i32,
    pub rota_id: i32,
    pub centre_id: i32,
    pub volunteer_id: i32,
    pub reason: Option<String>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub created_by: Option<i32>,
    pub resolved_at: Option<NaiveDateTime>,
    pub resolved_by: Option<i32>,
    pub replacement_volunteer_id: Option<i32>,
    pub resolution: Option<String>,
    pub offered_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = cover_offers)]
pub struct CoverOffer {
    pub id: i32,
    pub dropout_id: i32,
    pub volunteer_id: i32,
    pub token_hash: String,
    pub rank: i32,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub outcome: Option<String>,
}

/// Someone to mail: a user with an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: i32,
    pub email: String,
    pub lang: String,
    pub display_name: String,
}

/// A shift and the rota version holding it.
pub fn shift_with_rota(
    conn: &mut DbConnection,
    shift_id: i32,
) -> QueryResult<Option<(RotaShift, Rota)>> {
    rota_shifts::table
        .inner_join(rotas::table)
        .filter(rota_shifts::id.eq(shift_id))
        .select((RotaShift::as_select(), Rota::as_select()))
        .first(conn)
        .optional()
}

pub fn by_id(conn: &mut DbConnection, id: i32) -> QueryResult<Option<Dropout>> {
    shift_dropouts::table
        .find(id)
        .select(Dropout::as_select())
        .first(conn)
        .optional()
}

/// The open drop-out of a shift, if any.
pub fn open_of_shift(conn: &mut DbConnection, shift_id: i32) -> QueryResult<Option<Dropout>> {
    shift_dropouts::table
        .filter(shift_dropouts::shift_id.eq(shift_id))
        .filter(shift_dropouts::status.eq(OPEN))
        .select(Dropout::as_select())
        .first(conn)
        .optional()
}

/// Ids of the shifts among `shift_ids` that carry an open drop-out (for
/// pages that show the rota: a dropped shift is a hole).
pub fn open_shift_ids(conn: &mut DbConnection, shift_ids: &[i32]) -> QueryResult<Vec<i32>> {
    shift_dropouts::table
        .filter(shift_dropouts::shift_id.eq_any(shift_ids))
        .filter(shift_dropouts::status.eq(OPEN))
        .select(shift_dropouts::shift_id)
        .load(conn)
}

/// Records a drop-out of `shift` by its volunteer. `None` when this
/// volunteer already dropped this shift (a double submit). The insert is the
/// transaction's first statement (see the module doc).
pub fn create(
    conn: &mut DbConnection,
    shift: &RotaShift,
    by_user: i32,
    reason: Option<&str>,
) -> QueryResult<Option<Dropout>> {
    let inserted = conn.write_transaction(|c| {
        diesel::insert_into(shift_dropouts::table)
            .values((
                shift_dropouts::shift_id.eq(shift.id),
                shift_dropouts::rota_id.eq(shift.rota_id),
                shift_dropouts::centre_id.eq(shift.centre_id),
                shift_dropouts::volunteer_id.eq(shift.volunteer_id),
                shift_dropouts::reason.eq(reason),
                shift_dropouts::status.eq(OPEN),
                shift_dropouts::created_at.eq(now_utc()),
                shift_dropouts::created_by.eq(Some(by_user)),
            ))
            .execute(c)?;
        last_insert_id(c)
    });
    match inserted {
        Ok(id) => by_id(conn, id),
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Open drop-outs of a centre whose shift is still in a published rota and
/// starts after `now`, soonest first.
pub fn open_of_centre(
    conn: &mut DbConnection,
    centre_id: i32,
    now: NaiveDateTime,
) -> QueryResult<Vec<(Dropout, RotaShift)>> {
    shift_dropouts::table
        .inner_join(rota_shifts::table)
        .inner_join(rotas::table)
        .filter(shift_dropouts::centre_id.eq(centre_id))
        .filter(shift_dropouts::status.eq(OPEN))
        .filter(rotas::status.eq("published"))
        .filter(rota_shifts::start_utc.gt(now))
        .order((rota_shifts::start_utc, shift_dropouts::id))
        .select((Dropout::as_select(), RotaShift::as_select()))
        .load(conn)
}

/// Marks an open drop-out covered by `replacement`: the conditional UPDATE
/// that decides between concurrent resolutions. True if this call won.
pub fn claim_resolution(
    conn: &mut DbConnection,
    dropout_id: i32,
    replacement: i32,
    by_user: Option<i32>,
    resolution: &str,
) -> QueryResult<bool> {
    let n = diesel::update(
        shift_dropouts::table
            .filter(shift_dropouts::id.eq(dropout_id))
            .filter(shift_dropouts::status.eq(OPEN)),
    )
    .set((
        shift_dropouts::status.eq(COVERED),
        shift_dropouts::resolved_at.eq(Some(now_utc())),
        shift_dropouts::resolved_by.eq(by_user),
        shift_dropouts::replacement_volunteer_id.eq(Some(replacement)),
        shift_dropouts::resolution.eq(Some(resolution)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Gives the shift to `to` if `from` still holds it, and bumps the rota's
/// revision. True if the shift changed hands.
pub fn reassign_shift(
    conn: &mut DbConnection,
    shift: &RotaShift,
    from: i32,
    to: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        rota_shifts::table
            .filter(rota_shifts::id.eq(shift.id))
            .filter(rota_shifts::volunteer_id.eq(from)),
    )
    .set(rota_shifts::volunteer_id.eq(to))
    .execute(conn)?;
    if n != 1 {
        return Ok(false);
    }
    diesel::update(rotas::table.find(shift.rota_id))
        .set(rotas::revision.eq(rotas::revision + 1))
        .execute(conn)?;
    Ok(true)
}

/// Published shifts of `volunteer_ids` that meet `[from, to)`, without the
/// shifts their holder has dropped (an open drop-out: they will not work it).
pub fn published_shifts_between(
    conn: &mut DbConnection,
    volunteer_ids: &[i32],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<RotaShift>> {
    let dropped: Vec<(i32, i32)> = shift_dropouts::table
        .filter(shift_dropouts::status.eq(OPEN))
        .select((shift_dropouts::shift_id, shift_dropouts::volunteer_id))
        .load(conn)?;
    let rows: Vec<RotaShift> = rota_shifts::table
        .inner_join(rotas::table)
        .filter(rotas::status.eq("published"))
        .filter(rota_shifts::volunteer_id.eq_any(volunteer_ids))
        .filter(rota_shifts::start_utc.lt(to))
        .filter(rota_shifts::end_utc.gt(from))
        .order((rota_shifts::start_utc, rota_shifts::id))
        .select(RotaShift::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|s| !dropped.contains(&(s.id, s.volunteer_id)))
        .collect())
}

/// Coordinators of a centre who have an address; the administrators when
/// the centre has none.
pub fn coordinators_to_alert(
    conn: &mut DbConnection,
    centre_id: i32,
) -> QueryResult<Vec<Recipient>> {
    let rows: Vec<(i32, Option<String>, String, String)> = users::table
        .inner_join(coordinator_centres::table)
        .filter(coordinator_centres::centre_id.eq(centre_id))
        .order(users::id)
        .select((users::id, users::email, users::lang, users::display_name))
        .load(conn)?;
    let mut out = recipients(rows);
    if out.is_empty() {
        let admins = users::table
            .filter(users::is_admin.eq(true))
            .order(users::id)
            .select((users::id, users::email, users::lang, users::display_name))
            .load(conn)?;
        out = recipients(admins);
    }
    Ok(out)
}

fn recipients(rows: Vec<(i32, Option<String>, String, String)>) -> Vec<Recipient> {
    rows.into_iter()
        .filter_map(|(user_id, email, lang, display_name)| {
            Some(Recipient {
                user_id,
                email: email.filter(|e| !e.trim().is_empty())?,
                lang,
                display_name,
            })
        })
        .collect()
}

/// The account of a volunteer, as a recipient (`None` without an address).
pub fn volunteer_recipient(
    conn: &mut DbConnection,
    volunteer_id: i32,
) -> QueryResult<Option<Recipient>> {
    use super::schema::volunteers;
    let row: Option<(i32, Option<String>, String, String)> = users::table
        .inner_join(volunteers::table)
        .filter(volunteers::id.eq(volunteer_id))
        .select((users::id, users::email, users::lang, users::display_name))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|r| recipients(vec![r]).pop()))
}

/// Display name of a volunteer's account.
pub fn volunteer_name(conn: &mut DbConnection, volunteer_id: i32) -> QueryResult<String> {
    use super::schema::volunteers;
    Ok(users::table
        .inner_join(volunteers::table)
        .filter(volunteers::id.eq(volunteer_id))
        .select(users::display_name)
        .first(conn)
        .optional()?
        .unwrap_or_default())
}

/// Stores a cover offer (the token's hash). `None` when this volunteer was
/// already offered this drop-out.
pub fn insert_offer(
    conn: &mut DbConnection,
    dropout_id: i32,
    volunteer_id: i32,
    token_hash: &str,
    rank: i32,
    expires_at: NaiveDateTime,
) -> QueryResult<Option<i32>> {
    let already: i64 = cover_offers::table
        .filter(cover_offers::dropout_id.eq(dropout_id))
        .filter(cover_offers::volunteer_id.eq(volunteer_id))
        .count()
        .get_result(conn)?;
    if already > 0 {
        return Ok(None);
    }
    diesel::insert_into(cover_offers::table)
        .values((
            cover_offers::dropout_id.eq(dropout_id),
            cover_offers::volunteer_id.eq(volunteer_id),
            cover_offers::token_hash.eq(token_hash),
            cover_offers::rank.eq(rank),
            cover_offers::created_at.eq(now_utc()),
            cover_offers::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(Some(last_insert_id(conn)?))
}

/// Notes when candidates were offered the shift.
pub fn mark_offered(conn: &mut DbConnection, dropout_id: i32) -> QueryResult<()> {
    diesel::update(shift_dropouts::table.find(dropout_id))
        .set(shift_dropouts::offered_at.eq(Some(now_utc())))
        .execute(conn)?;
    Ok(())
}

pub fn offer_by_hash(conn: &mut DbConnection, hash: &str) -> QueryResult<Option<CoverOffer>> {
    cover_offers::table
        .filter(cover_offers::token_hash.eq(hash))
        .select(CoverOffer::as_select())
        .first(conn)
        .optional()
}

/// Every offer of a drop-out, best ranked first.
pub fn offers_of(conn: &mut DbConnection, dropout_id: i32) -> QueryResult<Vec<CoverOffer>> {
    cover_offers::table
        .filter(cover_offers::dropout_id.eq(dropout_id))
        .order((cover_offers::rank, cover_offers::id))
        .select(CoverOffer::as_select())
        .load(conn)
}

/// Uses an offer once, before it expires: true if this call used it.
pub fn use_offer(
    conn: &mut DbConnection,
    offer_id: i32,
    now: NaiveDateTime,
    outcome: &str,
) -> QueryResult<bool> {
    let n = diesel::update(
        cover_offers::table
            .filter(cover_offers::id.eq(offer_id))
            .filter(cover_offers::used_at.is_null())
            .filter(cover_offers::expires_at.gt(now)),
    )
    .set((
        cover_offers::used_at.eq(Some(now)),
        cover_offers::outcome.eq(Some(outcome)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The other offers of a drop-out, still unused, become "too late".
pub fn close_other_offers(
    conn: &mut DbConnection,
    dropout_id: i32,
    except_offer: Option<i32>,
) -> QueryResult<Vec<CoverOffer>> {
    let others: Vec<CoverOffer> = offers_of(conn, dropout_id)?
        .into_iter()
        .filter(|o| Some(o.id) != except_offer && o.used_at.is_none())
        .collect();
    let ids: Vec<i32> = others.iter().map(|o| o.id).collect();
    diesel::update(
        cover_offers::table
            .filter(cover_offers::id.eq_any(&ids))
            .filter(cover_offers::outcome.is_null()),
    )
    .set(cover_offers::outcome.eq(Some("too_late")))
    .execute(conn)?;
    Ok(others)
}
