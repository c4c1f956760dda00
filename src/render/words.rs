//! Words as search sees them: the one rule set of the index (here) and of the query
//! (`static/search.js`, which does the same, step by step; a test runs both on the
//! same texts and compares).
//!
//! 1. Fold: lower case, compatibility decomposition (NFKD: `ĳ` → `ij`, `ﬁ` → `fi`),
//!    combining marks dropped (`é` → `e`, `ü` → `u`), and the letters that do not
//!    decompose spelled out (`ß` → `ss`, `æ` → `ae`, `œ` → `oe`, `ø` → `o`, `ł` → `l`,
//!    `đ`/`ð` → `d`, `þ` → `th`, `ı` → `i`): a reader who types `uber`, `Uber` or
//!    `über` finds `Über`.
//! 2. Split at anything that is not a letter or a digit (Unicode `Alphabetic` and
//!    `N`), so French elisions come apart (`l'application` → `l`, `application`) and
//!    the left-over article is a stop word or too short. A hyphenated compound gives its
//!    parts and the parts joined (`e-mail` → `mail`, `email`; `Kennwort-Reset` →
//!    `kennwort`, `reset`, `kennwortreset`), so either spelling finds it.
//! 3. Keep words of 2 to [`MAX_WORD_CHARS`] characters that are not stop words of the
//!    site's language ([`stop_words`]).

use icu_normalizer::DecomposingNormalizerBorrowed;

/// Words longer than this are not indexed (hashes, base64 blobs).
pub const MAX_WORD_CHARS: usize = 32;

/// The combining marks that folding drops: the blocks of combining diacritics.
const MARKS: [(char, char); 5] = [
    ('\u{0300}', '\u{036F}'),
    ('\u{1AB0}', '\u{1AFF}'),
    ('\u{1DC0}', '\u{1DFF}'),
    ('\u{20D0}', '\u{20FF}'),
    ('\u{FE20}', '\u{FE2F}'),
];

/// Letters that no decomposition takes apart, and how search spells them.
const SPELLED: [(char, &str); 9] = [
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ø', "o"),
    ('ł', "l"),
    ('đ', "d"),
    ('ð', "d"),
    ('þ', "th"),
    ('ı', "i"),
];

/// `text` folded: lower case, decomposed, without combining marks, with the letters of
/// [`SPELLED`] spelled out.
pub fn fold(text: &str) -> String {
    let lower = text.to_lowercase();
    let decomposed = DecomposingNormalizerBorrowed::new_nfkd().normalize(&lower);
    let mut out = String::with_capacity(decomposed.len());
    for c in decomposed.chars() {
        if MARKS.iter().any(|(from, to)| (*from..=*to).contains(&c)) {
            continue;
        }
        match SPELLED.iter().find(|(letter, _)| *letter == c) {
            Some((_, spelled)) => out.push_str(spelled),
            None => out.push(c),
        }
    }
    out
}

/// The words of `text` as the index and the script see them (see the module's
/// rules), without `stop` words (folded, as [`stop_words`] gives them).
pub fn words_of<'a>(text: &str, stop: &'a [String]) -> impl Iterator<Item = String> + 'a {
    let folded = fold(text);
    let mut words = Vec::new();
    for run in folded.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let parts: Vec<&str> = run.split('-').filter(|p| !p.is_empty()).collect();
        words.extend(parts.iter().map(|p| p.to_string()));
        if parts.len() > 1 {
            words.push(parts.concat());
        }
    }
    words.into_iter().filter(move |w| {
        (2..=MAX_WORD_CHARS).contains(&w.chars().count()) && !stop.iter().any(|s| s == w)
    })
}

