//! Prometheus metrics at `GET /metrics` (text exposition format 0.0.4).
//!
//! Request counts and latencies are counted in process by the [`track`]
//! middleware, labelled by route *pattern* (`/benevoles/{id}`, never the
//! path: paths may hold tokens) and status. Outbox and job figures, and
//! solve durations, are read from the database at scrape time, so every
//! instance sharing one database reports the same queue. The exposition is
//! written by hand: a few counters and histograms need no extra crate.
//!
//! With `ASTREINTE_METRICS_TOKEN` set, a scrape must send
//! `Authorization: Bearer <token>`; otherwise `/metrics` is open (keep it
//! behind the reverse proxy).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{jobs, outbox};
use crate::db::DbConnection;
use crate::web::error::WebError;
use crate::web::state::AppState;

/// Upper bounds (seconds) of the request latency histogram.
pub const LATENCY_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Upper bounds (seconds) of the solve duration histogram.
pub const SOLVE_BUCKETS: &[f64] = &[0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0];

/// A cumulative histogram.
#[derive(Debug, Clone, Default)]
struct Histogram {
    /// One count per bucket of the bounds (not cumulative; summed on output).
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

impl Histogram {
    fn observe(&mut self, bounds: &[f64], v: f64) {
        if self.counts.len() != bounds.len() {
            self.counts = vec![0; bounds.len()];
        }
        if let Some(i) = bounds.iter().position(|b| v <= *b) {
            self.counts[i] += 1;
        }
        self.sum += v;
        self.count += 1;
    }

    fn write(&self, out: &mut String, name: &str, labels: &str, bounds: &[f64]) {
        let sep = if labels.is_empty() { "" } else { "," };
        let mut acc = 0;
        for (i, b) in bounds.iter().enumerate() {
            acc += self.counts.get(i).copied().unwrap_or(0);
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{b}\"}} {acc}");
        }
        let _ = writeln!(
            out,
            "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {}",
            self.count
        );
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(out, "{name}_sum{braces} {}", self.sum);
        let _ = writeln!(out, "{name}_count{braces} {}", self.count);
    }
}

#[derive(Debug, Default)]
struct Inner {
    /// (method, route, status) → count.
    requests: BTreeMap<(String, String, u16), u64>,
    /// (method, route) → latency.
    latency: BTreeMap<(String, String), Histogram>,
}

/// The in-process counters of one application (one per `startup::build`).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    inner: Arc<Mutex<Inner>>,
    /// Bearer token a scrape must present, if set.
    token: Option<String>,
}

impl Registry {
    pub fn new(token: Option<String>) -> Registry {
        Registry {
            inner: Arc::default(),
            token: token.filter(|t| !t.trim().is_empty()),
        }
    }

    /// The token from `ASTREINTE_METRICS_TOKEN` (empty: none).
    pub fn from_env() -> Registry {
        Registry::new(std::env::var("ASTREINTE_METRICS_TOKEN").ok())
    }

    /// Counts one request.
    pub fn observe_request(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let Ok(mut g) = self.inner.lock() else {
            return;
        };
        *g.requests
            .entry((method.to_string(), route.to_string(), status))
            .or_default() += 1;
        g.latency
            .entry((method.to_string(), route.to_string()))
            .or_default()
            .observe(LATENCY_BUCKETS, seconds);
    }

