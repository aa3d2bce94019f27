//! The SMTP side of [`super::MailSession`]: where to connect (parsed from
//! `SMTP_URL`) and one reused connection.
//!
//! lettre's pooled transport hands a connection back to its pool from a
//! spawned task, so the next send may find the pool empty and open another
//! connection; a session that owns its one connection sends a whole series
//! over it, deterministically.

use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::Error as SmtpError;

use super::SendFailure;

/// Longest wait for the TCP (or TLS) connection.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Longest wait for the reply to QUIT; the connection is closed either way.
const QUIT_TIMEOUT: Duration = Duration::from_secs(5);

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Security {
    /// `smtp://`: plain (a relay on the same host or network).
    None,
    /// `smtp://…?tls=starttls` (or `required`): STARTTLS, refused without it.
    Starttls,
    /// `smtp://…?tls=opportunistic`: STARTTLS when the server offers it.
    Opportunistic,
    /// `smtps://`: TLS from the first byte.
    Wrapper,
}

/// An SMTP server as given by `SMTP_URL`:
/// `smtp[s]://[user[:password]@]host[:port][/ehlo-name][?tls=starttls|required|opportunistic]`
/// (user and password percent-encoded). Default ports: 25 (plain), 587
/// (STARTTLS), 465 (`smtps`).
#[derive(Clone)]
pub(crate) struct Endpoint {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<Credentials>,
    hello: ClientId,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // No credentials in logs.
        f.debug_struct("Endpoint")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .finish_non_exhaustive()
    }
}

impl Endpoint {
    /// Parses `SMTP_URL`; the error says which part is wrong.
    pub(crate) fn parse(url: &str) -> Result<Endpoint, String> {
        let (scheme, rest) = url
            .split_once("://")
            .ok_or("smtp://… ou smtps://… attendu / expected smtp://… or smtps://…")?;
        let (rest, query) = match rest.split_once('?') {
            Some((r, q)) => (r, Some(q)),
            None => (rest, None),
        };
        let mut tls = None;
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("tls", v)) => tls = Some(v),
                _ => {
                    return Err(format!(
                        "paramètre inconnu « {pair} » (seul tls=… est permis) / \
                         unknown parameter '{pair}' (only tls=…)"
                    ))
                }
            }
        }
        let security = match (scheme, tls) {
            ("smtp", None) => Security::None,
            ("smtp", Some("starttls" | "required")) => Security::Starttls,
            ("smtp", Some("opportunistic")) => Security::Opportunistic,
            ("smtps", None) => Security::Wrapper,
            ("smtp" | "smtps", Some(v)) => {
                return Err(format!(
                    "tls={v} : starttls, required ou opportunistic attendu (avec smtp://) / \
                     tls={v}: expected starttls, required or opportunistic (with smtp://)"
                ))
            }
            (s, _) => {
                return Err(format!(
                    "schéma « {s} » : smtp ou smtps attendu / scheme '{s}': expected smtp or smtps"
                ))
            }
        };
        let (authority, path) = match rest.split_once('/') {
            Some((a, p)) => (a, p.trim_matches('/')),
            None => (rest, ""),
        };
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (host, port) = split_host_port(hostport)?;
        let port = port.unwrap_or(match security {
            Security::None => 25,
            Security::Starttls | Security::Opportunistic => 587,
            Security::Wrapper => 465,
        });
        let decode = |s: &str| {
            urlencoding::decode(s).map(|c| c.into_owned()).map_err(|_| {
                "utilisateur ou mot de passe : encodage % invalide / \
                     user or password: invalid percent-encoding"
                    .to_string()
            })
        };
        let credentials = match userinfo {
            Some(u) => {
                let (user, password) = u.split_once(':').unwrap_or((u, ""));
                Some(Credentials::new(decode(user)?, decode(password)?))
            }
            None => None,
        };
        let hello = if path.is_empty() {
            ClientId::default()
        } else {
            ClientId::Domain(path.to_string())
        };
        Ok(Endpoint {
            host,
            port,
            security,
            credentials,
            hello,
        })
    }

    fn tls(&self) -> Result<TlsParameters, SmtpError> {
        TlsParameters::new(self.host.clone())
    }

    /// Opens a connection: TCP (or TLS), greeting, EHLO, STARTTLS as
    /// configured, then AUTH when credentials are given.
    ///
    /// Plain and STARTTLS connections are opened here with `TCP_NODELAY`:
    /// lettre writes the end of a message (`.`) as a small segment of its
    /// own, which Nagle's algorithm holds back until the server acknowledges
    /// the previous one, and servers delay that acknowledgement (40 ms on
    /// Linux) — about 45 ms lost per message, measured on loopback.
    async fn connect(&self) -> Result<AsyncSmtpConnection, SendFailure> {
        let lettre = |e: SmtpError| failure(&e);
        let mut conn = if self.security == Security::Wrapper {
            AsyncSmtpConnection::connect_tokio1(
                (self.host.as_str(), self.port),
                Some(TIMEOUT),
                &self.hello,
                Some(self.tls().map_err(lettre)?),
                None,
            )
            .await
            .map_err(lettre)?
        } else {
            let unreachable = |e: std::io::Error| {
                SendFailure::Temporary(format!("cannot connect to the SMTP server: {e}"))
            };
            let tcp = tokio::time::timeout(
                TIMEOUT,
                tokio::net::TcpStream::connect((self.host.as_str(), self.port)),
            )
            .await
            .map_err(|_| unreachable(std::io::ErrorKind::TimedOut.into()))?
            .map_err(unreachable)?;
            tcp.set_nodelay(true).map_err(unreachable)?;
            AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &self.hello)
                .await
                .map_err(lettre)?
        };
        match self.security {
            Security::Starttls => conn
                .starttls(self.tls().map_err(lettre)?, &self.hello)
                .await
                .map_err(lettre)?,
            Security::Opportunistic if conn.can_starttls() => conn
                .starttls(self.tls().map_err(lettre)?, &self.hello)
                .await
                .map_err(lettre)?,
            _ => {}
        }
        if let Some(credentials) = &self.credentials {
            conn.auth(DEFAULT_MECHANISMS, credentials)
                .await
                .map_err(lettre)?;
        }
        Ok(conn)
    }
}

