//! The mails the web layer sends, rendered in the recipient's language from
//! `templates/email/*.txt`.

use askama::Template;

use crate::i18n::Tr;
use crate::mail::OutgoingMail;

#[derive(Template)]
#[template(path = "email/login_link.txt")]
struct LoginLinkText<'a> {
    t: Tr,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/invitation.txt")]
struct InvitationText<'a> {
    t: Tr,
    centre: &'a str,
    link: &'a str,
}

impl InvitationText<'_> {
    fn intro(&self) -> String {
        self.t.args("mail-invite-text", &[("centre", self.centre)])
    }
}

/// The sign-in link mail.
pub fn login_link(t: Tr, to: &str, link: &str) -> Result<OutgoingMail, askama::Error> {
    Ok(OutgoingMail {
        to: to.to_string(),
        subject: t.t("mail-magic-subject"),
        text: LoginLinkText { t, link }.render()?,
    })
}

/// The invitation mail.
pub fn invitation(
    t: Tr,
    to: &str,
    centre: &str,
    link: &str,
) -> Result<OutgoingMail, askama::Error> {
    Ok(OutgoingMail {
        to: to.to_string(),
        subject: t.t("mail-invite-subject"),
        text: InvitationText { t, centre, link }.render()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn invitation_is_rendered_in_french_with_the_centre_and_link() {
        let m = invitation(
            Tr::new(Lang::Fr),
            "x@example.org",
            "Lyon",
            "http://h/auth/magic/T",
        )
        .unwrap();
        assert_eq!(m.subject, "Invitation à rejoindre Astreinte");
        assert!(m.text.contains("du centre Lyon."), "{}", m.text);
        assert!(m.text.contains("\nhttp://h/auth/magic/T\n"));
    }

    #[test]
    fn login_link_in_english() {
        let m = login_link(Tr::new(Lang::En), "x@example.org", "http://h/auth/magic/T").unwrap();
        assert_eq!(m.subject, "Your Astreinte sign-in link");
        assert!(m.text.starts_with("Hello,"));
    }
}
