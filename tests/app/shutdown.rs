//! Graceful shutdown of the real binary: SIGTERM during a slow request →
//! the request completes, the process exits 0.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::test_db::TestDb;

/// A running `astreinte serve` and its address.
pub struct Served {
    pub child: Child,
    pub address: String,
    pub port: u16,
}

/// Starts `astreinte serve` on a free port with `envs`; reads the address
/// from its banner. Stderr goes to `stderr` (a file) when given.
pub fn serve(
    db_url: &str,
    data_dir: &std::path::Path,
    envs: &[(&str, &str)],
    stderr: Option<std::fs::File>,
) -> Served {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_astreinte"));
    cmd.args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .env("DATABASE_URL", db_url)
        .env_remove("SMTP_URL")
        .env_remove("LOG_FORMAT")
        .stdout(Stdio::piped())
        .stdin(Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    match stderr {
        Some(f) => cmd.stderr(Stdio::from(f)),
        None => cmd.stderr(Stdio::null()),
    };
    let mut child = cmd.spawn().expect("the binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let url = line
        .split_whitespace()
        .last()
        .expect("banner with the address")
        .trim_end_matches('/')
        .to_string();
    let port = url.rsplit(':').next().unwrap().parse().unwrap();
    Served {
        child,
        address: format!("http://127.0.0.1:{port}"),
        port,
    }
}

pub fn sigterm(child: &Child) {
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -TERM");
}

/// Waits up to `limit` for the process to exit.
pub fn wait_exit(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("the process did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test]
async fn sigterm_lets_a_request_in_flight_finish_and_the_process_exits_zero() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let mut served = serve(db.url(), dir.path(), &[], None);

    // A session and its CSRF token, for a form the server answers 200 to.
    let client = crate::helpers::client();
    let page = client
        .get(format!("{}/", served.address))
        .send()
        .await
        .unwrap();
    let cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ");
    let token = crate::helpers::csrf_in(&page.text().await.unwrap());
    let body = format!("email=personne%40example.org&csrf_token={token}");
    let (first, rest) = body.split_at(10);

    // The request starts: headers and the first bytes of the body…
    let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "POST /login/magic-link HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{first}",
        body.len()
    )
    .unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // …SIGTERM arrives while it is in flight…
    sigterm(&served.child);
    std::thread::sleep(Duration::from_millis(700));
    // …new connections are no longer accepted…
    let refused = TcpStream::connect_timeout(
        &format!("127.0.0.1:{}", served.port).parse().unwrap(),
        Duration::from_secs(1),
    )
    .is_err();
    // …and the rest of the body still gets its answer.
    stream.write_all(rest.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "the in-flight request completed: {}",
        response.lines().next().unwrap_or("")
    );
    let status = wait_exit(&mut served.child, Duration::from_secs(30));
    assert!(status.success(), "exit status {status:?}");
    assert!(refused, "no new connection accepted once stopping");
}
