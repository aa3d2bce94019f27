//! Writing a [`Problem`] back to a `rota-scenario/1` document (FORMAT.md),
//! e.g. to export a scenario from the app's database. Parsing the output
//! gives an equal `Problem`; entries whose `required` was computed by Erlang C
//! are written without it, so it is computed again.

use serde_json::{json, Map, Value};

use crate::parse::SCENARIO_FORMAT;
use crate::problem::{Problem, Shift, SlotRange};

/// Whole numbers as JSON integers (`18`, not `18.0`).
fn number(x: f64) -> Value {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 {
        Value::from(x as i64) // whole and well inside i64
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

fn interval(p: &Problem, r: SlotRange, o: &mut Map<String, Value>) {
    o.insert("start".into(), Value::String(p.format_slot(r.start)));
    o.insert("end".into(), Value::String(p.format_slot(r.end)));
}

/// A shift as a JSON object (the solution format's shape).
pub fn shift_value(p: &Problem, s: &Shift) -> Value {
    let mut o = Map::new();
    o.insert("volunteer".into(), json!(p.volunteers[s.volunteer].id));
    o.insert("centre".into(), json!(p.centres[s.centre].id));
    o.insert("skill".into(), json!(p.skills[s.skill].code));
    o.insert("role".into(), json!(s.role.as_str()));
    interval(p, s.range, &mut o);
    Value::Object(o)
}

/// The scenario as a JSON value.
pub fn scenario_value(p: &Problem) -> Value {
    Value::Object(
        fields(p)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// Top-level fields in FORMAT.md's order.
fn fields(p: &Problem) -> Vec<(&'static str, Value)> {
    let mut doc = vec![
        ("format", json!(SCENARIO_FORMAT)),
        ("name", json!(p.name)),
        ("timezone", json!(p.timezone.name())),
    ];
    doc.push((
        "week_start",
        json!(p.week_start.format("%Y-%m-%d").to_string()),
    ));
    doc.push(("slot_minutes", json!(p.slot_minutes)));
    if let Some(sl) = &p.service_level {
        doc.push((
            "service_level",
            json!({"target": number(sl.target), "answer_within_seconds": number(sl.answer_within_seconds)}),
        ));
    }
    let r = &p.rules;
    doc.push((
        "rules",
        json!({
            "min_shift_minutes": r.min_shift_minutes,
            "max_shift_minutes": r.max_shift_minutes,
            "min_rest_minutes": r.min_rest_minutes,
            "trainee_requires_mentor": r.trainee_requires_mentor,
        }),
    ));
    let skills = p
        .skills
        .iter()
        .map(|s| json!({"code": s.code, "name": s.name}))
        .collect();
    doc.push(("skills", Value::Array(skills)));
    let centres = p
        .centres
        .iter()
        .map(|c| json!({"id": c.id, "name": c.name}))
        .collect();
    doc.push(("centres", Value::Array(centres)));
    let mut templates = Vec::new();
    for c in &p.centres {
        for &t in &c.templates {
            let mut o = Map::new();
            o.insert("centre".into(), json!(c.id));
            interval(p, t, &mut o);
            templates.push(Value::Object(o));
        }
    }
    doc.push(("shift_templates", Value::Array(templates)));
    let demand = p
        .demand
        .iter()
        .map(|d| {
            let mut o = Map::new();
            o.insert("centre".into(), json!(p.centres[d.centre].id));
            o.insert("skill".into(), json!(p.skills[d.skill].code));
            interval(p, d.range, &mut o);
            if let Some(x) = d.calls_per_hour {
                o.insert("calls_per_hour".into(), number(x));
            }
            if let Some(x) = d.aht_minutes {
                o.insert("aht_minutes".into(), number(x));
            }
            if !d.computed {
                o.insert("required".into(), json!(d.required));
            }
            Value::Object(o)
        })
        .collect();
    doc.push(("demand", Value::Array(demand)));
    let volunteers = p
        .volunteers
        .iter()
        .map(|v| {
            let quals: Vec<Value> = v
                .qualifications
                .iter()
                .map(|q| {
                    let until = q.valid_until.map(|d| d.format("%Y-%m-%d").to_string());
                    json!({"skill": p.skills[q.skill].code, "valid_until": until})
                })
                .collect();
            let avail: Vec<Value> = v
                .availability
                .iter()
                .map(|w| {
                    let mut o = Map::new();
                    interval(p, w.range, &mut o);
                    o.insert("preferred".into(), json!(w.preferred));
                    Value::Object(o)
                })
                .collect();
            let mut o = Map::new();
            o.insert("id".into(), json!(v.id));
            o.insert("name".into(), json!(v.name));
            let centres: Vec<&str> = v
                .centres
                .iter()
                .map(|&c| p.centres[c].id.as_str())
                .collect();
            o.insert("centres".into(), json!(centres));
            o.insert("qualifications".into(), Value::Array(quals));
            let tf: Vec<&str> = v
                .trainee_for
                .iter()
                .map(|&s| p.skills[s].code.as_str())
                .collect();
            o.insert("trainee_for".into(), json!(tf));
            o.insert(
                "training_minutes_target".into(),
                json!(v.training_minutes_target),
            );
            o.insert("max_minutes".into(), json!(v.max_minutes));
            o.insert("max_shifts".into(), json!(v.max_shifts));
            o.insert("availability".into(), Value::Array(avail));
            Value::Object(o)
        })
        .collect();
    doc.push(("volunteers", Value::Array(volunteers)));
    let locked = p.locked_shifts.iter().map(|s| shift_value(p, s)).collect();
    doc.push(("locked_shifts", Value::Array(locked)));
    doc
}

/// The scenario as JSON text: one key per line, one list item per line.
pub fn scenario_json(p: &Problem) -> String {
    let mut out = String::from("{");
    {
        for (i, (k, v)) in fields(p).iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&Value::String((*k).to_string()).to_string());
            out.push(':');
            match v {
                Value::Array(items) if !items.is_empty() => {
                    out.push('[');
                    for (j, x) in items.iter().enumerate() {
                        out.push_str(if j == 0 { "\n" } else { ",\n" });
                        out.push_str(&x.to_string());
                    }
                    out.push_str("\n]");
                }
                other => out.push_str(&other.to_string()),
            }
        }
    }
    out.push_str("\n}\n");
    out
}
