//! Parsing of the demand editor's forms: an hourly call profile (calls per
//! hour and mean handling time per hour) and a fixed session (weekday, start,
//! end possibly past midnight, minimum staff), with French messages.

use std::collections::HashMap;

use crate::db::demand_edit::{HourDemand, Session};
use crate::i18n::Tr;

/// Field → message.
pub type Errors = HashMap<String, String>;

fn number(s: &str) -> Option<f64> {
    let v: f64 = s.trim().replace(',', ".").parse().ok()?;
    v.is_finite().then_some(v)
}

/// Reads `calls_H` / `aht_H` for H in 0..24. Empty or zero calls: no demand that hour.
pub fn hours(t: Tr, get: &dyn Fn(&str) -> String) -> Result<Vec<HourDemand>, Errors> {
    let mut out = Vec::new();
    let mut errs = Errors::new();
    for h in 0..24 {
        let (cf, af) = (format!("calls_{h}"), format!("aht_{h}"));
        let (c, a) = (get(&cf), get(&af));
        if c.trim().is_empty() {
            continue;
        }
        let calls = match number(&c) {
            Some(v) if (0.0..=10_000.0).contains(&v) => v,
            _ => {
                errs.insert(cf, t.t("coord-err-calls"));
                continue;
            }
        };
        if calls == 0.0 {
            continue;
        }
        match number(&a) {
            Some(v) if v > 0.0 && v <= 240.0 => out.push(HourDemand {
                hour: h,
                calls_per_hour: calls,
                aht_minutes: v,
            }),
            _ => {
                errs.insert(af, t.t("coord-err-aht"));
            }
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// `HH:MM`, `HHhMM` or `HHh` → minute of day.
pub fn parse_time(s: &str) -> Option<i32> {
    let s = s.trim().to_ascii_lowercase();
    let (h, m) = match s.split_once([':', 'h']) {
        Some((h, "")) => (h, "0"),
        Some((h, m)) => (h, m),
        None => return None,
    };
    let (h, m): (i32, i32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

/// Reads the new-session fields; `Ok(None)` when they are all empty. An end
/// at or before the start is on the next day (22:00–08:30 is a night).
pub fn session(
    t: Tr,
    get: &dyn Fn(&str) -> String,
    skill_ids: &[i32],
) -> Result<Option<Session>, Errors> {
    let (start, end, req) = (get("new_start"), get("new_end"), get("new_required"));
    if start.is_empty() && end.is_empty() && req.is_empty() {
        return Ok(None);
    }
    let mut errs = Errors::new();
    let weekday = get("new_weekday")
        .parse::<i32>()
        .ok()
        .filter(|d| (0..7).contains(d));
    if weekday.is_none() {
        errs.insert("new_weekday".into(), t.t("coord-err-weekday"));
    }
    let s = parse_time(&start);
    if s.is_none() {
        errs.insert("new_start".into(), t.t("coord-err-time"));
    }
    let e = parse_time(&end);
    if e.is_none() {
        errs.insert("new_end".into(), t.t("coord-err-time"));
    }
    if let (Some(s), Some(e)) = (s, e) {
        if s == e {
            errs.insert("new_end".into(), t.t("coord-err-same-time"));
        }
    }
    let skill = get("new_skill")
        .parse::<i32>()
        .ok()
        .filter(|id| skill_ids.contains(id));
    if skill.is_none() {
        errs.insert("new_skill".into(), t.t("coord-err-skill"));
    }
    let required = req
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=50).contains(n));
    if required.is_none() {
        errs.insert("new_required".into(), t.t("coord-err-required"));
    }
    match (weekday, s, e, skill, required) {
        (Some(weekday), Some(s), Some(e), Some(skill_id), Some(required)) if errs.is_empty() => {
            Ok(Some(Session {
                weekday,
                start_minute: s,
                end_minute: if e <= s { e + 1440 } else { e },
                skill_id,
                required,
            }))
        }
        _ => Err(errs),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_night_runs_into_the_next_day() {
        let form: HashMap<&str, &str> = [
            ("new_weekday", "4"),
            ("new_start", "22:00"),
            ("new_end", "08h30"),
            ("new_skill", "3"),
            ("new_required", "2"),
        ]
        .into_iter()
        .collect();
        let get = |k: &str| form.get(k).copied().unwrap_or("").to_string();
        let s = session(Tr::new(Lang::Fr), &get, &[3]).unwrap().unwrap();
        assert_eq!((s.start_minute, s.end_minute), (1320, 1440 + 510));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("7h"), Some(420));
    }

    #[test]
    fn hours_need_a_handling_time() {
        let get = |k: &str| match k {
            "calls_9" => "12".to_string(),
            "aht_9" => "".to_string(),
            "calls_10" => "10".to_string(),
            "aht_10" => "15,5".to_string(),
            _ => String::new(),
        };
        let errs = hours(Tr::new(Lang::Fr), &get).unwrap_err();
        assert!(errs.contains_key("aht_9"));
        let ok = |k: &str| if k == "aht_9" { "20".into() } else { get(k) };
        let h = hours(Tr::new(Lang::Fr), &ok).unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(h[1].aht_minutes, 15.5);
    }
}
