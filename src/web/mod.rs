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

/// Every route of the application. Each POST is a form checked for its CSRF
/// token by [`crate::auth::csrf::guard`] before the handler runs.
pub const ROUTES: &[RouteDef] = &[
    RouteDef {
        verb: Verb::Get,
        path: "/",
        handler: |r| r.to(login::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/login",
        handler: |r| r.to(login::login),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/login/magic-link",
        handler: |r| r.to(login::request_link),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/auth/magic/{token}",
        handler: |r| r.to(magic::confirm_page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/auth/magic/{token}",
        handler: |r| r.to(magic::consume),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/logout",
        handler: |r| r.to(logout::logout),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/logout-everywhere",
        handler: |r| r.to(logout::everywhere),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/home",
        handler: |r| r.to(home::page),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/invite",
        handler: |r| r.to(invite::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/invite",
        handler: |r| r.to(invite::submit),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/account/password",
        handler: |r| r.to(account::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/account/password",
        handler: |r| r.to(account::submit),
    },
    // Volunteer pages.
    RouteDef {
        verb: Verb::Get,
        path: "/disponibilites",
        handler: |r| r.to(volunteer::availability::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/disponibilites",
        handler: |r| r.to(volunteer::availability::save_grid),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/disponibilites/absence",
        handler: |r| r.to(volunteer::exceptions::add_absence),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/disponibilites/extra",
        handler: |r| r.to(volunteer::exceptions::add_extra),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/disponibilites/supprimer",
        handler: |r| r.to(volunteer::exceptions::delete),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/formation",
        handler: |r| r.to(volunteer::training::page),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/profil",
        handler: |r| r.to(volunteer::profile::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/profil",
        handler: |r| r.to(volunteer::profile::submit),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/static/volunteer.js",
        handler: |r| r.to(volunteer::script),
    },
    // Coordinator pages.
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}",
        handler: |r| r.to(coord::dashboard::page),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}/benevoles",
        handler: |r| r.to(coord::list::page),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}/benevoles.csv",
        handler: |r| r.to(coord::list::export),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/benevoles/{id}",
        handler: |r| r.to(coord::volunteer::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/benevoles/{id}",
        handler: |r| r.to(coord::volunteer::submit),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}/import",
        handler: |r| r.to(coord::import::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/centres/{centre}/import",
        handler: |r| r.to(coord::import::upload),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/centres/{centre}/import/confirm",
        handler: |r| r.to(coord::import::confirm),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}/import/modele.csv",
        handler: |r| r.to(coord::import::template),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}/demande",
        handler: |r| r.to(coord::demand::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/centres/{centre}/demande",
        handler: |r| r.to(coord::demand::save_profile),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/centres/{centre}/demande/sessions",
        handler: |r| r.to(coord::demand::save_sessions),
    },
    // Administrator pages.
    RouteDef {
        verb: Verb::Get,
        path: "/admin/centres",
        handler: |r| r.to(admin::centres::list),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/centres",
        handler: |r| r.to(admin::centres::create),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/centres/{centre}",
        handler: |r| r.to(admin::centres::edit),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/centres/{centre}",
        handler: |r| r.to(admin::centres::update),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/competences",
        handler: |r| r.to(admin::skills::list),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/competences",
        handler: |r| r.to(admin::skills::create),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/competences/{skill}",
        handler: |r| r.to(admin::skills::edit),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/competences/{skill}",
        handler: |r| r.to(admin::skills::update),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/coordinateurs",
        handler: |r| r.to(admin::coordinators::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/coordinateurs",
        handler: |r| r.to(admin::coordinators::grant),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/coordinateurs/retirer",
        handler: |r| r.to(admin::coordinators::revoke),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/parametres",
        handler: |r| r.to(admin::settings::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/parametres",
        handler: |r| r.to(admin::settings::submit),
    },
    // Data protection, audit journal, retention, metrics.
    RouteDef {
        verb: Verb::Get,
        path: "/mes-donnees",
        handler: |r| r.to(gdpr::page),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/mes-donnees.json",
        handler: |r| r.to(gdpr::download),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/mes-donnees/effacement",
        handler: |r| r.to(gdpr::request_erasure),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/effacements",
        handler: |r| r.to(admin::erasure::list),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/benevoles/{volunteer}/effacer",
        handler: |r| r.to(admin::erasure::erase),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/retention",
        handler: |r| r.to(admin::retention::page),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/journal",
        handler: |r| r.to(admin::journal::page),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/metrics",
        handler: |r| r.to(crate::metrics::scrape),
    },
    // Drop-outs, replacements, cover links.
    RouteDef {
        verb: Verb::Get,
        path: "/astreintes/{shift}/desister",
        handler: |r| r.to(dropout::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/astreintes/{shift}/desister",
        handler: |r| r.to(dropout::submit),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}/remplacements",
        handler: |r| r.to(coord::replacements::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/centres/{centre}/remplacements/{dropout}/affecter",
        handler: |r| r.to(coord::replacements::assign),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/centres/{centre}/remplacements/{dropout}/proposer",
        handler: |r| r.to(coord::replacements::offer),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/remplacer/{token}",
        handler: |r| r.to(cover::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/remplacer/{token}",
        handler: |r| r.to(cover::take),
    },
    // Rota review, adjustment, publication (the `.csv`
    // path comes first: `{rota}` alone would also match `12.csv`).
    RouteDef {
        verb: Verb::Get,
        path: "/plannings/{rota}.csv",
        handler: |r| r.to(rota::export::csv),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/plannings/{rota}",
        handler: |r| r.to(rota::page::page),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/plannings/{rota}/imprimer",
        handler: |r| r.to(rota::export::print),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/plannings/{rota}/ajouter",
        handler: |r| r.to(rota::edit::add),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/plannings/{rota}/retirer",
        handler: |r| r.to(rota::edit::remove),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/plannings/{rota}/deplacer",
        handler: |r| r.to(rota::edit::move_shift),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/plannings/{rota}/verrouiller",
        handler: |r| r.to(rota::edit::lock),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/plannings/{rota}/modifier",
        handler: |r| r.to(rota::edit::copy),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/plannings/{rota}/publier",
        handler: |r| r.to(rota::publish::submit),
    },
    // Training pages.
    RouteDef {
        verb: Verb::Get,
        path: "/admin/formation",
        handler: |r| r.to(training::catalogue::list),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/formation/{skill}",
        handler: |r| r.to(training::catalogue::edit),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/formation/{skill}",
        handler: |r| r.to(training::catalogue::update),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/formations",
        handler: |r| r.to(training::sessions::list),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/formations/nouvelle",
        handler: |r| r.to(training::sessions::new_form),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/formations/nouvelle",
        handler: |r| r.to(training::sessions::create),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/formations/planifier",
        handler: |r| r.to(training::planning::plan),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/formations/planifier/confirmer",
        handler: |r| r.to(training::planning::confirm),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/formations/{id}",
        handler: |r| r.to(training::sessions::show),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/formations/{id}",
        handler: |r| r.to(training::sessions::update),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/formations/{id}/supprimer",
        handler: |r| r.to(training::sessions::delete),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/formations/{id}/presence",
        handler: |r| r.to(training::attendance::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/formations/{id}/presence",
        handler: |r| r.to(training::attendance::submit),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/formation/invitations",
        handler: |r| r.to(training::invitations::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/formation/invitations/{id}/accepter",
        handler: |r| r.to(training::invitations::accept),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/formation/invitations/{id}/refuser",
        handler: |r| r.to(training::invitations::decline),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}/formation",
        handler: |r| r.to(training::dashboard::page),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}/formation.csv",
        handler: |r| r.to(training::dashboard::export),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/centres/{centre}/formation/validation",
        handler: |r| r.to(training::dashboard::sign_off),
    },
    // « Mes astreintes », calendar feed, telephony API.
    RouteDef {
        verb: Verb::Get,
        path: "/mes-astreintes",
        handler: |r| r.to(volunteer::shifts::page),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/mes-astreintes.ics",
        handler: |r| r.to(volunteer::shifts::download),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/mes-astreintes/calendrier",
        handler: |r| r.to(volunteer::shifts::create_feed),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/mes-astreintes/calendrier/revoquer",
        handler: |r| r.to(volunteer::shifts::revoke_feed),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/static/mes-astreintes-print.css",
        handler: |r| r.to(volunteer::shifts::print_css),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/calendrier/{token}.ics",
        handler: |r| r.to(calendar::feed),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/api/v1/astreinte",
        handler: |r| r.to(api::telephony::on_duty),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/api/openapi.json",
        handler: |r| r.to(api::openapi::serve),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}/api",
        handler: |r| r.to(api::tokens::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/centres/{centre}/api",
        handler: |r| r.to(api::tokens::create),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/centres/{centre}/api/revoquer",
        handler: |r| r.to(api::tokens::revoke),
    },
    // Rota generation (jobs, progress, re-generation).
    RouteDef {
        verb: Verb::Get,
        path: "/planning",
        handler: |r| r.to(jobs::entry),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/centres/{centre}/planning",
        handler: |r| r.to(coord::planning::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/centres/{centre}/planning/generer",
        handler: |r| r.to(coord::planning::generate),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/planning",
        handler: |r| r.to(admin::planning::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/planning/generer",
        handler: |r| r.to(admin::planning::generate),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/travaux/{job}.json",
        handler: |r| r.to(jobs::json),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/travaux/{job}",
        handler: |r| r.to(jobs::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/plannings/{rota}/regenerer",
        handler: |r| r.to(jobs::regenerate),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/static/job.js",
        handler: |r| r.to(jobs::script),
    },
    // Mail preferences, unsubscribe, outbox administration.
    RouteDef {
        verb: Verb::Get,
        path: "/profil/courriels",
        handler: |r| r.to(mail_prefs::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/profil/courriels",
        handler: |r| r.to(mail_prefs::submit),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/desabonnement/{token}",
        handler: |r| r.to(unsubscribe::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/desabonnement/{token}",
        handler: |r| r.to(unsubscribe::confirm),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/admin/courriels",
        handler: |r| r.to(admin::outbox::page),
    },
    RouteDef {
        verb: Verb::Post,
        path: "/admin/courriels/{id}/renvoyer",
        handler: |r| r.to(admin::outbox::resend),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/health",
        handler: |r| r.to(health::health),
    },
    RouteDef {
        verb: Verb::Get,
        path: "/static/app.css",
        handler: |r| r.to(health::stylesheet),
    },
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
