//! Sign-in links and invitations, queued in the same transaction as the
//! one-time link they carry. Essential: no unsubscribe link.

use crate::db::outbox::Enqueued;
use crate::db::{now_utc, DbConnection};
use crate::i18n::Lang;

use super::render::{self, Footer};
use super::{enqueue, NotifyError, Outgoing, KIND_INVITATION, KIND_LOGIN};

/// Queues the sign-in link mail; `token_hash` (the stored hash of the
/// link's token) names the logical message.
pub fn login_link(
    conn: &mut DbConnection,
    to: &str,
    lang: Lang,
    link: &str,
    token_hash: &str,
) -> Result<Enqueued, NotifyError> {
    let footer = Footer::default();
    let message = render::login_link(&render::LoginLink {
        fr: lang == Lang::Fr,
        link: link.to_string(),
        footer: footer.clone(),
    })?;
    Ok(enqueue(
        conn,
        Outgoing {
            key: format!("login:{token_hash}"),
            kind: KIND_LOGIN,
            to,
            message,
            footer: &footer,
            attachment: None,
            send_after: now_utc(),
        },
    )?)
}

/// Queues the invitation mail for the centre `centre`.
pub fn invitation(
    conn: &mut DbConnection,
    to: &str,
    lang: Lang,
    centre: &str,
    link: &str,
    token_hash: &str,
) -> Result<Enqueued, NotifyError> {
    let footer = Footer::default();
    let message = render::invitation(&render::Invitation {
        fr: lang == Lang::Fr,
        centre: centre.to_string(),
        link: link.to_string(),
        footer: footer.clone(),
    })?;
    Ok(enqueue(
        conn,
        Outgoing {
            key: format!("invitation:{token_hash}"),
            kind: KIND_INVITATION,
            to,
            message,
            footer: &footer,
            attachment: None,
            send_after: now_utc(),
        },
    )?)
}
