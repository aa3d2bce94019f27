//! One-time tokens for sign-in links and invitations: 32 random bytes sent in
//! the URL, only their SHA-256 stored.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A sign-in link lives 15 minutes.
pub const LOGIN_LINK_MINUTES: i64 = 15;
/// An invitation lives 7 days.
pub const INVITE_LINK_MINUTES: i64 = 7 * 24 * 60;

/// `magic_links.purpose` of a sign-in link.
pub const PURPOSE_LOGIN: &str = "login";
/// `magic_links.purpose` of an invitation.
pub const PURPOSE_INVITE: &str = "invite";

/// A fresh token (URL-safe base64, 43 characters) and the hash to store.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// Lower-case hex SHA-256 of the token as sent in the URL.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether a string could be a token we issued (cheap filter before the database).
pub fn looks_like_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, ha) = new_token();
        let (b, hb) = new_token();
        assert_ne!(a, b);
        assert_eq!(ha.len(), 64);
        assert_eq!(ha, hash_token(&a));
        assert_ne!(ha, hb);
        assert!(looks_like_token(&a));
        assert!(!looks_like_token("../etc/passwd"));
    }
}
