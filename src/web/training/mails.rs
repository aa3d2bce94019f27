//! The training mails, rendered in the recipient's language from
//! `templates/email/training_*.txt`.

use askama::Template;

use crate::i18n::Tr;

#[derive(Template)]
#[template(path = "email/training_invitation.txt")]
struct InvitationText<'a> {
    t: Tr,
    skill: &'a str,
    when: &'a str,
    place: &'a str,
    link: &'a str,
}

impl InvitationText<'_> {
    fn intro(&self) -> String {
        self.t.args(
            "training-mail-intro",
            &[
                ("skill", self.skill),
                ("when", self.when),
                ("place", self.place),
            ],
        )
    }
}

/// Body of the invitation to a training session.
pub fn invitation_text(
    t: Tr,
    skill: &str,
    when: &str,
    place: &str,
    link: &str,
) -> Result<String, askama::Error> {
    InvitationText {
        t,
        skill,
        when,
        place,
        link,
    }
    .render()
}
