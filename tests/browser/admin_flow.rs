//! The administrator in the browser: a centre refused for its time zone,
//! then created; a skill; a coordinator appointed; the settings page. axe
//! checks each page (and the form in its error state).

use fantoccini::key::Key;
use fantoccini::Locator;

use crate::driver::{focus, press, type_text, wait_css};
use crate::helpers::Role;
use crate::session::{open, password_login, sign_out, text_of, wait_path};
use crate::Ctx;

async fn fill(ctx: &Ctx, css: &str, value: &str) {
    let el = wait_css(&ctx.client, css).await;
    el.clear().await.expect("clear field");
    focus(&ctx.client, css).await;
    type_text(&ctx.client, value).await;
}

async fn submit(ctx: &Ctx, form_action: &str) {
    ctx.client
        .find(Locator::Css(&format!(
            "form[action='{form_action}'] button[type=submit]"
        )))
        .await
        .expect("submit button")
        .click()
        .await
        .expect("submit");
}

pub async fn run(ctx: &Ctx) {
    password_login(ctx, Role::Admin.email().unwrap()).await;
    ctx.axe("accueil administrateur / admin home").await;

    wait_css(&ctx.client, "#home-admin")
        .await
        .click()
        .await
        .expect("follow the administration link");
    wait_css(&ctx.client, "#code").await;
    ctx.axe("admin : centres").await;
    fill(ctx, "#code", "est").await;
    fill(ctx, "#name", "Écoute Est").await;
    fill(ctx, "#timezone", "Europe/Lyon").await;
    // The radio buttons by keyboard: focus the first, arrow to the second.
    focus(&ctx.client, "#mode-free").await;
    press(&ctx.client, &[Key::Down.into()]).await;
    let sessions = ctx.client.find(Locator::Id("mode-sessions")).await.unwrap();
    assert!(
        sessions.is_selected().await.unwrap(),
        "arrow key picks fixed sessions"
    );
    submit(ctx, "/admin/centres").await;
    let error = text_of(ctx, "#timezone-error").await;
    assert!(error.contains("Fuseau horaire inconnu"), "{error}");
    ctx.axe("admin : centres (erreurs)").await;
    fill(ctx, "#timezone", "Europe/Paris").await;
    submit(ctx, "/admin/centres").await;
    wait_css(&ctx.client, "p.notice[role=status]").await;
    assert!(text_of(ctx, "table").await.contains("Écoute Est"));
    ctx.narrow("admin : centres").await;

    open(ctx, "/admin/centres/EST", "#timezone").await;
    ctx.axe("admin : centre (modifier)").await;

    open(ctx, "/admin/competences", "#validity_months").await;
    ctx.axe("admin : compétences").await;
    fill(ctx, "#code", "ecoute").await;
    fill(ctx, "#name_fr", "Écoute téléphonique").await;
    fill(ctx, "#name_en", "Phone listening").await;
    fill(ctx, "#validity_months", "24").await;
    press(&ctx.client, &[Key::Enter.into()]).await;
    wait_css(&ctx.client, "p.notice[role=status]").await;
    assert!(text_of(ctx, "table").await.contains("24 mois"));
    open(ctx, "/admin/competences/ECOUTE", "#validity_months").await;
    ctx.axe("admin : compétence (modifier)").await;

    open(ctx, "/admin/coordinateurs", "#email").await;
    fill(ctx, "#email", "personne@example.org").await;
    submit(ctx, "/admin/coordinateurs").await;
    let error = text_of(ctx, "#email-error").await;
    assert!(error.contains("Aucun compte"), "{error}");
    fill(ctx, "#email", Role::CoordB.email().unwrap()).await;
    wait_css(&ctx.client, "#centre_id")
        .await
        .select_by_label("EST – Écoute Est")
        .await
        .expect("choose centre EST");
    submit(ctx, "/admin/coordinateurs").await;
    wait_css(&ctx.client, "p.notice[role=status]").await;
    assert!(text_of(ctx, "table").await.contains("EST – Écoute Est"));
    ctx.axe("admin : coordinateurs").await;

    open(ctx, "/admin/parametres", "#service_level_percent").await;
    ctx.axe("admin : paramètres").await;
    ctx.narrow("admin : paramètres").await;
    fill(ctx, "#max_shift_minutes", "60").await;
    submit(ctx, "/admin/parametres").await;
    let error = text_of(ctx, "#max_shift_minutes-error").await;
    assert!(error.contains("au moins égale"), "{error}");
    ctx.axe("admin : paramètres (erreurs)").await;

    open(ctx, "/home", "h1").await;
    sign_out(ctx).await;
    wait_path(ctx, "/").await;
}
