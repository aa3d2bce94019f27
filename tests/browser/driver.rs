//! Headless Chromium for the browser tests: checks the prerequisites (Debian
//! `chromium` + `chromium-driver`, npm `axe-core`), starts `chromedriver` on
//! a free port as a child process (killed on drop) and opens one WebDriver
//! session with the flags this sandbox needs.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

const INSTALL_HINT: &str = "run ./scripts/install-deps --with-browser (as root), \
     or set ASTREINTE_SKIP_BROWSER=1 to skip the browser tests explicitly";

/// `true` when the browser tests were explicitly switched off.
pub fn skipped() -> bool {
    std::env::var("ASTREINTE_SKIP_BROWSER").is_ok_and(|v| v == "1")
}

/// Where `axe.min.js` is (`ASTREINTE_AXE_JS`, else `./node_modules/axe-core/`).
pub fn axe_path() -> PathBuf {
    std::env::var("ASTREINTE_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js")
        })
}

/// Panics with a clear message when something the browser tests need is missing.
pub fn check_prerequisites() {
    let mut missing = Vec::new();
    for (path, package) in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")] {
        if !std::path::Path::new(path).exists() {
            missing.push(format!("{path} (Debian package {package})"));
        }
    }
    let axe = axe_path();
    if !axe.exists() {
        missing.push(format!("{} (npm package axe-core)", axe.display()));
    }
    assert!(
        missing.is_empty(),
        "browser tests cannot run, missing: {}.\n=> {INSTALL_HINT}",
        missing.join(", ")
    );
}

/// A running `chromedriver`, killed when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    /// Kills chromedriver's process group (chromedriver and any Chromium it
    /// left behind), then reaps chromedriver.
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("a free port");
    l.local_addr().unwrap().port()
}

impl Driver {
    /// Starts chromedriver and waits (≤ 20 s) until it accepts connections.
    pub fn start() -> Driver {
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}.\n=> {INSTALL_HINT}"));
        let mut driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            _profile: tempfile::tempdir().unwrap(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = driver.child.try_wait() {
                panic!("chromedriver exited at start ({status}).\n=> {INSTALL_HINT}");
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start in 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// Opens a headless Chromium session (1280×900).
    pub async fn session(&self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".to_string(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", self._profile.path().display()),
                ],
            }),
        );
        // Both rustls crypto providers are linked in: choose one for the process.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = ClientBuilder::rustls()
            .expect("TLS roots for the WebDriver client")
            .capabilities(caps)
            .connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("cannot open a Chromium session: {e}.\n=> {INSTALL_HINT}"));
        client
    }
}

/// Presses keys on whatever has the focus, as a person would (WebDriver actions).
pub async fn press(client: &Client, keys: &[char]) {
    let mut seq = KeyActions::new("keyboard".to_string());
    for &k in keys {
        seq = seq
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    client.perform_actions(seq).await.expect("key presses");
}

/// Types `text` into the focused element.
pub async fn type_text(client: &Client, text: &str) {
    let keys: Vec<char> = text.chars().collect();
    press(client, &keys).await;
}

/// The `id` of the focused element.
pub async fn focused_id(client: &Client) -> String {
    let el = client.active_element().await.expect("an active element");
    el.attr("id").await.ok().flatten().unwrap_or_default()
}

/// Waits (≤ 10 s) for the element `css` and returns it.
pub async fn wait_css(client: &Client, css: &str) -> fantoccini::elements::Element {
    match client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(el) => el,
        Err(e) => {
            let url = client.current_url().await.map(|u| u.to_string());
            let body = match client.find(Locator::Css("body")).await {
                Ok(b) => b.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            let body: String = body.chars().take(1500).collect();
            panic!("element {css} did not appear ({e}) on {url:?}; the page says:\n{body}")
        }
    }
}

/// Puts the keyboard focus on `css` (the starting point of a keyboard sequence).
pub async fn focus(client: &Client, css: &str) {
    let el = wait_css(client, css).await;
    client
        .execute(
            "arguments[0].focus(); return document.activeElement === arguments[0];",
            vec![serde_json::to_value(&el).unwrap()],
        )
        .await
        .expect("focus");
}