/// The words too common in `language` (by its primary subtag) to help find an error,
/// folded: the index leaves them out and names them for the script, which drops them
/// from queries. Languages errdocs has no list for have none.
pub fn stop_words(language: &str) -> Vec<String> {
    let primary = language
        .split('-')
        .next()
        .unwrap_or(language)
        .to_ascii_lowercase();
    let words: &[&str] = match primary.as_str() {
        "en" => &[
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "for", "from",
            "has", "have", "if", "in", "into", "is", "it", "its", "not", "of", "on", "or", "so",
            "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "when",
            "which", "with",
        ],
        "de" => &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
            "eines", "und", "oder", "aber", "ist", "sind", "war", "wird", "werden", "wurde", "hat",
            "haben", "mit", "von", "vom", "zu", "zum", "zur", "im", "in", "an", "am", "auf", "aus",
            "bei", "für", "nicht", "auch", "als", "wie", "wenn", "dass", "sie", "es", "er", "sich",
            "so", "nur", "noch", "kann", "können",
        ],
        "fr" => &[
            "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "est", "sont", "en",
            "dans", "pour", "par", "sur", "au", "aux", "avec", "ce", "cet", "cette", "ces", "qui",
            "que", "qu", "ne", "pas", "se", "sa", "son", "ses", "il", "elle", "ils", "elles",
            "leur", "leurs", "si", "plus", "peut", "jusqu", "lorsqu", "puisqu",
        ],
        "es" => &[
            "el", "la", "los", "las", "un", "una", "unos", "unas", "y", "o", "de", "del", "al",
            "en", "por", "para", "con", "sin", "es", "son", "se", "que", "no", "su", "sus", "lo",
            "le", "les", "como", "si", "mas", "este", "esta", "estos", "estas", "ese", "esa",
            "puede",
        ],
        "nl" => &[
            "de", "het", "een", "en", "of", "is", "zijn", "was", "wordt", "worden", "werd", "van",
            "in", "op", "te", "met", "voor", "aan", "bij", "uit", "als", "dat", "die", "dit",
            "deze", "niet", "ook", "er", "om", "tot", "naar", "door", "kan", "u", "je", "hij",
            "zij", "ze", "wel", "nog", "dan",
        ],
        "pt" => &[
            "o", "a", "os", "as", "um", "uma", "uns", "umas", "e", "ou", "de", "do", "da", "dos",
            "das", "em", "no", "na", "nos", "nas", "por", "para", "com", "sem", "que", "se", "nao",
            "seu", "sua", "seus", "suas", "como", "mais", "este", "esta", "esse", "essa", "pode",
            "ao", "aos",
        ],
        _ => &[],
    };
    let mut folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    folded.sort();
    folded.dedup();
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, language: &str) -> Vec<String> {
        words_of(text, &stop_words(language)).collect()
    }

    #[test]
    fn accents_fold_and_letters_are_spelled_out() {
        assert_eq!(
            fold("Über Straße Æther Œuvre Łódź café ĳs ﬁle"),
            "uber strasse aether oeuvre lodz cafe ijs file"
        );
    }

    #[test]
    fn french_elisions_come_apart() {
        assert_eq!(
            words(
                "L'application n’a pas pu obtenir d’accès jusqu’à présent",
                "fr"
            ),
            ["application", "pu", "obtenir", "acces", "present"]
        );
    }

    #[test]
    fn hyphenated_compounds_give_their_parts_and_the_whole() {
        assert_eq!(
            words("Kennwort-Reset per E-Mail", "de"),
            ["kennwort", "reset", "kennwortreset", "per", "mail", "email"]
        );
        assert_eq!(
            words("Pass-through-verificatie", "nl"),
            ["pass", "through", "verificatie", "passthroughverificatie"]
        );
    }

    #[test]
    fn stop_words_are_the_languages_own() {
        assert_eq!(
            words("The token is INVALID: a x AADSTS50126, café", "en"),
            ["token", "invalid", "aadsts50126", "cafe"]
        );
        assert_eq!(
            words("Das Token ist für den Benutzer ungültig", "de"),
            ["token", "benutzer", "ungultig"]
        );
        assert!(stop_words("it").is_empty());
    }
}
