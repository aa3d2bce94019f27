//! Deterministic French display names and demo email addresses for the
//! generated volunteers (fictional: common first names × common surnames).

use std::collections::HashSet;

const FIRST: &[&str] = &[
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Jade",
    "Louise",
    "Emma",
    "Sarah",
    "Juliette",
    "Anne",
    "Marie",
    "Claire",
    "Hélène",
    "Sophie",
    "Élise",
    "Nathalie",
    "Isabelle",
    "Martine",
    "Françoise",
    "Lucas",
    "Hugo",
    "Louis",
    "Gabriel",
    "Arthur",
    "Jules",
    "Nathan",
    "Thomas",
    "Antoine",
    "Maxime",
    "Pierre",
    "Jean",
    "Michel",
    "Philippe",
    "Alain",
    "Bernard",
    "François",
    "Éric",
    "Olivier",
    "Benoît",
    "Agnès",
    "Brigitte",
    "Céline",
    "Danielle",
    "Josiane",
    "Yvette",
    "Gérard",
    "Rémi",
    "Noël",
    "Yannick",
];

const LAST: &[&str] = &[
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefebvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Dumont",
    "Marie",
    "Lemaire",
    "Noël",
    "Meyer",
    "Dufour",
    "Meunier",
];

/// Lower-case ASCII form for an email local part (accents dropped,
/// spaces to hyphens).
pub fn ascii_slug(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'î' | 'ï' | 'Î' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' | 'Û' => 'u',
            'ç' | 'Ç' => 'c',
            ' ' | '\'' => '-',
            c => c.to_ascii_lowercase(),
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// `n` distinct (display name, email) pairs, always the same for the same `n`.
pub fn volunteer_names(n: usize) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(n);
    let mut used = HashSet::new();
    let mut k: usize = 0;
    while out.len() < n {
        // Walk the grid of pairs with co-prime strides so neighbours differ.
        let first = FIRST[(k * 7) % FIRST.len()];
        let last = LAST[(k * 11 + k / FIRST.len()) % LAST.len()];
        k += 1;
        let base = format!("{}.{}", ascii_slug(first), ascii_slug(last));
        let mut email = format!("{base}@demo.astreinte.test");
        let mut i = 2;
        while !used.insert(email.clone()) {
            email = format!("{base}{i}@demo.astreinte.test");
            i += 1;
        }
        out.push((format!("{first} {last}"), email));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_deterministic_distinct_and_ascii_emails() {
        let a = volunteer_names(600);
        assert_eq!(a, volunteer_names(600));
        let emails: HashSet<_> = a.iter().map(|x| &x.1).collect();
        assert_eq!(emails.len(), 600);
        assert!(a
            .iter()
            .all(|(_, e)| e.is_ascii() && e.ends_with("@demo.astreinte.test")));
        assert_eq!(ascii_slug("Hélène"), "helene");
        assert_eq!(ascii_slug("Lefèvre"), "lefevre");
    }
}
