//! One-sentence descriptions of an uncovered run, in French (the default)
//! and English, e.g. "mardi 8 décembre 14 h–16 h, ALMA Hautes-Alpes : il
//! manque 1 bénévole « Écoute » — 7 qualifiés, 3 indisponibles, …".

use chrono::{DateTime, Datelike, Duration, Timelike};
use chrono_tz::Tz;

use super::{local_instant, Uncovered};
use crate::problem::Problem;

use crate::calendar_names::{
    MONTHS_EN as MONTHS, MONTHS_FR as MOIS, WEEKDAYS_EN as DAYS, WEEKDAYS_FR as JOURS,
};

/// French: "mardi 8 décembre 14 h–16 h, ALMA Hautes-Alpes : il manque 1
/// bénévole « Écoute » — 7 qualifiés, 3 indisponibles, 2 au maximum de leurs
/// heures, 1 déjà d'astreinte ailleurs". Zero counts are left out, except
/// `qualified`. French plurals: 0 and 1 take the singular.
pub fn describe_fr(u: &Uncovered, problem: &Problem) -> String {
    let (centre, skill) = names(u, problem);
    let when = span(u, problem, &Lang::Fr);
    let pl = |n: u32, one: &str, many: &str| format!("{n} {}", if n > 1 { many } else { one });
    let r = &u.reasons;
    let mut parts = vec![pl(r.qualified, "qualifié", "qualifiés")];
    let items = [
        (
            r.on_duty_here,
            "déjà d'astreinte ici",
            "déjà d'astreinte ici",
        ),
        (r.unavailable, "indisponible", "indisponibles"),
        (
            r.at_limit,
            "au maximum de ses heures",
            "au maximum de leurs heures",
        ),
        (
            r.on_duty_elsewhere,
            "déjà d'astreinte ailleurs",
            "déjà d'astreinte ailleurs",
        ),
        (
            r.rest,
            "bloqué par le repos minimal",
            "bloqués par le repos minimal",
        ),
        (
            r.no_fitting_shift,
            "sans créneau possible assez long",
            "sans créneau possible assez long",
        ),
        (
            r.could_serve,
            "aurait pu être appelé",
            "auraient pu être appelés",
        ),
        (
            r.trainees,
            "stagiaire disponible (il faut un tuteur)",
            "stagiaires disponibles (il faut un tuteur)",
        ),
    ];
    parts.extend(
        items
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, a, b)| pl(*n, a, b)),
    );
    let mut s = format!(
        "{when}, {centre} : il manque {} « {skill} » — {}",
        pl(u.missing, "bénévole", "bénévoles"),
        parts.join(", ")
    );
    if u.no_template {
        s.push_str(" (aucune session prévue à cette heure)");
    }
    s
}

/// English: "Tuesday 8 December 14:00–16:00, ALMA Hautes-Alpes: 1
/// "Écoute" volunteer missing — 7 qualified, 3 unavailable, …".
pub fn describe_en(u: &Uncovered, problem: &Problem) -> String {
    let (centre, skill) = names(u, problem);
    let when = span(u, problem, &Lang::En);
    let r = &u.reasons;
    let mut parts = vec![format!("{} qualified", r.qualified)];
    let items = [
        (r.on_duty_here, "already on duty here"),
        (r.unavailable, "unavailable"),
        (r.at_limit, "at their weekly limit"),
        (r.on_duty_elsewhere, "on duty elsewhere"),
        (r.rest, "blocked by minimum rest"),
        (r.no_fitting_shift, "with no long enough shift possible"),
        (r.could_serve, "could have been rostered"),
    ];
    parts.extend(
        items
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, t)| format!("{n} {t}")),
    );
    if r.trainees > 0 {
        let noun = if r.trainees == 1 {
            "trainee"
        } else {
            "trainees"
        };
        parts.push(format!(
            "{} {noun} available (needing a mentor)",
            r.trainees
        ));
    }
    let noun = if u.missing == 1 {
        "volunteer"
    } else {
        "volunteers"
    };
    let mut s = format!(
        "{when}, {centre}: {} \"{skill}\" {noun} missing — {}",
        u.missing,
        parts.join(", ")
    );
    if u.no_template {
        s.push_str(" (no session scheduled at that time)");
    }
    s
}

fn names<'a>(u: &'a Uncovered, problem: &'a Problem) -> (&'a str, &'a str) {
    let centre = problem
        .centres
        .get(u.centre_ix)
        .map_or(u.centre.as_str(), |c| c.name.as_str());
    let skill = problem
        .skills
        .get(u.skill_ix)
        .map_or(u.skill.as_str(), |s| s.name.as_str());
    (centre, skill)
}

enum Lang {
    Fr,
    En,
}

impl Lang {
    fn date(&self, t: &DateTime<Tz>) -> String {
        let (d, m) = (
            t.weekday().num_days_from_monday() as usize,
            t.month0() as usize,
        );
        match self {
            Lang::Fr => format!("{} {} {}", JOURS[d], t.day(), MOIS[m]),
            Lang::En => format!("{} {} {}", DAYS[d], t.day(), MONTHS[m]),
        }
    }

    /// Time of day; `midnight_end` writes 00:00 as the end of the day.
    fn time(&self, t: &DateTime<Tz>, midnight_end: bool) -> String {
        let (h, m) = (if midnight_end { 24 } else { t.hour() }, t.minute());
        match (self, m) {
            (Lang::Fr, 0) => format!("{h} h"),
            (Lang::Fr, _) => format!("{h} h {m:02}"),
            (Lang::En, _) => format!("{h:02}:{m:02}"),
        }
    }
}

/// "mardi 8 décembre 14 h–16 h"; a run ending at the next midnight ends at
/// "24 h"; a longer run names both days.
fn span(u: &Uncovered, problem: &Problem, lang: &Lang) -> String {
    let a = local_instant(problem, u.range.start);
    let b = local_instant(problem, u.range.end);
    let ends_at_midnight =
        b.hour() == 0 && b.minute() == 0 && b.date_naive() == a.date_naive() + Duration::days(1);
    if b.date_naive() == a.date_naive() || ends_at_midnight {
        format!(
            "{} {}–{}",
            lang.date(&a),
            lang.time(&a, false),
            lang.time(&b, ends_at_midnight)
        )
    } else {
        format!(
            "{} {} – {} {}",
            lang.date(&a),
            lang.time(&a, false),
            lang.date(&b),
            lang.time(&b, false)
        )
    }
}
