//! Rendering of every message from `templates/email/<name>/{subject.txt,
//! text.txt, html.html}`, French or English by the recipient's language.
//! The data structs are plain values so tests can render them with fixed
//! data and compare with the snapshots under `tests/snapshots/`.

use askama::Template;

/// A rendered message: one-line subject, plain text and HTML bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Links at the foot of a message: the preferences page and, for
/// non-essential mail, the one-click unsubscribe link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Footer {
    pub prefs: Option<String>,
    pub unsubscribe: Option<String>,
}

/// Sign-in link.
#[derive(Debug, Clone)]
pub struct LoginLink {
    pub fr: bool,
    pub link: String,
    pub footer: Footer,
}

/// Invitation to join a centre.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub fr: bool,
    pub centre: String,
    pub link: String,
    pub footer: Footer,
}

/// Reminder of one shift.
#[derive(Debug, Clone)]
pub struct ShiftReminder {
    pub fr: bool,
    pub name: String,
    /// "dans 48 heures" / "in 48 hours".
    pub when: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub timezone: String,
    pub centre: String,
    pub skill: String,
    pub footer: Footer,
}

/// One line of the weekly planning.
#[derive(Debug, Clone)]
pub struct ShiftLine {
    pub date: String,
    pub start: String,
    pub end: String,
    pub centre: String,
    pub skill: String,
}

/// "Votre planning de la semaine".
#[derive(Debug, Clone)]
pub struct WeeklyPlanning {
    pub fr: bool,
    pub name: String,
    /// "semaine 50 (du 7 au 13 décembre 2026)".
    pub week: String,
    /// A change after an earlier publication.
    pub changed: bool,
    pub shifts: Vec<ShiftLine>,
    pub footer: Footer,
}

/// Request for availability before the planning deadline.
#[derive(Debug, Clone)]
pub struct AvailabilityRequest {
    pub fr: bool,
    pub name: String,
    pub centre: String,
    pub week: String,
    pub deadline: String,
    pub link: String,
    pub footer: Footer,
}

/// A qualification about to expire, to the volunteer or a coordinator.
#[derive(Debug, Clone)]
pub struct QualificationExpiry {
    pub fr: bool,
    /// The recipient's name.
    pub name: String,
    pub to_coordinator: bool,
    pub volunteer: String,
    pub skill: String,
    pub until: String,
    pub days: i64,
    pub footer: Footer,
}

macro_rules! parts {
    ($data:ty, $subject:ident = $sp:tt, $text:ident = $tp:tt, $html:ident = $hp:tt) => {
        #[derive(Template)]
        #[template(path = $sp)]
        struct $subject<'a> {
            d: &'a $data,
        }
        #[derive(Template)]
        #[template(path = $tp)]
        struct $text<'a> {
            d: &'a $data,
        }
        #[derive(Template)]
        #[template(path = $hp)]
        struct $html<'a> {
            d: &'a $data,
        }
    };
}

parts!(
    LoginLink,
    LoginSubject = "email/login_link/subject.txt",
    LoginText = "email/login_link/text.txt",
    LoginHtml = "email/login_link/html.html"
);
parts!(
    Invitation,
    InvitationSubject = "email/invitation/subject.txt",
    InvitationText = "email/invitation/text.txt",
    InvitationHtml = "email/invitation/html.html"
);
parts!(
    ShiftReminder,
    ReminderSubject = "email/shift_reminder/subject.txt",
    ReminderText = "email/shift_reminder/text.txt",
    ReminderHtml = "email/shift_reminder/html.html"
);
parts!(
    WeeklyPlanning,
    WeeklySubject = "email/weekly_planning/subject.txt",
    WeeklyText = "email/weekly_planning/text.txt",
    WeeklyHtml = "email/weekly_planning/html.html"
);
parts!(
    AvailabilityRequest,
    AvailabilitySubject = "email/availability_request/subject.txt",
    AvailabilityText = "email/availability_request/text.txt",
    AvailabilityHtml = "email/availability_request/html.html"
);
parts!(
    QualificationExpiry,
    ExpirySubject = "email/qualification_expiry/subject.txt",
    ExpiryText = "email/qualification_expiry/text.txt",
    ExpiryHtml = "email/qualification_expiry/html.html"
);

/// One line, single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trailing spaces removed, at most one blank line in a row, one final newline.
fn tidy(s: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in s.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn assemble(
    subject: impl Template,
    text: impl Template,
    html: impl Template,
) -> Result<Rendered, askama::Error> {
    Ok(Rendered {
        subject: one_line(&subject.render()?),
        text: tidy(&text.render()?),
        html: tidy(&html.render()?),
    })
}

pub fn login_link(d: &LoginLink) -> Result<Rendered, askama::Error> {
    assemble(LoginSubject { d }, LoginText { d }, LoginHtml { d })
}

pub fn invitation(d: &Invitation) -> Result<Rendered, askama::Error> {
    assemble(
        InvitationSubject { d },
        InvitationText { d },
        InvitationHtml { d },
    )
}

pub fn shift_reminder(d: &ShiftReminder) -> Result<Rendered, askama::Error> {
    assemble(
        ReminderSubject { d },
        ReminderText { d },
        ReminderHtml { d },
    )
}

pub fn weekly_planning(d: &WeeklyPlanning) -> Result<Rendered, askama::Error> {
    assemble(WeeklySubject { d }, WeeklyText { d }, WeeklyHtml { d })
}

pub fn availability_request(d: &AvailabilityRequest) -> Result<Rendered, askama::Error> {
    assemble(
        AvailabilitySubject { d },
        AvailabilityText { d },
        AvailabilityHtml { d },
    )
}

pub fn qualification_expiry(d: &QualificationExpiry) -> Result<Rendered, askama::Error> {
    assemble(ExpirySubject { d }, ExpiryText { d }, ExpiryHtml { d })
}
