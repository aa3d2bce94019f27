//! Test harness for the web application: `spawn_app()` starts the real server
//! on port 0 over a fresh database (SQLite, or PostgreSQL with
//! `ASTREINTE_TEST_DB=postgres`) with a real SMTP sink on loopback, and seeds
//! two centres and one account per role.

#![allow(clippy::unwrap_used)]

use std::net::{IpAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::dev::ServerHandle;
use astreinte::config::Config;
use astreinte::db::{self, centres, users, volunteers};
use mailin_embedded::{response, Handler, Response, Server, SslConfig};
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};

use crate::test_db::TestDb;

/// Every account used by the tests shares this password.
pub const PASSWORD: &str = "une phrase de passe solide";

/// The five kinds of visitor of the authorization table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Anonymous,
    Volunteer,
    CoordA,
    CoordB,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Anonymous,
        Role::Volunteer,
        Role::CoordA,
        Role::CoordB,
        Role::Admin,
    ];

    pub fn email(self) -> Option<&'static str> {
        match self {
            Role::Anonymous => None,
            Role::Volunteer => Some("benevole@example.org"),
            Role::CoordA => Some("coord.a@example.org"),
            Role::CoordB => Some("coord.b@example.org"),
            Role::Admin => Some("admin@example.org"),
        }
    }
}

/// A mail received by the SMTP sink.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub to: Vec<String>,
    pub raw: String,
}

impl ReceivedMail {
    /// The path and token of the one-time link in the mail: `/auth/magic/…`.
    pub fn magic_path(&self) -> String {
        let start = self.raw.find("/auth/magic/").expect("no link in mail");
        let rest = &self.raw[start..];
        let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
        rest[..end].to_string()
    }
}

#[derive(Clone)]
struct SinkHandler {
    to: Vec<String>,
    buf: Vec<u8>,
    store: Arc<Mutex<Vec<ReceivedMail>>>,
    sessions: Arc<AtomicUsize>,
}

impl Handler for SinkHandler {
    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        self.sessions.fetch_add(1, Ordering::Relaxed);
        response::OK
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.buf.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.store.lock().unwrap().push(ReceivedMail {
            to: std::mem::take(&mut self.to),
            raw: String::from_utf8_lossy(&self.buf).into_owned(),
        });
        response::OK
    }
}

/// An SMTP server on 127.0.0.1 that keeps what it receives.
#[derive(Clone)]
pub struct MailSink {
    pub port: u16,
    store: Arc<Mutex<Vec<ReceivedMail>>>,
    sessions: Arc<AtomicUsize>,
}

impl MailSink {
    pub fn start() -> MailSink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let store = Arc::new(Mutex::new(Vec::new()));
        let sessions = Arc::new(AtomicUsize::new(0));
        let handler = SinkHandler {
            to: Vec::new(),
            buf: Vec::new(),
            store: store.clone(),
            sessions: sessions.clone(),
        };
        let mut server = Server::new(handler);
        server
            .with_name("localhost")
            // One thread serves one connection: room for two workers' lanes
            // (2 × CONNECTIONS) and more, as on any real server.
            .with_num_threads(16)
            .with_ssl(SslConfig::None)
            .unwrap()
            .with_tcp_listener(listener);
        // The thread ends with the test process.
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        MailSink {
            port,
            store,
            sessions,
        }
    }

    /// SMTP sessions (HELO/EHLO) opened so far.
    pub fn sessions(&self) -> usize {
        self.sessions.load(Ordering::Relaxed)
    }

    /// All mails received so far.
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.store.lock().unwrap().clone()
    }

    /// Waits (up to 10 s) until `n` mails have arrived, and returns them.
    pub async fn wait_for(&self, n: usize) -> Vec<ReceivedMail> {
        for _ in 0..200 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {n} mail(s), got {}", self.received().len());
    }
}

/// A running application and what the tests need to talk to it. The
/// application runs on a thread of its own and stops when the `TestApp` is
/// dropped, before its database is, so that no server, pool or background
/// loop outlives its test.
pub struct TestApp {
    pub address: String,
    pub db_url: String,
    pub mail: MailSink,
    pub centre_a: i32,
    pub centre_b: i32,
    server: ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
    _db: TestDb,
    _data_dir: tempfile::TempDir,
}

/// How long a dropped `TestApp` waits for its application to stop.
const STOP_WAIT: Duration = Duration::from_secs(10);

impl Drop for TestApp {
    fn drop(&mut self) {
        // The stop command is sent at once; the future only awaits it.
        drop(self.server.stop(false));
        let Some(thread) = self.thread.take() else {
            return;
        };
        let until = std::time::Instant::now() + STOP_WAIT;
        while !thread.is_finished() && std::time::Instant::now() < until {
            std::thread::sleep(Duration::from_millis(5));
        }
        if thread.is_finished() {
            // A panic on the application's thread fails the test.
            if thread.join().is_err() && !std::thread::panicking() {
                panic!("the application's thread panicked");
            }
        } else {
            // E.g. a background job still solving: left to end with the
            // process, as before this harness stopped applications.
            eprintln!("the application did not stop within {STOP_WAIT:?}; left running");
        }
    }
}

