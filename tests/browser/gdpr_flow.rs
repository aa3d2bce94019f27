//! « Mes données » in the browser: the volunteer reads the
//! page, downloads the JSON (an attachment), asks for erasure and sees the
//! request's state; the administrator sees the request, the journal and the
//! retention page. axe-core on each page.

use fantoccini::Locator;

use crate::driver::wait_css;
use crate::helpers::Role;
use crate::session::{open, password_login, sign_out, text_of};
use crate::Ctx;

pub async fn run(ctx: &Ctx) {
    let email = Role::Volunteer.email().unwrap();
    password_login(ctx, email).await;
    wait_css(&ctx.client, "#nav-my-data")
        .await
        .click()
        .await
        .expect("follow « Mes données »");
    wait_css(&ctx.client, "#gdpr-account").await;
    ctx.axe("bénévole : mes données").await;
    assert!(text_of(ctx, "#gdpr-account").await.contains(email));

    // The download link: an attachment of JSON holding the account.
    let link = ctx
        .client
        .find(Locator::Id("gdpr-download"))
        .await
        .expect("download link");
    assert_eq!(
        link.attr("href").await.unwrap().as_deref(),
        Some("/mes-donnees.json")
    );
    assert!(link.attr("download").await.unwrap().is_some());
    let fetched = ctx
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             fetch('/mes-donnees.json').then(async r => done([\
               r.status, r.headers.get('content-disposition') || '', await r.text()]));",
            vec![],
        )
        .await
        .expect("fetch the download");
    assert_eq!(fetched[0], 200);
    assert!(fetched[1].as_str().unwrap().starts_with("attachment"));
    let json: serde_json::Value = serde_json::from_str(fetched[2].as_str().unwrap()).unwrap();
    assert_eq!(json["account"]["email"], email);

    // The erasure request, then its state.
    wait_css(&ctx.client, "#erasure-submit")
        .await
        .click()
        .await
        .expect("ask for erasure");
    wait_css(&ctx.client, "#erasure-requested").await;
    assert!(text_of(ctx, "#erasure-state").await.contains("en attente"));
    assert!(ctx
        .client
        .find(Locator::Id("erasure-submit"))
        .await
        .is_err());
    ctx.axe("bénévole : demande d'effacement").await;
    sign_out(ctx).await;

    password_login(ctx, Role::Admin.email().unwrap()).await;
    open(ctx, "/admin/effacements", "#erasure-requests").await;
    ctx.axe("admin : demandes d'effacement").await;
    open(ctx, "/admin/journal", "#journal-filters").await;
    ctx.axe("admin : journal").await;
    open(ctx, "/admin/retention", "#audit-due").await;
    ctx.axe("admin : conservation").await;
    sign_out(ctx).await;
}
