//! Outgoing mail behind one small interface: SMTP (lettre), `.eml` files under
//! `<data-dir>/mail/` (the zero-config default) or memory (unit tests).
//!
//! The email issue will put a durable outbox in front of [`Mailer::send`].

use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

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

/// Where mail goes.
#[derive(Clone)]
enum Transport {
    /// SMTP URL as lettre understands it; a transport is built per send so
    /// that no connection outlives the async runtime that opened it.
    Smtp(String),
    /// `.eml` files in a folder.
    File(AsyncFileTransport<Tokio1Executor>),
    /// Kept in memory (unit tests).
    Memory(Arc<Mutex<Vec<OutgoingMail>>>),
}

/// Sends [`OutgoingMail`] from the configured sender.
#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
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

/// Translate our URL spelling to lettre's: `?tls=starttls` means STARTTLS required.
fn lettre_url(url: &str) -> String {
    url.replace("tls=starttls", "tls=required")
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
            Some(url) => {
                let url = lettre_url(url);
                // Validate the URL now rather than at the first send.
                AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
                    .context("SMTP_URL is not a valid smtp:// or smtps:// URL")?;
                Transport::Smtp(url)
            }
            None => {
                let dir = data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                Transport::File(AsyncFileTransport::new(dir))
            }
        };
        Ok(Mailer { from, transport })
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
            },
            sink,
        )
    }

    /// Sends one message. Errors name the transport, never the recipient.
    pub async fn send(&self, mail: &OutgoingMail) -> anyhow::Result<()> {
        if let Transport::Memory(sink) = &self.transport {
            sink.lock()
                .map_err(|_| anyhow::anyhow!("mail sink poisoned"))?
                .push(mail.clone());
            return Ok(());
        }
        let message = self.build(mail)?;
        match &self.transport {
            Transport::Smtp(url) => {
                let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("invalid SMTP_URL")?
                    .build();
                smtp.send(message).await.context("SMTP send failed")?;
            }
            Transport::File(files) => {
                let id = files
                    .send(message)
                    .await
                    .context("cannot write mail file")?;
                tracing::info!(mail_file = %format!("{id}.eml"), "mail written to the mail folder");
            }
            Transport::Memory(_) => {}
        }
        Ok(())
    }

    /// The sender every message is from.
    pub fn from_mailbox(&self) -> Mailbox {
        self.from.clone()
    }

    /// Sends a message built by the caller (the outbox worker, which sets the
    /// Message-ID); the in-memory transport keeps `mail`. Failures say whether
    /// a retry may help: an SMTP 5xx is permanent, anything else (connection
    /// refused, timeout, 4xx) temporary.
    pub async fn send_message(
        &self,
        mail: &OutgoingMail,
        message: Message,
    ) -> Result<(), SendFailure> {
        match &self.transport {
            Transport::Memory(sink) => {
                sink.lock()
                    .map_err(|_| SendFailure::Temporary("mail sink poisoned".into()))?
                    .push(mail.clone());
            }
            Transport::Smtp(url) => {
                let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| SendFailure::Temporary(format!("invalid SMTP_URL: {e}")))?
                    .build();
                smtp.send(message).await.map_err(|e| {
                    if e.is_permanent() {
                        SendFailure::Permanent(e.to_string())
                    } else {
                        SendFailure::Temporary(e.to_string())
                    }
                })?;
            }
            Transport::File(files) => {
                files
                    .send(message)
                    .await
                    .map_err(|e| SendFailure::Temporary(format!("cannot write mail file: {e}")))?;
            }
        }
        Ok(())
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

    #[test]
    fn starttls_spelling_maps_to_lettre_required() {
        assert_eq!(
            lettre_url("smtp://u:p@mail.example.org:587?tls=starttls"),
            "smtp://u:p@mail.example.org:587?tls=required"
        );
    }

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
