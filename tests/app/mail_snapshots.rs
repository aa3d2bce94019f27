//! Snapshots of every message, French and English, rendered with fixed data
//! and compared with `tests/snapshots/email_<kind>.<lang>.txt` (subject, text
//! and HTML in one file). After a deliberate change, rerun with
//! `UPDATE_SNAPSHOTS=1` and review the files' diff in git.

use astreinte::notify::render::{self, Footer, Rendered, ShiftLine};

fn footer(non_essential: bool) -> Footer {
    Footer {
        prefs: Some("https://astreinte.example.org/profil/courriels".into()),
        unsubscribe: non_essential
            .then(|| "https://astreinte.example.org/desabonnement/9.0123456789abcdef".into()),
    }
}

fn file_text(m: &Rendered) -> String {
    format!(
        "Subject: {}\n\n----- text/plain -----\n{}\n----- text/html -----\n{}",
        m.subject, m.text, m.html
    )
}

/// Compares with the snapshot; prints the differing lines (`-` expected,
/// `+` got) when it does not match.
fn check(name: &str, m: &Rendered) {
    let path = format!(
        "{}/tests/snapshots/email_{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let got = file_text(m);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no snapshot {path}: run with UPDATE_SNAPSHOTS=1"));
    if want != got {
        let (w, g): (Vec<_>, Vec<_>) = (want.lines().collect(), got.lines().collect());
        let mut diff = String::new();
        for i in 0..w.len().max(g.len()) {
            let (a, b) = (w.get(i), g.get(i));
            if a != b {
                if let Some(a) = a {
                    diff.push_str(&format!("{:>4} - {a}\n", i + 1));
                }
                if let Some(b) = b {
                    diff.push_str(&format!("{:>4} + {b}\n", i + 1));
                }
            }
        }
        panic!("{name} differs from {path} (UPDATE_SNAPSHOTS=1 to accept):\n{diff}");
    }
}

#[test]
fn every_message_renders_as_its_snapshot_in_french_and_english() {
    for (fr, lang) in [(true, "fr"), (false, "en")] {
        check(
            &format!("login_link.{lang}"),
            &render::login_link(&render::LoginLink {
                fr,
                link: "https://astreinte.example.org/auth/magic/TOKEN".into(),
                footer: Footer::default(),
            })
            .unwrap(),
        );
        check(
            &format!("invitation.{lang}"),
            &render::invitation(&render::Invitation {
                fr,
                centre: "Écoute & Partage <Lyon>".into(),
                link: "https://astreinte.example.org/auth/magic/TOKEN".into(),
                footer: Footer::default(),
            })
            .unwrap(),
        );
        check(
            &format!("shift_reminder.{lang}"),
            &render::shift_reminder(&render::ShiftReminder {
                fr,
                name: "Marie Dupont".into(),
                when: if fr { "dans 48 heures" } else { "in 48 hours" }.into(),
                date: if fr {
                    "mardi 8 décembre 2026"
                } else {
                    "Tuesday 8 December 2026"
                }
                .into(),
                start: "14:00".into(),
                end: "18:00".into(),
                timezone: "Europe/Paris".into(),
                centre: "Centre A".into(),
                skill: if fr { "Écoute" } else { "Listening" }.into(),
                footer: footer(false),
            })
            .unwrap(),
        );
        let shifts = vec![
            ShiftLine {
                date: if fr {
                    "mardi 8 décembre 2026"
                } else {
                    "Tuesday 8 December 2026"
                }
                .into(),
                start: "14:00".into(),
                end: "18:00".into(),
                centre: "Centre A".into(),
                skill: if fr { "Écoute" } else { "Listening" }.into(),
            },
            ShiftLine {
                date: if fr {
                    "samedi 12 décembre 2026"
                } else {
                    "Saturday 12 December 2026"
                }
                .into(),
                start: "22:00".into(),
                end: "02:00".into(),
                centre: "Centre B".into(),
                skill: if fr { "Écoute" } else { "Listening" }.into(),
            },
        ];
        let week = if fr {
            "semaine 50, du 7 décembre au dimanche 13 décembre 2026"
        } else {
            "week 50, 7 December to Sunday 13 December 2026"
        };
        check(
            &format!("weekly_planning.{lang}"),
            &render::weekly_planning(&render::WeeklyPlanning {
                fr,
                name: "Marie Dupont".into(),
                week: week.into(),
                changed: false,
                shifts: shifts.clone(),
                footer: footer(false),
            })
            .unwrap(),
        );
        check(
            &format!("weekly_planning_changed_empty.{lang}"),
            &render::weekly_planning(&render::WeeklyPlanning {
                fr,
                name: "Marie Dupont".into(),
                week: week.into(),
                changed: true,
                shifts: Vec::new(),
                footer: footer(false),
            })
            .unwrap(),
        );
        check(
            &format!("availability_request.{lang}"),
            &render::availability_request(&render::AvailabilityRequest {
                fr,
                name: "Marie Dupont".into(),
                centre: "Centre A".into(),
                week: week.into(),
                deadline: if fr {
                    "lundi 23 novembre 2026"
                } else {
                    "Monday 23 November 2026"
                }
                .into(),
                link: "https://astreinte.example.org/disponibilites".into(),
                footer: footer(true),
            })
            .unwrap(),
        );
        for (to_coordinator, who) in [(false, "volunteer"), (true, "coordinator")] {
            check(
                &format!("qualification_expiry_{who}.{lang}"),
                &render::qualification_expiry(&render::QualificationExpiry {
                    fr,
                    name: if to_coordinator {
                        "Paul Martin"
                    } else {
                        "Marie Dupont"
                    }
                    .into(),
                    to_coordinator,
                    volunteer: "Marie Dupont".into(),
                    skill: if fr { "Écoute" } else { "Listening" }.into(),
                    until: if fr {
                        "jeudi 7 janvier 2027"
                    } else {
                        "Thursday 7 January 2027"
                    }
                    .into(),
                    days: 30,
                    footer: footer(true),
                })
                .unwrap(),
            );
        }
    }
}

#[test]
fn html_bodies_escape_what_people_type() {
    let m = render::invitation(&render::Invitation {
        fr: true,
        centre: "<script>x</script>".into(),
        link: "https://h/x".into(),
        footer: Footer::default(),
    })
    .unwrap();
    assert!(m.html.contains("&#60;script&#62;"), "{}", m.html);
    assert!(!m.html.contains("<script>"));
    // The plain text shows it as typed.
    assert!(m.text.contains("<script>x</script>"));
}
