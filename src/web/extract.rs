//! Request extractors: the page context [`Ui`] (language, CSRF token) and the
//! authorisation gates [`CurrentUser`], [`RequireAdmin`],
//! [`RequireCoordinatorAny`] and [`RequireCoordinator`] (of the `{centre}` in the path).

use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};

use super::error::WebError;
use super::state::AppState;
use crate::auth::{csrf, session};
use crate::db::{centres, users, volunteers};
use crate::i18n::{Lang, Tr};

type LocalFuture<T> = Pin<Box<dyn Future<Output = Result<T, WebError>>>>;

/// What every page needs: the translator, the CSRF token for its forms, and
/// whether the visitor is signed in (for the menu).
#[derive(Debug, Clone)]
pub struct Ui {
    pub t: Tr,
    pub csrf: String,
    pub signed_in: bool,
    /// Page the language switch links to (a GET path).
    pub path: String,
    /// The request's query string without its `lang` parameter (still
    /// URL-encoded), so switching language keeps a list's filters.
    pub query: String,
}

/// `?lang=fr|en` switches the language and remembers it in the session.
fn language(req: &HttpRequest, session: &Session) -> Result<Lang, WebError> {
    let asked = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| {
            q.iter()
                .find(|(k, _)| k == "lang")
                .and_then(|(_, v)| Lang::parse(v))
        });
    if let Some(lang) = asked {
        session::set_language(session, lang)?;
        return Ok(lang);
    }
    Ok(session::language(session).unwrap_or_default())
}

impl Ui {
    fn from_parts(req: &HttpRequest) -> Result<Ui, WebError> {
        let session = req.get_session();
        let t = Tr::new(language(req, &session)?);
        Ok(Ui {
            t,
            csrf: csrf::token(&session)?,
            signed_in: session::identity(&session).is_some(),
            path: get_path(req.path()),
            query: query_without_lang(req.query_string()),
        })
    }

    /// Link to this page in language `code`, keeping the other query parameters.
    pub fn lang_href(&self, code: &str) -> String {
        if self.query.is_empty() || self.path == "/" {
            format!("{}?lang={code}", self.path)
        } else {
            format!("{}?{}&lang={code}", self.path, self.query)
        }
    }
}

fn query_without_lang(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some("lang"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The sign-in forms post to `/login…`, which has no GET: switch on `/`.
fn get_path(path: &str) -> String {
    if path.starts_with("/login") {
        "/".to_string()
    } else {
        path.to_string()
    }
}

impl FromRequest for Ui {
    type Error = WebError;
    type Future = std::future::Ready<Result<Ui, WebError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ui::from_parts(req))
    }
}

/// The client's address for throttling: the peer, or the proxy's
/// `Forwarded`/`X-Forwarded-For` when `ASTREINTE_TRUST_PROXY=1`.
pub fn client_ip(req: &HttpRequest, trust_proxy: bool) -> Option<IpAddr> {
    if trust_proxy {
        let info = req.connection_info();
        if let Some(ip) = info.realip_remote_addr().and_then(parse_ip) {
            return Some(ip);
        }
    }
    req.peer_addr().map(|a| a.ip())
}

fn parse_ip(s: &str) -> Option<IpAddr> {
    s.parse::<IpAddr>()
        .ok()
        .or_else(|| s.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

/// The signed-in account, as loaded for this request.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub id: i32,
    pub display_name: String,
    pub lang: Lang,
    pub is_admin: bool,
    /// Centres this account coordinates.
    pub centres: Vec<i32>,
    pub volunteer_id: Option<i32>,
}

impl SessionUser {
    pub fn is_coordinator(&self) -> bool {
        !self.centres.is_empty()
    }

    /// Administrators coordinate every centre.
    pub fn can_coordinate(&self, centre_id: i32) -> bool {
        self.is_admin || self.centres.contains(&centre_id)
    }
}

fn load_user(
    conn: &mut crate::db::DbConnection,
    id: session::Identity,
) -> Result<Option<SessionUser>, WebError> {
    let Some(user) = users::by_id(conn, id.user_id)? else {
        return Ok(None);
    };
    if user.session_epoch != id.epoch {
        return Ok(None);
    }
    Ok(Some(SessionUser {
        id: user.id,
        display_name: user.display_name,
        lang: Lang::parse(&user.lang).unwrap_or_default(),
        is_admin: user.is_admin,
        centres: centres::coordinated_by(conn, user.id)?,
        volunteer_id: volunteers::by_user_id(conn, user.id)?.map(|v| v.id),
    }))
}

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, WebError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| WebError::Internal(anyhow::anyhow!("application state missing")))
}

