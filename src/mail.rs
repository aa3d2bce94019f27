//! Outgoing mail behind one small interface: SMTP (lettre), `.eml` files under
//! `<data-dir>/mail/` (the zero-config default) or memory (unit tests).
//!
//! Messages of the durable outbox go out through [`MailSession`]s, one per
//! lane of a drain: its SMTP connection serves the lane's whole share of the
//! batch and is closed with it (no connection outlives the drain, nor the
//! async runtime that opened it).

use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, SinglePart};
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};

mod smtp;

/// One plain-text message, already rendered in the recipient's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
}

/// Why [`Mailer::send_message`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// Worth retrying later (connection refused, timeout, SMTP 4xx).
    Temporary(String),
    /// The server refused for good (SMTP 5xx); its reason.
    Permanent(String),
}

impl std::fmt::Display for SendFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendFailure::Temporary(e) => write!(f, "temporary failure: {e}"),
            SendFailure::Permanent(e) => write!(f, "refused: {e}"),
        }
    }
}

impl std::error::Error for SendFailure {}

/// Where mail goes.
#[derive(Clone)]
enum Transport {
    /// An SMTP server; connections belong to a [`MailSession`], so that none
    /// outlives the drain (nor the async runtime) that opened it.
    Smtp(smtp::Endpoint),
    /// `.eml` files in a folder.
    File(AsyncFileTransport<Tokio1Executor>),
    /// Kept in memory (unit tests).
    Memory(Arc<Mutex<Vec<OutgoingMail>>>),
}

/// SMTP connections the outbox worker uses at once by default
/// (`SMTP_CONNECTIONS`): a week of reminders of a large helpline goes out in
/// seconds even with one, and four stay within the per-client limits of
/// common relays while one slow conversation does not hold up the rest.
pub const DEFAULT_CONNECTIONS: usize = 4;

/// Sends [`OutgoingMail`] from the configured sender.
#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
    /// How many sessions the outbox worker runs at once.
    connections: usize,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.transport {
            Transport::Smtp(_) => "smtp",
            Transport::File(_) => "file",
            Transport::Memory(_) => "memory",
        };
        f.debug_struct("Mailer").field("transport", &kind).finish()
    }
}

impl Mailer {
    /// SMTP when `smtp_url` is given, else `.eml` files under `<data_dir>/mail/`.
    pub fn from_config(
        smtp_url: Option<&str>,
        from: &str,
        data_dir: &Path,
    ) -> anyhow::Result<Mailer> {
        let from: Mailbox = from
            .parse()
            .with_context(|| "MAIL_FROM is not a valid address")?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                smtp::Endpoint::parse(url)
                    .map_err(|e| anyhow::anyhow!("{e}"))
                    .context(
                        "SMTP_URL n'est pas une adresse smtp:// ou smtps:// valide / \
                         SMTP_URL is not a valid smtp:// or smtps:// URL",
                    )?,
            ),
            None => {
                let dir = data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                Transport::File(AsyncFileTransport::new(dir))
            }
        };
        Ok(Mailer {
            from,
            transport,
            connections: DEFAULT_CONNECTIONS,
        })
    }

    /// The same mailer with `n` (at least 1) sessions at once.
    pub fn with_connections(mut self, n: usize) -> Mailer {
        self.connections = n.max(1);
        self
    }

    /// How many sessions (SMTP connections) the outbox worker runs at once.
    pub fn connections(&self) -> usize {
        self.connections
    }

    /// A mailer that keeps messages in memory, and the list they go to.
    pub fn memory() -> (Mailer, Arc<Mutex<Vec<OutgoingMail>>>) {
        let sink = Arc::new(Mutex::new(Vec::new()));
        let from = Mailbox::new(
            None,
            lettre::Address::new_dangerous("astreinte", "localhost"),
        );
        (
            Mailer {
                from,
                transport: Transport::Memory(sink.clone()),
                connections: DEFAULT_CONNECTIONS,
            },
            sink,
        )
    }

    /// Sends one message outside the outbox (over a one-message session).
    /// Errors name the transport, never the recipient.
    pub async fn send(&self, mail: &OutgoingMail) -> anyhow::Result<()> {
        let message = self.build(mail)?;
        let mut session = self.session();
        let sent = session.send_message(mail, message).await;
        session.close().await;
        Ok(sent?)
    }

    /// The sender every message is from.
    pub fn from_mailbox(&self) -> Mailbox {
        self.from.clone()
    }

    /// Opens a session for a series of messages sent one after the other:
    /// over SMTP, one connection, opened at the first send, kept for the
    /// following ones (checked with NOOP before each reuse, replaced when
    /// broken) and closed by [`MailSession::close`].
    pub fn session(&self) -> MailSession {
        MailSession(match &self.transport {
            Transport::Smtp(endpoint) => {
                Session::Smtp(Box::new(smtp::Connection::new(endpoint.clone())))
            }
            Transport::File(files) => Session::File(files.clone()),
            Transport::Memory(sink) => Session::Memory(sink.clone()),
        })
    }

    fn build(&self, mail: &OutgoingMail) -> anyhow::Result<Message> {
        let to: Mailbox = mail.to.parse().context("invalid recipient address")?;
        let body = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .body(text_body(&mail.text));
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .singlepart(body)
            .context("cannot build the message")
    }
}

