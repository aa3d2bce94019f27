//! Signing in and out through the real pages: the password form, and the
//! magic link taken from the mail sink.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Locator;

use crate::driver::{focus, press, type_text, wait_css};
use crate::helpers::PASSWORD;
use crate::Ctx;

/// Opens `path` on the test server and waits for `css`.
pub async fn open(ctx: &Ctx, path: &str, css: &str) {
    ctx.client.goto(&ctx.app.url(path)).await.expect("navigate");
    wait_css(&ctx.client, css).await;
}

/// Waits (≤ 10 s) until the browser is on `path` (query string ignored).
pub async fn wait_path(ctx: &Ctx, path: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let url = ctx.client.current_url().await.expect("current url");
        if url.path() == path {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "expected to reach {path}, still on {url}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The visible text of `css`; found again if the page changed between
/// finding the element and reading it (a stale element), for up to 10 s.
pub async fn text_of(ctx: &Ctx, css: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match wait_css(&ctx.client, css).await.text().await {
            Ok(text) => return text,
            Err(e) => assert!(Instant::now() < deadline, "{css}: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits (≤ 10 s) until the text of `css` is `expected` (after a form post
/// that comes back to the same page, the old page may still be shown).
pub async fn wait_text(ctx: &Ctx, css: &str, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = match ctx.client.find(Locator::Css(css)).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if text == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{css} still says {text:?}, expected {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The login page in both languages.
pub async fn anonymous_pages(ctx: &Ctx) {
    open(ctx, "/", "#magic-email").await;
    ctx.axe.lock().await.self_test(&ctx.client).await;
    open(ctx, "/", "#magic-email").await;
    ctx.axe("connexion (fr)").await;
    ctx.narrow("connexion (fr)").await;
    open(ctx, "/?lang=en", "#magic-email").await;
    ctx.axe("login (en)").await;
    open(ctx, "/?lang=fr", "#magic-email").await;
}

/// Signs in with the password form, typed with the keyboard.
pub async fn password_login(ctx: &Ctx, email: &str) {
    password_login_with(ctx, email, PASSWORD).await;
}

/// Signs in with the password form and the given password.
pub async fn password_login_with(ctx: &Ctx, email: &str, password: &str) {
    open(ctx, "/", "#email").await;
    focus(&ctx.client, "#email").await;
    type_text(&ctx.client, email).await;
    press(&ctx.client, &[Key::Tab.into()]).await;
    type_text(&ctx.client, password).await;
    press(&ctx.client, &[Key::Enter.into()]).await;
    wait_path(ctx, "/home").await;
}

/// Asks for a sign-in link, takes it from the mail sink, opens it and confirms.
pub async fn magic_login(ctx: &Ctx, email: &str) {
    let sent_before = ctx.app.mail.received().len();
    open(ctx, "/", "#magic-email").await;
    focus(&ctx.client, "#magic-email").await;
    type_text(&ctx.client, email).await;
    press(&ctx.client, &[Key::Enter.into()]).await;
    wait_css(&ctx.client, "p.notice[role=status]").await;
    let mails = ctx.app.mail.wait_for(sent_before + 1).await;
    let mail = mails
        .iter()
        .rev()
        .find(|m| m.to.iter().any(|t| t == email))
        .expect("a sign-in mail to the volunteer");
    ctx.client
        .goto(&ctx.app.url(&mail.magic_path()))
        .await
        .expect("open the link");
    let button = wait_css(&ctx.client, "main form button[type=submit]").await;
    ctx.axe("lien de connexion / magic link").await;
    button.click().await.expect("confirm sign-in");
    wait_path(ctx, "/home").await;
}

/// Signs out with the menu's button.
pub async fn sign_out(ctx: &Ctx) {
    let button = ctx
        .client
        .find(Locator::Css("form[action='/logout'] button"))
        .await
        .expect("sign-out button");
    button.click().await.expect("sign out");
    wait_css(&ctx.client, "#magic-email").await;
}
