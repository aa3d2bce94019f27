//! The messages of the application, queued in the outbox: sign-in links and
//! invitations ([`accounts`]), shift reminders ([`reminders`]), "votre
//! planning de la semaine" ([`weekly`]), availability requests
//! ([`availability`]) and qualification notices ([`expiry`]). Each is
//! rendered by [`render`] in the recipient's language.
//!
//! Essential mail (sign-in, invitation, reminders, planning) always goes
//! out; non-essential mail (availability requests, qualification notices)
//! respects the recipient's choice and carries an unsubscribe link and a
//! `List-Unsubscribe` header.

pub mod accounts;
pub mod availability;
pub mod expiry;
pub mod reminders;
pub mod render;
pub mod weekly;

pub use weekly::{rota_published, shifts_changed};

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use diesel::QueryResult;

use crate::db::outbox::{self, Enqueued, Extras, NewMessage};
use crate::db::{mail_prefs, DbConnection};
use crate::i18n::Lang;
use render::{Footer, Rendered};

/// Kinds of message (the outbox's `kind` column).
pub const KIND_LOGIN: &str = "login_link";
pub const KIND_INVITATION: &str = "invitation";
pub const KIND_REMINDER: &str = "shift_reminder";
pub const KIND_WEEKLY: &str = "weekly_planning";
pub const KIND_AVAILABILITY: &str = "availability_request";
pub const KIND_EXPIRY: &str = "qualification_expiry";

/// Path of the mail preferences page.
pub const PREFS_PATH: &str = "/profil/courriels";

/// Error of a notification step: the database, or a template.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("database: {0}")]
    Db(#[from] diesel::result::Error),
    #[error("template: {0}")]
    Template(#[from] askama::Error),
}

impl From<NotifyError> for diesel::result::Error {
    fn from(e: NotifyError) -> Self {
        match e {
            NotifyError::Db(e) => e,
            NotifyError::Template(t) => {
                diesel::result::Error::QueryBuilderError(format!("mail template: {t}").into())
            }
        }
    }
}

/// The language of a `users.lang` value (French when unknown).
pub fn lang_of(code: &str) -> Lang {
    Lang::parse(code).unwrap_or_default()
}

/// The zone of a centre (Europe/Paris when the name is unknown).
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Europe::Paris)
}

/// A stored UTC instant in `tz`: (date in the page's language, "14:00").
pub fn local_date_time(lang: Lang, tz: Tz, utc: NaiveDateTime) -> (String, String) {
    let local = DateTime::<Utc>::from_naive_utc_and_offset(utc, Utc).with_timezone(&tz);
    (
        crate::domain::frdate::format_date(lang, local.date_naive()),
        local.format("%H:%M").to_string(),
    )
}

/// The foot of a message to `user_id`: the preferences page, and the
/// unsubscribe link when the mail is non-essential.
pub fn footer(
    conn: &mut DbConnection,
    public_url: &str,
    user_id: i32,
    non_essential: bool,
) -> QueryResult<Footer> {
    let unsubscribe = if non_essential {
        let secret = mail_prefs::secret(conn)?;
        Some(unsubscribe_url(public_url, &secret, user_id))
    } else {
        None
    };
    Ok(Footer {
        prefs: Some(format!("{public_url}{PREFS_PATH}")),
        unsubscribe,
    })
}

/// `<public>/desabonnement/<token>`.
pub fn unsubscribe_url(public_url: &str, secret: &str, user_id: i32) -> String {
    format!(
        "{public_url}/desabonnement/{}",
        mail_prefs::unsubscribe_token(secret, user_id)
    )
}

/// A rendered message ready to queue.
#[derive(Debug, Clone)]
pub struct Outgoing<'a> {
    /// The logical message (see [`outbox::NewMessage::dedup_key`]).
    pub key: String,
    pub kind: &'a str,
    pub to: &'a str,
    pub message: Rendered,
    pub footer: &'a Footer,
    pub attachment: Option<outbox::Attachment>,
    pub send_after: NaiveDateTime,
}

/// Queues a rendered message; the unsubscribe link of its footer (if any)
/// becomes `List-Unsubscribe`.
pub fn enqueue(conn: &mut DbConnection, m: Outgoing<'_>) -> QueryResult<Enqueued> {
    outbox::enqueue_with(
        conn,
        &NewMessage {
            dedup_key: m.key,
            recipient: m.to.to_string(),
            kind: m.kind.to_string(),
            subject: m.message.subject,
            body_text: m.message.text,
            body_html: Some(m.message.html),
            send_after: m.send_after,
        },
        &Extras {
            attachment: m.attachment,
            list_unsubscribe: m.footer.unsubscribe.clone(),
        },
    )
}
