//! The web layer: the route table (one place; the authorization and CSRF
//! tests iterate over it), one module per resource, the extractors that
//! gate access, and the one error type.

pub mod account;
pub mod admin;
pub mod api;
pub mod calendar;
pub mod coord;
pub mod cover;
pub mod dropout;
pub mod error;
pub mod extract;
pub mod gdpr;
pub mod health;
pub mod home;
pub mod invite;
pub mod jobs;
pub mod login;
pub mod logout;
pub mod magic;
pub mod mail_prefs;
pub mod multipart;
pub mod rota;
pub mod state;
pub mod training;
pub mod unsubscribe;
pub mod volunteer;

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse, Route};
use askama::Template;

use self::error::WebError;

/// HTTP method of a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
        }
    }

    fn route(self) -> Route {
        match self {
            Verb::Get => web::get(),
            Verb::Post => web::post(),
        }
    }
}

/// One line of the route table.
pub struct RouteDef {
    pub verb: Verb,
    /// actix path pattern; `{token}`, `{centre}`… are path parameters.
    pub path: &'static str,
    handler: fn(Route) -> Route,
}

/// A GET line of the route table.
const fn get(path: &'static str, handler: fn(Route) -> Route) -> RouteDef {
    RouteDef {
        verb: Verb::Get,
        path,
        handler,
    }
}

/// A POST line of the route table.
const fn post(path: &'static str, handler: fn(Route) -> Route) -> RouteDef {
    RouteDef {
        verb: Verb::Post,
        path,
        handler,
    }
}

