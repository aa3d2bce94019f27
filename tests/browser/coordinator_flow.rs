//! The coordinator in the browser: sees that the
//! volunteer has given availability, then imports a CSV file — refused with
//! a French error for its one bad line, then accepted once corrected.

use crate::driver::wait_css;
use crate::helpers::Role;
use crate::session::{open, password_login, sign_out, text_of};
use crate::Ctx;

const HEADER: &str = "nom;email;telephone;langue;heures_max;astreintes_max;qualifications";

fn csv(lines: &[&str]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(HEADER.as_bytes());
    for l in lines {
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(l.as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out
}

async fn upload(ctx: &Ctx, path: &std::path::Path) {
    open(ctx, "/centres/A/import", "#csv_file").await;
    let input = wait_css(&ctx.client, "#csv_file").await;
    input
        .send_keys(&path.display().to_string())
        .await
        .expect("choose the file");
    wait_css(&ctx.client, "#import-preview-submit")
        .await
        .click()
        .await
        .expect("send the file");
}

pub async fn run(ctx: &Ctx) {
    password_login(ctx, Role::CoordA.email().unwrap()).await;
    ctx.axe("accueil coordinateur / coordinator home").await;

    open(ctx, "/centres/A", "#dash-given").await;
    let given = text_of(ctx, "#dash-given").await;
    assert!(given.contains("Volunteer"), "availability given: {given}");
    assert!(!text_of(ctx, "#dash-missing").await.contains("Volunteer"));
    ctx.axe("coordinateur : tableau de bord").await;
    ctx.narrow("coordinateur : tableau de bord").await;
    open(ctx, "/centres/A/benevoles?avail=given", "#volunteer-list").await;
    assert!(text_of(ctx, "#volunteer-list").await.contains("Volunteer"));
    ctx.axe("coordinateur : liste des bénévoles").await;
    open(ctx, "/centres/A/demande", "h1").await;
    ctx.axe("coordinateur : demande").await;

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("benevoles-erreur.csv");
    let good = dir.path().join("benevoles.csv");
    let ok_line = "Jeanne Martin;jeanne.martin@example.org;06 12 34 56 78;fr;6;2;ECOUTE";
    std::fs::write(
        &bad,
        csv(&[ok_line, "Paul Durand;pas-une-adresse;;fr;4;1;"]),
    )
    .unwrap();
    std::fs::write(
        &good,
        csv(&[ok_line, "Paul Durand;paul.durand@example.org;;fr;4;1;"]),
    )
    .unwrap();

    upload(ctx, &bad).await;
    let errors = text_of(ctx, "#import-errors").await;
    assert!(
        errors.contains("ligne 3") && errors.contains("email"),
        "error by line and column: {errors}"
    );
    assert!(
        ctx.client
            .find(fantoccini::Locator::Id("import-confirm"))
            .await
            .is_err(),
        "no confirmation offered for a file with errors"
    );
    ctx.axe("coordinateur : import CSV (erreurs)").await;

    upload(ctx, &good).await;
    wait_css(&ctx.client, "#import-preview").await;
    ctx.axe("coordinateur : import CSV (aperçu)").await;
    ctx.narrow("coordinateur : import CSV (aperçu)").await;
    wait_css(&ctx.client, "#import-confirm")
        .await
        .click()
        .await
        .expect("confirm the import");
    let done = text_of(ctx, "#import-done").await;
    assert!(done.contains('2'), "{done}");
    open(ctx, "/centres/A/benevoles", "#volunteer-list").await;
    let list = text_of(ctx, "#volunteer-list").await;
    assert!(
        list.contains("Jeanne Martin") && list.contains("Paul Durand"),
        "{list}"
    );
    sign_out(ctx).await;
}
