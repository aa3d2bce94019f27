//! User-facing text in French (default) and English, from `locales/{fr,en}/main.ftl`
//! (Fluent, so plurals follow each language's rules: "0 créneau", "0 slots").

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // No Unicode isolation marks around arguments: they end up in mail subjects.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// `fr` or `en`, also the value of the HTML `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Accepts `fr`, `en` and regional forms such as `fr-CA` or `en_GB`.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::Fr => fluent_templates::langid!("fr"),
            Lang::En => fluent_templates::langid!("en"),
        }
    }
}

/// A translator for one language, handed to every template as `t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        LOCALES.lookup(&self.lang.langid(), id)
    }

    /// The message `id` with a number argument `$count` (plural-aware).
    /// Takes `i64` or `&i64` (templates pass references).
    pub fn count(&self, id: &str, count: impl std::borrow::Borrow<i64>) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed("count"), FluentValue::from(*count.borrow()));
        LOCALES.lookup_with_args(&self.lang.langid(), id, &args)
    }

    /// The message `id` with string arguments.
    pub fn args(&self, id: &str, args: &[(&'static str, &str)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string())))
            .collect();
        LOCALES.lookup_with_args(&self.lang.langid(), id, &map)
    }

    /// `true` when this translator's language is `code` (for `aria-current`).
    pub fn is(&self, code: &str) -> bool {
        self.lang.code() == code
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ids(lang: &str) -> BTreeSet<String> {
        let path = format!("{}/locales/{lang}/main.ftl", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
            .collect()
    }

    #[test]
    fn french_and_english_have_the_same_message_ids() {
        let fr = ids("fr");
        let en = ids("en");
        assert!(fr.len() > 20);
        assert_eq!(
            fr.difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in en"
        );
        assert_eq!(
            en.difference(&fr).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in fr"
        );
    }

    #[test]
    fn french_plural_treats_zero_and_one_as_singular() {
        let fr = Tr::new(Lang::Fr);
        assert_eq!(fr.count("slot-count", 0), "0 créneau");
        assert_eq!(fr.count("slot-count", 1), "1 créneau");
        assert_eq!(fr.count("slot-count", 2), "2 créneaux");
        let en = Tr::new(Lang::En);
        assert_eq!(en.count("slot-count", 0), "0 slots");
        assert_eq!(en.count("slot-count", 1), "1 slot");
    }

    #[test]
    fn language_negotiation() {
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
    }
}