/// Starts the application with the default configuration.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the application after `adjust` has changed its configuration.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let test_db = TestDb::new();
    let db_url = test_db.url().to_string();
    let data_dir = tempfile::tempdir().unwrap();
    let mail = MailSink::start();
    let mut config = Config::for_tests(db_url.clone(), data_dir.path().to_path_buf());
    config.smtp_url = Some(format!("smtp://127.0.0.1:{}", mail.port));
    adjust(&mut config);
    let (started, ready) = tokio::sync::oneshot::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let app = astreinte::startup::build(config)
                .await
                .expect("the application builds");
            let _ = started.send((app.port(), app.handle()));
            app.run_until_stopped().await.unwrap();
        });
    });
    let Ok((port, server)) = ready.await else {
        let _ = thread.join();
        panic!("the application did not start");
    };
    let address = format!("http://127.0.0.1:{port}");

    let url = db_url.clone();
    let (centre_a, centre_b) = tokio::task::spawn_blocking(move || seed_accounts(&url))
        .await
        .unwrap();
    TestApp {
        address,
        db_url,
        mail,
        centre_a,
        centre_b,
        server,
        thread: Some(thread),
        _db: test_db,
        _data_dir: data_dir,
    }
}

/// Two centres, A and B; a volunteer of A, a coordinator of each, an administrator.
fn seed_accounts(url: &str) -> (i32, i32) {
    let mut conn = db::establish(url).unwrap();
    let a = centres::upsert(&mut conn, "A", "Centre A", "Europe/Paris", false).unwrap();
    let b = centres::upsert(&mut conn, "B", "Centre B", "Indian/Reunion", false).unwrap();
    let hash = users::hash_password(PASSWORD).unwrap();
    for role in [Role::Volunteer, Role::CoordA, Role::CoordB, Role::Admin] {
        let user = users::create(
            &mut conn,
            &users::NewUser {
                email: role.email(),
                display_name: &format!("{role:?}"),
                lang: "fr",
                password_hash: Some(&hash),
                is_admin: role == Role::Admin,
                ..Default::default()
            },
        )
        .unwrap();
        match role {
            Role::Volunteer => {
                let v =
                    volunteers::upsert(&mut conn, user.id, "v-test", &Default::default()).unwrap();
                volunteers::set_centres(&mut conn, v.id, &[a.id]).unwrap();
            }
            Role::CoordA => centres::add_coordinator(&mut conn, user.id, a.id).unwrap(),
            Role::CoordB => centres::add_coordinator(&mut conn, user.id, b.id).unwrap(),
            _ => {}
        }
    }
    (a.id, b.id)
}

/// A browser-like client: keeps cookies, does not follow redirects.
pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The `csrf_token` value of the first form in `html`.
pub fn csrf_in(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("no CSRF field in page") + marker.len();
    let end = html[start..].find('"').unwrap();
    html[start..start + end].to_string()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, client: &Client, path: &str) -> reqwest::Response {
        client.get(self.url(path)).send().await.unwrap()
    }

    /// The body of a GET, as sent (entities left escaped), whatever the status.
    pub async fn text(&self, client: &Client, path: &str) -> String {
        self.get(client, path).await.text().await.unwrap()
    }

    /// The body of a GET with HTML entities decoded (see [`unescape`]), for
    /// reading the page's text.
    pub async fn page(&self, client: &Client, path: &str) -> String {
        unescape(&self.text(client, path).await)
    }

    /// The session's CSRF token, read from a page the client may see.
    pub async fn csrf(&self, client: &Client) -> String {
        let home = self.get(client, "/home").await;
        let resp = if home.status() == StatusCode::OK {
            home
        } else {
            self.get(client, "/").await
        };
        csrf_in(&resp.text().await.unwrap())
    }

    /// POSTs a form as is (no token added).
    pub async fn post_raw(
        &self,
        client: &Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// POSTs a form with the session's CSRF token.
    pub async fn post_form(
        &self,
        client: &Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.csrf(client).await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.post_raw(client, path, &all).await
    }

    /// Signs `client` in with a password; returns the response.
    pub async fn login(&self, client: &Client, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            client,
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// A new client signed in as `role` (anonymous: a client with a session only).
    pub async fn client_as(&self, role: Role) -> Client {
        let c = client();
        match role.email() {
            Some(email) => {
                let resp = self.login(&c, email, PASSWORD).await;
                assert_eq!(resp.status(), StatusCode::SEE_OTHER, "login as {role:?}");
            }
            None => {
                self.get(&c, "/").await;
            }
        }
        c
    }

    /// A direct database connection (to look at or age rows).
    pub fn db(&self) -> astreinte::db::DbConnection {
        db::establish(&self.db_url).unwrap()
    }
}

/// HTML text with the entities askama writes turned back into characters.
pub fn unescape(html: &str) -> String {
    html.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