/// `host[:port]`, with `[…]` around an IPv6 address.
fn split_host_port(s: &str) -> Result<(String, Option<u16>), String> {
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (h, after) = rest
            .split_once(']')
            .ok_or("hôte : « ] » manquant / host: missing ']'")?;
        (h, after.strip_prefix(':'))
    } else {
        match s.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    if host.is_empty() {
        return Err("hôte manquant / host: missing".into());
    }
    let port = port
        .map(|p| {
            p.parse::<u16>().map_err(|_| {
                format!(
                    "port « {p} » : nombre de 1 à 65535 attendu / \
                         port '{p}': not a number from 1 to 65535"
                )
            })
        })
        .transpose()?;
    if port == Some(0) {
        return Err(
            "port 0 : nombre de 1 à 65535 attendu / port 0: not a number from 1 to 65535".into(),
        );
    }
    Ok((host.to_string(), port))
}

fn failure(e: &SmtpError) -> SendFailure {
    if e.is_permanent() {
        SendFailure::Permanent(e.to_string())
    } else {
        SendFailure::Temporary(e.to_string())
    }
}

/// One connection to `endpoint`, opened at the first send and reused.
pub(crate) struct Connection {
    endpoint: Endpoint,
    conn: Option<AsyncSmtpConnection>,
}

impl Connection {
    pub(crate) fn new(endpoint: Endpoint) -> Connection {
        Connection {
            endpoint,
            conn: None,
        }
    }

    /// Sends one message. A kept connection is checked with NOOP first and
    /// replaced when the server has closed it; after a failed send the
    /// connection is closed (the next send starts a clean one). The
    /// connection is out of the session while in use, so a send cut short by
    /// the caller's timeout drops it instead of leaving it mid-command.
    pub(crate) async fn send(
        &mut self,
        envelope: &Envelope,
        bytes: &[u8],
    ) -> Result<(), SendFailure> {
        let mut conn = match self.conn.take() {
            Some(mut kept) => {
                if kept.test_connected().await {
                    kept
                } else {
                    kept.abort().await;
                    self.endpoint.connect().await?
                }
            }
            None => self.endpoint.connect().await?,
        };
        match conn.send(envelope, bytes).await {
            Ok(_) => {
                self.conn = Some(conn);
                Ok(())
            }
            Err(e) => {
                conn.abort().await;
                Err(failure(&e))
            }
        }
    }

    /// Ends the conversation (QUIT, waiting at most [`QUIT_TIMEOUT`] for the
    /// reply) and closes the connection.
    pub(crate) async fn close(mut self) {
        if let Some(mut conn) = self.conn.take() {
            let _ = tokio::time::timeout(QUIT_TIMEOUT, conn.quit()).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_give_host_port_security_and_credentials() {
        let e = Endpoint::parse("smtp://127.0.0.1:2525").unwrap();
        assert_eq!(
            (e.host.as_str(), e.port, e.security),
            ("127.0.0.1", 2525, Security::None)
        );
        assert!(e.credentials.is_none());
        let e = Endpoint::parse("smtp://u%40x:p%3Aw@mail.example.org?tls=starttls").unwrap();
        assert_eq!((e.port, e.security), (587, Security::Starttls));
        assert!(e.credentials == Some(Credentials::new("u@x".into(), "p:w".into())));
        let e = Endpoint::parse("smtp://mail.example.org?tls=required").unwrap();
        assert_eq!(e.security, Security::Starttls);
        let e = Endpoint::parse("smtp://mail.example.org?tls=opportunistic").unwrap();
        assert_eq!(e.security, Security::Opportunistic);
        let e = Endpoint::parse("smtps://mail.example.org/astreinte.example.org").unwrap();
        assert_eq!((e.port, e.security), (465, Security::Wrapper));
        assert_eq!(e.hello, ClientId::Domain("astreinte.example.org".into()));
        let e = Endpoint::parse("smtp://[::1]:25").unwrap();
        assert_eq!((e.host.as_str(), e.port), ("::1", 25));
    }

    #[test]
    fn bad_urls_say_what_is_wrong() {
        for (url, part) in [
            ("mail.example.org", "smtp://"),
            ("http://mail.example.org", "scheme"),
            ("smtp://mail.example.org?tls=yes", "tls=yes"),
            ("smtps://mail.example.org?tls=starttls", "tls=starttls"),
            ("smtp://mail.example.org:smtp", "port"),
            ("smtp://mail.example.org:0", "port"),
            ("smtp://:25", "host"),
            ("smtp://mail.example.org?timeout=3", "parameter"),
        ] {
            let err = Endpoint::parse(url).unwrap_err();
            assert!(err.contains(part), "{url}: {err}");
        }
    }

    #[test]
    fn debug_output_never_shows_credentials() {
        let e = Endpoint::parse("smtp://user:secret@mail.example.org").unwrap();
        let text = format!("{e:?}");
        assert!(!text.contains("secret") && !text.contains("user"), "{text}");
    }
}
