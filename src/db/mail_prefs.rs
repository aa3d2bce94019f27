//! Mail preferences and settings: each user's reminder lead times and
//! whether they accept non-essential mail (`mail_prefs`, no row = defaults),
//! the organisation's mail settings (columns of `org_settings`) and the key
//! that signs unsubscribe links.

use diesel::prelude::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::schema::{mail_prefs, org_settings};
use super::{now_utc, DbConnection};

/// Default reminder lead times: 48 h and 3 h before a shift.
pub const DEFAULT_LEADS: [i32; 2] = [2880, 180];
/// Lead times a volunteer may choose from, in minutes (7 days … 1 hour).
pub const LEAD_CHOICES: [i32; 6] = [10080, 2880, 1440, 720, 180, 60];

/// One user's mail preferences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailPrefs {
    /// Reminder lead times in minutes, longest first; empty = no reminders.
    pub reminder_leads: Vec<i32>,
    /// Availability requests and qualification notices.
    pub non_essential: bool,
}

impl Default for MailPrefs {
    fn default() -> MailPrefs {
        MailPrefs {
            reminder_leads: DEFAULT_LEADS.to_vec(),
            non_essential: true,
        }
    }
}

/// `"2880,180"` → `[2880, 180]` (unknown or repeated values dropped, longest first).
pub fn parse_leads(text: &str) -> Vec<i32> {
    let mut leads: Vec<i32> = text
        .split(',')
        .filter_map(|s| s.trim().parse::<i32>().ok())
        .filter(|m| (1..=20160).contains(m))
        .collect();
    leads.sort_unstable_by(|a, b| b.cmp(a));
    leads.dedup();
    leads
}

fn leads_text(leads: &[i32]) -> String {
    parse_leads(
        &leads
            .iter()
            .map(|m| m.to_string())
            .collect::<Vec<_>>()
            .join(","),
    )
    .iter()
    .map(|m| m.to_string())
    .collect::<Vec<_>>()
    .join(",")
}

/// The preferences of `user_id` (the defaults when never changed).
pub fn get(conn: &mut DbConnection, user_id: i32) -> QueryResult<MailPrefs> {
    let row: Option<(String, bool)> = mail_prefs::table
        .find(user_id)
        .select((mail_prefs::reminder_leads, mail_prefs::non_essential))
        .first(conn)
        .optional()?;
    Ok(row
        .map(|(leads, non_essential)| MailPrefs {
            reminder_leads: parse_leads(&leads),
            non_essential,
        })
        .unwrap_or_default())
}

/// Every stored row: user id → preferences (users absent use the defaults).
pub fn all(conn: &mut DbConnection) -> QueryResult<std::collections::HashMap<i32, MailPrefs>> {
    let rows: Vec<(i32, String, bool)> = mail_prefs::table
        .select((
            mail_prefs::user_id,
            mail_prefs::reminder_leads,
            mail_prefs::non_essential,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, leads, non_essential)| {
            (
                id,
                MailPrefs {
                    reminder_leads: parse_leads(&leads),
                    non_essential,
                },
            )
        })
        .collect())
}

/// Saves the preferences of `user_id` (insert or update).
pub fn set(conn: &mut DbConnection, user_id: i32, prefs: &MailPrefs) -> QueryResult<()> {
    let leads = leads_text(&prefs.reminder_leads);
    conn.write_transaction(|c| {
        let n = diesel::update(mail_prefs::table.find(user_id))
            .set((
                mail_prefs::reminder_leads.eq(&leads),
                mail_prefs::non_essential.eq(prefs.non_essential),
                mail_prefs::updated_at.eq(now_utc()),
            ))
            .execute(c)?;
        if n == 0 {
            diesel::insert_into(mail_prefs::table)
                .values((
                    mail_prefs::user_id.eq(user_id),
                    mail_prefs::reminder_leads.eq(&leads),
                    mail_prefs::non_essential.eq(prefs.non_essential),
                    mail_prefs::updated_at.eq(now_utc()),
                ))
                .execute(c)?;
        }
        Ok(())
    })
}