/// Every route of the application. Each POST is a form checked for its CSRF
/// token by [`crate::auth::csrf::guard`] before the handler runs.
#[rustfmt::skip] // a table: one route per line
pub const ROUTES: &[RouteDef] = &[
    get("/", |r| r.to(login::page)),
    post("/login", |r| r.to(login::login)),
    post("/login/magic-link", |r| r.to(login::request_link)),
    get("/auth/magic/{token}", |r| r.to(magic::confirm_page)),
    post("/auth/magic/{token}", |r| r.to(magic::consume)),
    post("/logout", |r| r.to(logout::logout)),
    post("/logout-everywhere", |r| r.to(logout::everywhere)),
    get("/home", |r| r.to(home::page)),
    get("/invite", |r| r.to(invite::page)),
    post("/invite", |r| r.to(invite::submit)),
    get("/account/password", |r| r.to(account::page)),
    post("/account/password", |r| r.to(account::submit)),
    // Volunteer pages.
    get("/disponibilites", |r| r.to(volunteer::availability::page)),
    post("/disponibilites", |r| r.to(volunteer::availability::save_grid)),
    post("/disponibilites/absence", |r| r.to(volunteer::exceptions::add_absence)),
    post("/disponibilites/extra", |r| r.to(volunteer::exceptions::add_extra)),
    post("/disponibilites/supprimer", |r| r.to(volunteer::exceptions::delete)),
    get("/formation", |r| r.to(volunteer::training::page)),
    get("/profil", |r| r.to(volunteer::profile::page)),
    post("/profil", |r| r.to(volunteer::profile::submit)),
    get("/static/volunteer.js", |r| r.to(volunteer::script)),
    // Coordinator pages.
    get("/centres/{centre}", |r| r.to(coord::dashboard::page)),
    get("/centres/{centre}/benevoles", |r| r.to(coord::list::page)),
    get("/centres/{centre}/benevoles.csv", |r| r.to(coord::list::export)),
    get("/benevoles/{id}", |r| r.to(coord::volunteer::page)),
    post("/benevoles/{id}", |r| r.to(coord::volunteer::submit)),
    get("/centres/{centre}/import", |r| r.to(coord::import::page)),
    post("/centres/{centre}/import", |r| r.to(coord::import::upload)),
    post("/centres/{centre}/import/confirm", |r| r.to(coord::import::confirm)),
    get("/centres/{centre}/import/modele.csv", |r| r.to(coord::import::template)),
    get("/centres/{centre}/demande", |r| r.to(coord::demand::page)),
    post("/centres/{centre}/demande", |r| r.to(coord::demand::save_profile)),
    post("/centres/{centre}/demande/sessions", |r| r.to(coord::demand::save_sessions)),
    // Administrator pages.
    get("/admin/centres", |r| r.to(admin::centres::list)),
    post("/admin/centres", |r| r.to(admin::centres::create)),
    get("/admin/centres/{centre}", |r| r.to(admin::centres::edit)),
    post("/admin/centres/{centre}", |r| r.to(admin::centres::update)),
    get("/admin/competences", |r| r.to(admin::skills::list)),
    post("/admin/competences", |r| r.to(admin::skills::create)),
    get("/admin/competences/{skill}", |r| r.to(admin::skills::edit)),
    post("/admin/competences/{skill}", |r| r.to(admin::skills::update)),
    get("/admin/coordinateurs", |r| r.to(admin::coordinators::page)),
    post("/admin/coordinateurs", |r| r.to(admin::coordinators::grant)),
    post("/admin/coordinateurs/retirer", |r| r.to(admin::coordinators::revoke)),
    get("/admin/parametres", |r| r.to(admin::settings::page)),
    post("/admin/parametres", |r| r.to(admin::settings::submit)),
    // Data protection, audit journal, retention, metrics.
    get("/mes-donnees", |r| r.to(gdpr::page)),
    get("/mes-donnees.json", |r| r.to(gdpr::download)),
    post("/mes-donnees/effacement", |r| r.to(gdpr::request_erasure)),
    get("/admin/effacements", |r| r.to(admin::erasure::list)),
    post("/admin/benevoles/{volunteer}/effacer", |r| r.to(admin::erasure::erase)),
    get("/admin/retention", |r| r.to(admin::retention::page)),
    get("/admin/journal", |r| r.to(admin::journal::page)),
    get("/metrics", |r| r.to(crate::metrics::scrape)),
    // Drop-outs, replacements, cover links.
    get("/astreintes/{shift}/desister", |r| r.to(dropout::page)),
    post("/astreintes/{shift}/desister", |r| r.to(dropout::submit)),
    get("/centres/{centre}/remplacements", |r| r.to(coord::replacements::page)),
    post("/centres/{centre}/remplacements/{dropout}/affecter", |r| r.to(coord::replacements::assign)),
    post("/centres/{centre}/remplacements/{dropout}/proposer", |r| r.to(coord::replacements::offer)),
    get("/remplacer/{token}", |r| r.to(cover::page)),
    post("/remplacer/{token}", |r| r.to(cover::take)),
    // Rota review, adjustment, publication (the `.csv`
    // path comes first: `{rota}` alone would also match `12.csv`).
    get("/plannings/{rota}.csv", |r| r.to(rota::export::csv)),
    get("/plannings/{rota}", |r| r.to(rota::page::page)),
    get("/plannings/{rota}/imprimer", |r| r.to(rota::export::print)),
    post("/plannings/{rota}/ajouter", |r| r.to(rota::edit::add)),
    post("/plannings/{rota}/retirer", |r| r.to(rota::edit::remove)),
    post("/plannings/{rota}/deplacer", |r| r.to(rota::edit::move_shift)),
    post("/plannings/{rota}/verrouiller", |r| r.to(rota::edit::lock)),
    post("/plannings/{rota}/modifier", |r| r.to(rota::edit::copy)),
    post("/plannings/{rota}/publier", |r| r.to(rota::publish::submit)),
    // Training pages.
    get("/admin/formation", |r| r.to(training::catalogue::list)),
    get("/admin/formation/{skill}", |r| r.to(training::catalogue::edit)),
    post("/admin/formation/{skill}", |r| r.to(training::catalogue::update)),
    get("/formations", |r| r.to(training::sessions::list)),
    get("/formations/nouvelle", |r| r.to(training::sessions::new_form)),
    post("/formations/nouvelle", |r| r.to(training::sessions::create)),
    post("/formations/planifier", |r| r.to(training::planning::plan)),
    post("/formations/planifier/confirmer", |r| r.to(training::planning::confirm)),
    get("/formations/{id}", |r| r.to(training::sessions::show)),
    post("/formations/{id}", |r| r.to(training::sessions::update)),
    post("/formations/{id}/supprimer", |r| r.to(training::sessions::delete)),
    get("/formations/{id}/presence", |r| r.to(training::attendance::page)),
    post("/formations/{id}/presence", |r| r.to(training::attendance::submit)),
    get("/formation/invitations", |r| r.to(training::invitations::page)),
    post("/formation/invitations/{id}/accepter", |r| r.to(training::invitations::accept)),
    post("/formation/invitations/{id}/refuser", |r| r.to(training::invitations::decline)),
    get("/centres/{centre}/formation", |r| r.to(training::dashboard::page)),
    get("/centres/{centre}/formation.csv", |r| r.to(training::dashboard::export)),
    post("/centres/{centre}/formation/validation", |r| r.to(training::dashboard::sign_off)),
    // « Mes astreintes », calendar feed, telephony API.
    get("/mes-astreintes", |r| r.to(volunteer::shifts::page)),
    get("/mes-astreintes.ics", |r| r.to(volunteer::shifts::download)),
    post("/mes-astreintes/calendrier", |r| r.to(volunteer::shifts::create_feed)),
    post("/mes-astreintes/calendrier/revoquer", |r| r.to(volunteer::shifts::revoke_feed)),
    get("/static/mes-astreintes-print.css", |r| r.to(volunteer::shifts::print_css)),
    get("/calendrier/{token}.ics", |r| r.to(calendar::feed)),
    get("/api/v1/astreinte", |r| r.to(api::telephony::on_duty)),
    get("/api/openapi.json", |r| r.to(api::openapi::serve)),
    get("/centres/{centre}/api", |r| r.to(api::tokens::page)),
    post("/centres/{centre}/api", |r| r.to(api::tokens::create)),
    post("/centres/{centre}/api/revoquer", |r| r.to(api::tokens::revoke)),
    // Rota generation (jobs, progress, re-generation).
    get("/planning", |r| r.to(jobs::entry)),
    get("/centres/{centre}/planning", |r| r.to(coord::planning::page)),
    post("/centres/{centre}/planning/generer", |r| r.to(coord::planning::generate)),
    get("/admin/planning", |r| r.to(admin::planning::page)),
    post("/admin/planning/generer", |r| r.to(admin::planning::generate)),
    get("/travaux/{job}.json", |r| r.to(jobs::json)),
    get("/travaux/{job}", |r| r.to(jobs::page)),
    post("/plannings/{rota}/regenerer", |r| r.to(jobs::regenerate)),
    get("/static/job.js", |r| r.to(jobs::script)),
    // Mail preferences, unsubscribe, outbox administration.
    get("/profil/courriels", |r| r.to(mail_prefs::page)),
    post("/profil/courriels", |r| r.to(mail_prefs::submit)),
    get("/desabonnement/{token}", |r| r.to(unsubscribe::page)),
    post("/desabonnement/{token}", |r| r.to(unsubscribe::confirm)),
    get("/admin/courriels", |r| r.to(admin::outbox::page)),
    post("/admin/courriels/{id}/renvoyer", |r| r.to(admin::outbox::resend)),
    get("/health", |r| r.to(health::health)),
    get("/static/app.css", |r| r.to(health::stylesheet)),
];

/// Registers [`ROUTES`], one resource per path (so a wrong method gets 405).
pub fn configure(cfg: &mut web::ServiceConfig) {
    let mut seen: Vec<&str> = Vec::new();
    for def in ROUTES {
        if seen.contains(&def.path) {
            continue;
        }
        seen.push(def.path);
        let mut resource = web::resource(def.path);
        for same in ROUTES.iter().filter(|r| r.path == def.path) {
            resource = resource.route((same.handler)(same.verb.route()));
        }
        cfg.service(resource);
    }
}

/// Renders a page with the given status; pages are never cached.
pub fn render<T: Template>(status: StatusCode, page: &T) -> Result<HttpResponse, WebError> {
    let html = page.render()?;
    Ok(HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(html))
}

/// `303 See Other` to `location` (after a successful form).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// Fallback for unknown paths.
pub async fn not_found() -> Result<HttpResponse, WebError> {
    Err(WebError::NotFound)
}
