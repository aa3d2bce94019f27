//! `users`: accounts (volunteers, coordinators, administrators) and password
//! hashing (Argon2id, PHC strings).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::{last_insert_id, now_utc, DbConnection};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i32,
    pub email: Option<String>,
    pub display_name: String,
    pub phone: Option<String>,
    pub lang: String,
    pub password_hash: Option<String>,
    pub is_admin: bool,
    pub session_epoch: i32,
    pub created_at: NaiveDateTime,
    pub last_login_at: Option<NaiveDateTime>,
}

/// Fields of a new account.
#[derive(Debug, Clone, Default)]
pub struct NewUser<'a> {
    pub email: Option<&'a str>,
    pub display_name: &'a str,
    pub phone: Option<&'a str>,
    pub lang: &'a str,
    pub password_hash: Option<&'a str>,
    pub is_admin: bool,
}

/// Emails are stored trimmed and lower-cased.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Argon2id (default parameters) PHC string for `password`.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
}

/// Whether `password` matches the PHC string `hash` (false on a malformed hash).
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

pub fn by_id(conn: &mut DbConnection, id: i32) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Looks an account up by email (case-insensitive through normalisation).
pub fn by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(normalise_email(email)))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Inserts an account and returns it.
pub fn create(conn: &mut DbConnection, new: &NewUser<'_>) -> QueryResult<User> {
    let email = new.email.map(normalise_email);
    diesel::insert_into(users::table)
        .values((
            users::email.eq(email),
            users::display_name.eq(new.display_name),
            users::phone.eq(new.phone),
            users::lang.eq(if new.lang.is_empty() { "fr" } else { new.lang }),
            users::password_hash.eq(new.password_hash),
            users::is_admin.eq(new.is_admin),
            users::session_epoch.eq(0),
            users::created_at.eq(now_utc()),
        ))
        .execute(conn)?;
    let id = last_insert_id(conn)?;
    by_id(conn, id)?.ok_or(diesel::result::Error::NotFound)
}

pub fn set_password_hash(conn: &mut DbConnection, id: i32, hash: Option<&str>) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(hash))
        .execute(conn)?;
    Ok(())
}

pub fn set_display_name(conn: &mut DbConnection, id: i32, name: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::display_name.eq(name))
        .execute(conn)?;
    Ok(())
}

/// Sets (or clears) the email; it is normalised first.
pub fn set_email(conn: &mut DbConnection, id: i32, email: Option<&str>) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::email.eq(email.map(normalise_email)))
        .execute(conn)?;
    Ok(())
}

pub fn set_admin(conn: &mut DbConnection, id: i32, is_admin: bool) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::is_admin.eq(is_admin))
        .execute(conn)?;
    Ok(())
}

/// Records a sign-in: `last_login_at` and an `auth.sign_in` journal entry
/// naming the method (`password`, `link:<purpose>`), in one transaction.
pub fn record_login(conn: &mut DbConnection, id: i32, method: &str) -> QueryResult<()> {
    conn.write_transaction::<_, diesel::result::Error, _>(|c| {
        diesel::update(users::table.find(id))
            .set(users::last_login_at.eq(Some(now_utc())))
            .execute(c)?;
        crate::db::audit::record(
            c,
            &crate::db::audit::Event {
                actor: Some(id),
                action: "auth.sign_in",
                target_kind: "user",
                target_id: Some(id.to_string()),
                centre_id: None,
                details: Some(format!("method={method}")),
            },
        )
    })
}

/// Records a wrong password for an existing account (`auth.sign_in_failed`;
/// nothing is recorded for unknown addresses, which are personal data).
pub fn record_failed_login(conn: &mut DbConnection, id: i32) -> QueryResult<()> {
    crate::db::audit::record(
        conn,
        &crate::db::audit::Event {
            actor: None,
            action: "auth.sign_in_failed",
            target_kind: "user",
            target_id: Some(id.to_string()),
            centre_id: None,
            details: Some("method=password".to_string()),
        },
    )
}

/// "Log out everywhere": bumps the epoch every session cookie must match.
pub fn bump_session_epoch(conn: &mut DbConnection, id: i32) -> QueryResult<i32> {
    diesel::update(users::table.find(id))
        .set(users::session_epoch.eq(users::session_epoch + 1))
        .execute(conn)?;
    users::table
        .find(id)
        .select(users::session_epoch)
        .first(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hash_verifies_and_rejects() {
        let h = hash_password("s3cret").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("s3cret", &h));
        assert!(!verify_password("other", &h));
        assert!(!verify_password("s3cret", "not a hash"));
    }
}