/// Turns non-essential mail off for `user_id` (the unsubscribe link).
pub fn unsubscribe(conn: &mut DbConnection, user_id: i32) -> QueryResult<()> {
    let mut prefs = get(conn, user_id)?;
    prefs.non_essential = false;
    set(conn, user_id, &prefs)
}

/// The organisation's mail settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailSettings {
    /// Availability for a week is due this many days before its Monday.
    pub planning_deadline_days: i32,
    /// The availability request goes out this many days before that deadline.
    pub availability_request_days: i32,
    /// Qualification notices go out this many days before the expiry.
    pub qualification_notice_days: i32,
}

/// Reads the mail settings.
pub fn settings(conn: &mut DbConnection) -> QueryResult<MailSettings> {
    let (planning_deadline_days, availability_request_days, qualification_notice_days) =
        org_settings::table
            .find(1)
            .select((
                org_settings::planning_deadline_days,
                org_settings::availability_request_days,
                org_settings::qualification_notice_days,
            ))
            .first::<(i32, i32, i32)>(conn)?;
    Ok(MailSettings {
        planning_deadline_days,
        availability_request_days,
        qualification_notice_days,
    })
}

/// Writes the mail settings.
pub fn set_settings(conn: &mut DbConnection, s: &MailSettings) -> QueryResult<()> {
    diesel::update(org_settings::table.find(1))
        .set((
            org_settings::planning_deadline_days.eq(s.planning_deadline_days),
            org_settings::availability_request_days.eq(s.availability_request_days),
            org_settings::qualification_notice_days.eq(s.qualification_notice_days),
        ))
        .execute(conn)?;
    Ok(())
}

/// The key of the unsubscribe links, created (random, 32 bytes) on first use.
/// Two instances racing both read back the one that was stored first.
pub fn secret(conn: &mut DbConnection) -> QueryResult<String> {
    let read = |c: &mut DbConnection| {
        org_settings::table
            .find(1)
            .select(org_settings::mail_secret)
            .first::<Option<String>>(c)
    };
    if let Some(s) = read(conn)? {
        return Ok(s);
    }
    let fresh = hex::encode(rand::random::<[u8; 32]>());
    diesel::update(
        org_settings::table
            .find(1)
            .filter(org_settings::mail_secret.is_null()),
    )
    .set(org_settings::mail_secret.eq(Some(&fresh)))
    .execute(conn)?;
    read(conn)?.ok_or(diesel::result::Error::NotFound)
}

fn mac(secret: &str, user_id: i32) -> String {
    #[allow(clippy::expect_used)]
    let mut m = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    m.update(format!("unsubscribe:{user_id}").as_bytes());
    hex::encode(&m.finalize().into_bytes()[..16])
}

/// The unsubscribe token of `user_id`: `<id>.<HMAC>`; no session needed.
pub fn unsubscribe_token(secret: &str, user_id: i32) -> String {
    format!("{user_id}.{}", mac(secret, user_id))
}

/// The user a token names, if its signature is right.
pub fn verify_token(secret: &str, token: &str) -> Option<i32> {
    let (id, sig) = token.split_once('.')?;
    let id: i32 = id.parse().ok()?;
    let want = mac(secret, id);
    // Constant-time comparison.
    let same = want.len() == sig.len()
        && want
            .bytes()
            .zip(sig.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    same.then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leads_parse_sorted_without_repeats_or_nonsense() {
        assert_eq!(parse_leads("180,2880,180,x,-5"), vec![2880, 180]);
        assert_eq!(parse_leads(""), Vec::<i32>::new());
    }

    #[test]
    fn tokens_verify_only_with_the_right_signature() {
        let t = unsubscribe_token("k", 42);
        assert_eq!(verify_token("k", &t), Some(42));
        assert_eq!(verify_token("other", &t), None);
        assert_eq!(verify_token("k", &t.replace("42.", "43.")), None);
        assert_eq!(verify_token("k", "42"), None);
    }
}