/// A series of sends over one SMTP connection (see [`Mailer::session`]).
pub struct MailSession(Session);

enum Session {
    /// Boxed: a connection (with its buffers) is much larger than the others.
    Smtp(Box<smtp::Connection>),
    File(AsyncFileTransport<Tokio1Executor>),
    Memory(Arc<Mutex<Vec<OutgoingMail>>>),
}

impl MailSession {
    /// Sends a message built by the caller (the outbox worker, which sets the
    /// Message-ID); the in-memory transport keeps `mail`. Failures say whether
    /// a retry may help: an SMTP 5xx is permanent, anything else (connection
    /// refused, timeout, 4xx) temporary.
    pub async fn send_message(
        &mut self,
        mail: &OutgoingMail,
        message: Message,
    ) -> Result<(), SendFailure> {
        match &mut self.0 {
            Session::Memory(sink) => {
                sink.lock()
                    .map_err(|_| SendFailure::Temporary("mail sink poisoned".into()))?
                    .push(mail.clone());
            }
            Session::Smtp(conn) => {
                conn.send(message.envelope(), &message.formatted()).await?;
            }
            Session::File(files) => {
                let id = files
                    .send(message)
                    .await
                    .map_err(|e| SendFailure::Temporary(format!("cannot write mail file: {e}")))?;
                tracing::info!(mail_file = %format!("{id}.eml"), "mail written to the mail folder");
            }
        }
        Ok(())
    }

    /// Ends the session: closes its SMTP connection (QUIT).
    pub async fn close(self) {
        if let Session::Smtp(conn) = self.0 {
            conn.close().await;
        }
    }
}

/// 8bit text (RFC 6152) keeps links whole and readable in `.eml` files;
/// lettre would switch to quoted-printable past 76 characters a line. Lines
/// over the SMTP limit of 998 bytes fall back to lettre's own choice.
pub(crate) fn text_body(text: &str) -> Body {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let fits = crlf.split("\r\n").all(|line| line.len() <= 998) && !crlf.contains('\0');
    if fits {
        Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::EightBit)
    } else {
        Body::new(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn file_transport_writes_an_eml_file() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::from_config(None, "Astreinte <a@example.org>", dir.path()).unwrap();
        let mail = OutgoingMail {
            to: "benevole@example.org".into(),
            subject: "Votre lien de connexion".into(),
            text: "Bonjour,\n\nvoici le lien de connexion, valable quinze minutes, utilisable une seule fois :\nhttp://127.0.0.1:8080/auth/magic/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ\n".into(),
        };
        mailer.send(&mail).await.unwrap();
        let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
            .unwrap()
            .collect();
        assert_eq!(files.len(), 1);
        let raw = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
        assert!(raw.contains(
            "\r\nhttp://127.0.0.1:8080/auth/magic/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ\r\n"
        ));
        assert!(raw.contains("Content-Transfer-Encoding: 8bit"));
        assert!(raw.contains("valable quinze minutes, utilisable"));
    }

    #[tokio::test]
    async fn memory_transport_keeps_messages() {
        let (mailer, sink) = Mailer::memory();
        let mail = OutgoingMail {
            to: "x@example.org".into(),
            subject: "s".into(),
            text: "t".into(),
        };
        mailer.send(&mail).await.unwrap();
        assert_eq!(sink.lock().unwrap().as_slice(), &[mail]);
    }
}