/// Any signed-in account whose session is current (epoch matches, not too old).
#[derive(Debug, Clone)]
pub struct CurrentUser(pub SessionUser);

impl CurrentUser {
    async fn load(req: &HttpRequest) -> Result<CurrentUser, WebError> {
        let session = req.get_session();
        let Some(identity) = session::identity(&session) else {
            return Err(WebError::LoginRequired);
        };
        if identity.expired(chrono::Utc::now().timestamp()) {
            session::sign_out(&session)?;
            return Err(WebError::LoginRequired);
        }
        let state = state(req)?;
        match state.db(move |conn| load_user(conn, identity)).await? {
            Some(user) => Ok(CurrentUser(user)),
            None => {
                session::sign_out(&session)?;
                Err(WebError::LoginRequired)
            }
        }
    }
}

impl FromRequest for CurrentUser {
    type Error = WebError;
    type Future = LocalFuture<CurrentUser>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { CurrentUser::load(&req).await })
    }
}

/// A national administrator.
#[derive(Debug, Clone)]
pub struct RequireAdmin(pub SessionUser);

impl FromRequest for RequireAdmin {
    type Error = WebError;
    type Future = LocalFuture<RequireAdmin>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let CurrentUser(user) = CurrentUser::load(&req).await?;
            if user.is_admin {
                Ok(RequireAdmin(user))
            } else {
                Err(WebError::Forbidden)
            }
        })
    }
}

/// A coordinator of at least one centre, or an administrator.
#[derive(Debug, Clone)]
pub struct RequireCoordinatorAny(pub SessionUser);

impl FromRequest for RequireCoordinatorAny {
    type Error = WebError;
    type Future = LocalFuture<RequireCoordinatorAny>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let CurrentUser(user) = CurrentUser::load(&req).await?;
            if user.is_admin || user.is_coordinator() {
                Ok(RequireCoordinatorAny(user))
            } else {
                Err(WebError::Forbidden)
            }
        })
    }
}

/// A coordinator of the centre named by the `{centre}` path segment (its
/// code), or an administrator: 404 for an unknown centre, 403 for another's.
#[derive(Debug, Clone)]
pub struct RequireCoordinator {
    pub user: SessionUser,
    pub centre: centres::Centre,
}

impl FromRequest for RequireCoordinator {
    type Error = WebError;
    type Future = LocalFuture<RequireCoordinator>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let CurrentUser(user) = CurrentUser::load(&req).await?;
            let code = req
                .match_info()
                .get("centre")
                .ok_or(WebError::NotFound)?
                .to_string();
            let state = state(&req)?;
            let centre = state
                .db(move |conn| Ok(centres::by_code(conn, &code)?))
                .await?
                .ok_or(WebError::NotFound)?;
            if user.can_coordinate(centre.id) {
                Ok(RequireCoordinator { user, centre })
            } else {
                Err(WebError::Forbidden)
            }
        })
    }
}

#[cfg(test)]
mod lang_switch_tests {
    use super::*;

    fn ui(path: &str, query: &str) -> Ui {
        Ui {
            t: Tr::new(Lang::Fr),
            csrf: String::new(),
            signed_in: true,
            path: get_path(path),
            query: query_without_lang(query),
        }
    }

    #[test]
    fn the_language_switch_keeps_the_other_query_parameters() {
        let u = ui("/centres/C02/benevoles", "q=dupont&lang=fr&page=2");
        assert_eq!(
            u.lang_href("en"),
            "/centres/C02/benevoles?q=dupont&page=2&lang=en"
        );
        assert_eq!(ui("/home", "lang=en").lang_href("fr"), "/home?lang=fr");
        assert_eq!(ui("/home", "").lang_href("en"), "/home?lang=en");
        assert_eq!(ui("/login", "x=1").lang_href("en"), "/?lang=en");
    }
}
