//! The drop-out and cover mails, rendered (text + HTML) in each recipient's
//! language and written to the outbox in the caller's transaction, each
//! under a unique dedup key: the coordinators' alert, « Pouvez-vous
//! remplacer ? » with a one-time link, « c'est couvert, merci », the
//! coordinators' « remplacé par X » / « personne pour l'instant », and the
//! new holder's confirmation.

use askama::Template;

use super::{centre_tz, Candidate};
use crate::auth::tokens;
use crate::db::dropouts::{self, CoverOffer, Dropout, Recipient};
use crate::db::outbox::{self, NewMessage};
use crate::db::rotas::RotaShift;
use crate::db::{centres, now_utc, skills, DbConnection};
use crate::domain::frdate::{format_date, format_minute};
use crate::i18n::{Lang, Tr};
use crate::scenario_build::BuildError;

#[derive(Template)]
#[template(path = "email/cover_request.txt")]
struct RequestText<'a> {
    t: Tr,
    what: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/cover_request.html")]
struct RequestHtml<'a> {
    t: Tr,
    what: &'a str,
    link: &'a str,
}

/// A notice: a few paragraphs and an optional link.
#[derive(Template)]
#[template(path = "email/cover_notice.txt")]
struct NoticeText<'a> {
    t: Tr,
    lines: &'a [String],
    link: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "email/cover_notice.html")]
struct NoticeHtml<'a> {
    t: Tr,
    lines: &'a [String],
    link: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "email/dropout_alert.txt")]
struct AlertText<'a> {
    t: Tr,
    lines: &'a [String],
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/dropout_alert.html")]
struct AlertHtml<'a> {
    t: Tr,
    lines: &'a [String],
    link: &'a str,
}

fn tr_of(r: &Recipient) -> Tr {
    Tr::new(Lang::parse(&r.lang).unwrap_or_default())
}

fn render_err(e: askama::Error) -> BuildError {
    BuildError::Invalid(format!("mail template: {e}"))
}

/// The shift in words, in the centre's zone: « samedi 12 décembre 2026,
/// 14:00–18:00, Centre A (Écoute) ».
pub fn describe(conn: &mut DbConnection, t: Tr, shift: &RotaShift) -> Result<String, BuildError> {
    let centre = centres::by_id(conn, shift.centre_id)?;
    let tz = centre_tz(
        centre
            .as_ref()
            .map_or("Europe/Paris", |c| c.timezone.as_str()),
    );
    let s = shift.start_utc.and_utc().with_timezone(&tz).naive_local();
    let e = shift.end_utc.and_utc().with_timezone(&tz).naive_local();
    let minute = |x: chrono::NaiveDateTime| {
        i64::from(chrono::Timelike::hour(&x)) * 60 + i64::from(chrono::Timelike::minute(&x))
    };
    let end_minute = minute(e) + (e.date() - s.date()).num_days() * 1440;
    let skill = skills::list(conn)?
        .into_iter()
        .find(|k| k.id == shift.skill_id)
        .map(|k| match t.lang {
            Lang::Fr => k.name_fr,
            Lang::En => k.name_en,
        })
        .unwrap_or_default();
    Ok(format!(
        "{}, {}–{}, {} ({})",
        format_date(t.lang, s.date()),
        format_minute(minute(s)),
        format_minute(end_minute),
        centre.map(|c| c.name).unwrap_or_default(),
        skill
    ))
}

fn enqueue(
    conn: &mut DbConnection,
    to: &Recipient,
    kind: &str,
    key: String,
    subject: String,
    text: String,
    html: String,
) -> Result<(), BuildError> {
    outbox::enqueue(
        conn,
        &NewMessage {
            dedup_key: key,
            recipient: to.email.clone(),
            kind: kind.to_string(),
            subject,
            body_text: text,
            body_html: Some(html),
            send_after: now_utc(),
        },
    )?;
    Ok(())
}

fn notice(
    conn: &mut DbConnection,
    to: &Recipient,
    kind: &str,
    key: String,
    subject: String,
    lines: &[String],
    link: Option<&str>,
) -> Result<(), BuildError> {
    let t = tr_of(to);
    let text = NoticeText { t, lines, link }.render().map_err(render_err)?;
    let html = NoticeHtml { t, lines, link }.render().map_err(render_err)?;
    enqueue(conn, to, kind, key, subject, text, html)
}

fn replacements_link(
    conn: &mut DbConnection,
    base_url: &str,
    centre_id: i32,
) -> Result<String, BuildError> {
    let code = centres::by_id(conn, centre_id)?
        .map(|c| c.code)
        .unwrap_or_default();
    Ok(format!("{base_url}/centres/{code}/remplacements"))
}

