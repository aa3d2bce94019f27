//! Browser tests of issue 4 in headless Chromium (Debian `chromium` +
//! `chromium-driver`, driven with fantoccini), with axe-core checking every
//! main page. A separate test binary, so the fast suite needs no browser.
//!
//! One Chromium session runs the flows one after the other: the
//! administrator pages, a volunteer signing in with a magic link and marking
//! availability with the keyboard, then the coordinator. Missing
//! prerequisites fail the run (see `driver.rs`) unless
//! `ASTREINTE_SKIP_BROWSER=1`.

// Tests may panic on unexpected errors: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../app/helpers.rs"]
mod helpers;
#[allow(dead_code)]
#[path = "../app/test_db.rs"]
mod test_db;

mod admin_flow;
mod axe;
mod coordinator_flow;
mod driver;
mod gdpr_flow;
mod rota_flow;
mod session;
mod training_flow;
mod volunteer_flow;

use std::sync::Arc;

use fantoccini::Client;

use crate::axe::Axe;
use crate::helpers::{spawn_app_with, TestApp};

/// Everything the flows share.
pub struct Ctx {
    pub app: TestApp,
    pub client: Client,
    pub axe: tokio::sync::Mutex<Axe>,
}

impl Ctx {
    /// Runs axe on the current page.
    pub async fn axe(&self, page: &str) {
        self.axe.lock().await.check(&self.client, page).await;
    }

    /// The current page in a 320 px wide window: nothing sticks out of the
    /// screen (wide tables scroll inside their own region), and axe again.
    pub async fn narrow(&self, page: &str) {
        self.client
            .set_window_size(320, 800)
            .await
            .expect("narrow window");
        let width = self
            .client
            .execute("return window.innerWidth;", vec![])
            .await
            .expect("inner width");
        let overflow = self
            .client
            .execute(
                "return [...document.body.querySelectorAll('*')]\
                   .filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1)\
                   .map(e => e.tagName + (e.id ? '#' + e.id : ''))\
                   .slice(0, 5);",
                vec![],
            )
            .await
            .expect("measure the page");
        assert_eq!(
            overflow,
            serde_json::json!([]),
            "{page}: elements wider than the {width} px window"
        );
        self.axe(&format!("{page} ({width} px)")).await;
        self.client
            .set_window_size(1280, 900)
            .await
            .expect("restore the window");
    }
}

async fn run_flows(ctx: Arc<Ctx>) {
    session::anonymous_pages(&ctx).await;
    admin_flow::run(&ctx).await;
    volunteer_flow::run(&ctx).await;
    coordinator_flow::run(&ctx).await;
    // Training end to end.
    training_flow::run(&ctx).await;
    // « Mes données », last (the volunteer's erasure request stays pending).
    gdpr_flow::run(&ctx).await;
}

#[tokio::test]
async fn issue_4_flows_in_headless_chromium() {
    if driver::skipped() {
        eprintln!("ASTREINTE_SKIP_BROWSER=1: browser tests skipped on request");
        return;
    }
    driver::check_prerequisites();
    let app = spawn_app_with(|c| {
        c.throttle.account_burst = 1_000;
        c.throttle.ip_burst = 1_000;
    })
    .await;
    let driver = driver::Driver::start();
    let client = driver.session().await;
    let ctx = Arc::new(Ctx {
        app,
        client: client.clone(),
        axe: tokio::sync::Mutex::new(Axe::load()),
    });
    // The flows run in a task so that a failure still closes Chromium.
    let outcome = tokio::spawn(run_flows(ctx.clone())).await;
    let table = ctx.axe.lock().await.table();
    let report = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("axe-report.md");
    let _ = std::fs::write(&report, &table);
    println!(
        "axe-core, violations per page:\n{table}\n(also in {})",
        report.display()
    );
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
    let axe = ctx.axe.lock().await;
    let failing: Vec<String> = axe
        .failing()
        .iter()
        .map(|r| format!("{}: {}", r.page, r.details.join("; ")))
        .collect();
    assert!(
        failing.is_empty(),
        "serious or critical axe-core violations:\n{}",
        failing.join("\n")
    );
}