    fn write_requests(&self, out: &mut String) {
        let Ok(g) = self.inner.lock() else {
            return;
        };
        out.push_str(
            "# HELP astreinte_http_requests_total HTTP requests by route pattern and status.\n",
        );
        out.push_str("# TYPE astreinte_http_requests_total counter\n");
        for ((m, r, s), n) in &g.requests {
            let _ = writeln!(
                out,
                "astreinte_http_requests_total{{method=\"{m}\",route=\"{}\",status=\"{s}\"}} {n}",
                escape(r)
            );
        }
        out.push_str("# HELP astreinte_http_request_duration_seconds HTTP request latency by route pattern.\n");
        out.push_str("# TYPE astreinte_http_request_duration_seconds histogram\n");
        for ((m, r), h) in &g.latency {
            h.write(
                out,
                "astreinte_http_request_duration_seconds",
                &format!("method=\"{m}\",route=\"{}\"", escape(r)),
                LATENCY_BUCKETS,
            );
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware: times every request and counts it under its route pattern
/// (`-` for unmatched paths, so unknown URLs cannot grow the label set).
pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let registry = req.app_data::<web::Data<Registry>>().cloned();
    let method = req.method().as_str().to_string();
    let res = next.call(req).await;
    if let Some(registry) = registry {
        let (status, route) = match &res {
            Ok(r) => (r.status().as_u16(), r.request().match_pattern()),
            Err(e) => (e.as_response_error().status_code().as_u16(), None),
        };
        registry.observe_request(
            &method,
            route.as_deref().unwrap_or("-"),
            status,
            started.elapsed().as_secs_f64(),
        );
    }
    res
}

/// Counts of the queue tables and the durations of finished jobs.
#[derive(Debug, Clone, Default)]
pub struct DbFigures {
    pub outbox: Vec<(String, i64)>,
    pub jobs: Vec<(String, i64)>,
    /// (kind, histogram of seconds between start and finish of `done` jobs).
    solves: BTreeMap<String, Histogram>,
}

/// Reads the figures the scrape reports from the database.
pub fn db_figures(conn: &mut DbConnection) -> QueryResult<DbFigures> {
    let outbox_counts: Vec<(String, i64)> = outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(conn)?;
    let job_counts: Vec<(String, i64)> = jobs::table
        .group_by(jobs::status)
        .select((jobs::status, diesel::dsl::count_star()))
        .load(conn)?;
    let finished: Vec<(String, Option<NaiveDateTime>, Option<NaiveDateTime>)> = jobs::table
        .filter(jobs::status.eq("done"))
        .select((jobs::kind, jobs::started_at, jobs::finished_at))
        .load(conn)?;
    let mut solves: BTreeMap<String, Histogram> = BTreeMap::new();
    for (kind, start, end) in finished {
        if let (Some(s), Some(e)) = (start, end) {
            let secs = (e - s).num_milliseconds().max(0) as f64 / 1000.0;
            solves.entry(kind).or_default().observe(SOLVE_BUCKETS, secs);
        }
    }
    let with_zeros = |found: Vec<(String, i64)>, all: &[&str]| {
        let mut v: Vec<(String, i64)> = all
            .iter()
            .map(|s| {
                let n = found
                    .iter()
                    .find(|(k, _)| k == s)
                    .map(|(_, n)| *n)
                    .unwrap_or(0);
                (s.to_string(), n)
            })
            .collect();
        v.extend(
            found
                .into_iter()
                .filter(|(k, _)| !all.contains(&k.as_str())),
        );
        v
    };
    Ok(DbFigures {
        outbox: with_zeros(outbox_counts, &["pending", "sending", "sent", "failed"]),
        jobs: with_zeros(
            job_counts,
            &["queued", "running", "done", "failed", "cancelled"],
        ),
        solves,
    })
}

/// The whole exposition text.
pub fn render(registry: &Registry, figures: &DbFigures) -> String {
    let mut out = String::new();
    registry.write_requests(&mut out);
    out.push_str("# HELP astreinte_outbox_messages Outbox rows by status.\n");
    out.push_str("# TYPE astreinte_outbox_messages gauge\n");
    for (s, n) in &figures.outbox {
        let _ = writeln!(
            out,
            "astreinte_outbox_messages{{status=\"{}\"}} {n}",
            escape(s)
        );
    }
    out.push_str("# HELP astreinte_jobs Background jobs by status.\n");
    out.push_str("# TYPE astreinte_jobs gauge\n");
    for (s, n) in &figures.jobs {
        let _ = writeln!(out, "astreinte_jobs{{status=\"{}\"}} {n}", escape(s));
    }
    out.push_str(
        "# HELP astreinte_job_duration_seconds Run time of finished jobs (solves), by kind.\n",
    );
    out.push_str("# TYPE astreinte_job_duration_seconds histogram\n");
    for (kind, h) in &figures.solves {
        h.write(
            &mut out,
            "astreinte_job_duration_seconds",
            &format!("kind=\"{}\"", escape(kind)),
            SOLVE_BUCKETS,
        );
    }
    out
}

fn authorised(req: &HttpRequest, token: &str) -> bool {
    let Some(value) = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some(given) = value.strip_prefix("Bearer ") else {
        return false;
    };
    // Constant-time comparison.
    let (a, b) = (given.trim().as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// GET `/metrics`.
pub async fn scrape(
    req: HttpRequest,
    state: web::Data<AppState>,
    registry: web::Data<Registry>,
) -> Result<HttpResponse, WebError> {
    if let Some(token) = &registry.token {
        if !authorised(&req, token) {
            return Ok(HttpResponse::Unauthorized()
                .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
                .finish());
        }
    }
    let figures = state.db(|conn| Ok(db_figures(conn)?)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(render(&registry, &figures)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_requests_are_labelled_by_pattern() {
        let r = Registry::new(None);
        r.observe_request("GET", "/benevoles/{id}", 200, 0.003);
        r.observe_request("GET", "/benevoles/{id}", 200, 0.2);
        r.observe_request("GET", "/benevoles/{id}", 403, 0.02);
        let text = render(&r, &DbFigures::default());
        assert!(text.contains(
            "astreinte_http_requests_total{method=\"GET\",route=\"/benevoles/{id}\",status=\"200\"} 2"
        ));
        assert!(text.contains("route=\"/benevoles/{id}\",le=\"0.005\"} 1"));
        assert!(text.contains("route=\"/benevoles/{id}\",le=\"0.25\"} 3"));
        assert!(text.contains("route=\"/benevoles/{id}\",le=\"+Inf\"} 3"));
    }
}