/// To the centre's coordinators: someone dropped out.
pub fn dropout_alert(
    conn: &mut DbConnection,
    d: &Dropout,
    shift: &RotaShift,
    base_url: &str,
) -> Result<(), BuildError> {
    let name = dropouts::volunteer_name(conn, d.volunteer_id)?;
    let link = replacements_link(conn, base_url, d.centre_id)?;
    for to in dropouts::coordinators_to_alert(conn, d.centre_id)? {
        let t = tr_of(&to);
        let what = describe(conn, t, shift)?;
        let mut lines = vec![t.args("mail-dropout-text", &[("name", &name), ("what", &what)])];
        if let Some(r) = d.reason.as_deref() {
            lines.push(t.args("mail-dropout-reason", &[("reason", r)]));
        }
        let subject = t.args("mail-dropout-subject", &[("what", &what)]);
        let text = AlertText {
            t,
            lines: &lines,
            link: &link,
        }
        .render()
        .map_err(render_err)?;
        let html = AlertHtml {
            t,
            lines: &lines,
            link: &link,
        }
        .render()
        .map_err(render_err)?;
        let key = format!("dropout:{}:coord:{}", d.id, to.user_id);
        enqueue(conn, &to, "dropout_alert", key, subject, text, html)?;
    }
    Ok(())
}

/// « Pouvez-vous remplacer ? » to each candidate (in rank order) with a
/// fresh one-time link expiring at the shift's start; then tells the
/// coordinators nobody has accepted yet. Returns how many were offered
/// (candidates already offered this drop-out are skipped).
pub fn cover_requests(
    conn: &mut DbConnection,
    d: &Dropout,
    shift: &RotaShift,
    candidates: &[&Candidate],
    base_url: &str,
) -> Result<usize, BuildError> {
    let mut offered = 0;
    for (i, c) in candidates.iter().enumerate() {
        let Some(to) = dropouts::volunteer_recipient(conn, c.volunteer_id)? else {
            continue;
        };
        let (token, hash) = tokens::new_token();
        let rank = i32::try_from(i + 1).unwrap_or(i32::MAX);
        if dropouts::insert_offer(conn, d.id, c.volunteer_id, &hash, rank, shift.start_utc)?
            .is_none()
        {
            continue;
        }
        let t = tr_of(&to);
        let what = describe(conn, t, shift)?;
        let link = format!("{base_url}/remplacer/{token}");
        let text = RequestText {
            t,
            what: &what,
            link: &link,
        }
        .render()
        .map_err(render_err)?;
        let html = RequestHtml {
            t,
            what: &what,
            link: &link,
        }
        .render()
        .map_err(render_err)?;
        let subject = t.args("mail-cover-subject", &[("what", &what)]);
        let key = format!("cover:{}:offer:{}", d.id, c.volunteer_id);
        enqueue(conn, &to, "cover_request", key, subject, text, html)?;
        offered += 1;
    }
    if offered > 0 {
        dropouts::mark_offered(conn, d.id)?;
        let link = replacements_link(conn, base_url, d.centre_id)?;
        let count = i64::try_from(offered).unwrap_or(0);
        let total = dropouts::offers_of(conn, d.id)?.len();
        for to in dropouts::coordinators_to_alert(conn, d.centre_id)? {
            let t = tr_of(&to);
            let what = describe(conn, t, shift)?;
            let lines = vec![
                t.args("mail-cover-pending-text", &[("what", &what)]),
                t.count("mail-cover-pending-count", count),
            ];
            let subject = t.args("mail-cover-pending-subject", &[("what", &what)]);
            let key = format!("cover:{}:pending:{}:coord:{}", d.id, total, to.user_id);
            notice(
                conn,
                &to,
                "cover_pending",
                key,
                subject,
                &lines,
                Some(&link),
            )?;
        }
    }
    Ok(offered)
}

/// After the shift changed hands: « c'est couvert, merci » to the other
/// candidates offered it, « remplacé par X » to the coordinators, and a
/// confirmation to the new holder.
pub fn covered(
    conn: &mut DbConnection,
    d: &Dropout,
    shift: &RotaShift,
    others: &[CoverOffer],
    base_url: &str,
) -> Result<(), BuildError> {
    for o in others {
        if let Some(to) = dropouts::volunteer_recipient(conn, o.volunteer_id)? {
            let t = tr_of(&to);
            let what = describe(conn, t, shift)?;
            let lines = vec![t.args("mail-covered-text", &[("what", &what)])];
            let subject = t.args("mail-covered-subject", &[("what", &what)]);
            let key = format!("cover:{}:covered:{}", d.id, o.volunteer_id);
            notice(conn, &to, "cover_covered", key, subject, &lines, None)?;
        }
    }
    let name = dropouts::volunteer_name(conn, shift.volunteer_id)?;
    let link = replacements_link(conn, base_url, d.centre_id)?;
    for to in dropouts::coordinators_to_alert(conn, d.centre_id)? {
        let t = tr_of(&to);
        let what = describe(conn, t, shift)?;
        let lines = vec![t.args("mail-taken-text", &[("name", &name), ("what", &what)])];
        let subject = t.args("mail-taken-subject", &[("name", &name), ("what", &what)]);
        let key = format!("cover:{}:taken:coord:{}", d.id, to.user_id);
        notice(conn, &to, "cover_taken", key, subject, &lines, Some(&link))?;
    }
    if let Some(to) = dropouts::volunteer_recipient(conn, shift.volunteer_id)? {
        let t = tr_of(&to);
        let what = describe(conn, t, shift)?;
        let lines = vec![t.args("mail-assigned-text", &[("what", &what)])];
        let subject = t.args("mail-assigned-subject", &[("what", &what)]);
        let key = format!("cover:{}:assigned:{}", d.id, shift.volunteer_id);
        notice(conn, &to, "cover_assigned", key, subject, &lines, None)?;
    }
    Ok(())
}
