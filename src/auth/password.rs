//! Password checks with Argon2id; the same work is done for unknown accounts
//! so that timing does not reveal which addresses have an account.

use std::sync::OnceLock;

use crate::db::users;

/// Minimum password length, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// A hash of a random password, verified against when the account is unknown.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let (random, _) = super::tokens::new_token();
        users::hash_password(&random).unwrap_or_default()
    })
}

/// Whether `password` matches `hash`; `None` (unknown account or no password
/// set) always fails after the same amount of work. Call inside `web::block`.
pub fn verify(password: &str, hash: Option<&str>) -> bool {
    match hash {
        Some(h) => users::verify_password(password, h),
        None => {
            let _ = users::verify_password(password, dummy_hash());
            false
        }
    }
}

/// Why a new password is refused (message ids of `locales/*/main.ftl`).
pub fn check_new(password: &str, confirm: &str) -> Result<(), &'static str> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err("error-password-short");
    }
    if password != confirm {
        return Err("error-password-mismatch");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_account_never_verifies() {
        assert!(!verify("anything", None));
    }

    #[test]
    fn new_password_rules() {
        assert_eq!(check_new("court", "court"), Err("error-password-short"));
        assert_eq!(
            check_new("une longue phrase", "une autre phrase"),
            Err("error-password-mismatch")
        );
        // Ten characters, counted as characters not bytes.
        assert_eq!(check_new("éléphantés", "éléphantés"), Ok(()));
    }
}
