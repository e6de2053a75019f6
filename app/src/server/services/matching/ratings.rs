//! Another organisation's verdict on our scale. The words are kept verbatim; they are mapped only
//! where the meaning is known: a table of common English verdict words, or a numeric
//! `ratingValue` rescaled between `worstRating` and `bestRating`. Anything else stays unmapped
//! rather than guessed ("Satire", "Legend", or a word in a language the table does not hold).

use crate::domain::Rating;

/// Common English verdict words of fact-checkers (PolitiFact, Snopes, Full Fact, AFP, AAP,
/// Africa Check, Truth or Fiction, Google's guidance) and Claimtrail's own labels, normalised as
/// `key` makes them.
const WORDS: &[(&str, Rating)] = &[
    ("true", Rating::True),
    ("correct", Rating::True),
    ("accurate", Rating::True),
    ("correct attribution", Rating::True),
    ("verified", Rating::True),
    ("mostly true", Rating::MostlyTrue),
    ("mostly correct", Rating::MostlyTrue),
    ("mostly accurate", Rating::MostlyTrue),
    ("somewhat true", Rating::MostlyTrue),
    ("largely true", Rating::MostlyTrue),
    ("mixed", Rating::Mixed),
    ("mixture", Rating::Mixed),
    ("half true", Rating::Mixed),
    ("half truth", Rating::Mixed),
    ("partly true", Rating::Mixed),
    ("partially true", Rating::Mixed),
    ("partly false", Rating::Mixed),
    ("partially false", Rating::Mixed),
    ("partlyfalse", Rating::Mixed),
    ("mostly false", Rating::MostlyFalse),
    ("somewhat false", Rating::MostlyFalse),
    ("largely false", Rating::MostlyFalse),
    ("mostly inaccurate", Rating::MostlyFalse),
    ("exaggerated", Rating::MostlyFalse),
    ("false", Rating::False),
    ("pants on fire", Rating::False),
    ("fake", Rating::False),
    ("fake news", Rating::False),
    ("incorrect", Rating::False),
    ("inaccurate", Rating::False),
    ("not true", Rating::False),
    ("untrue", Rating::False),
    ("wrong", Rating::False),
    ("fabricated", Rating::False),
    ("hoax", Rating::False),
    ("bogus", Rating::False),
    ("scam", Rating::False),
    ("misattributed", Rating::False),
    ("altered", Rating::False),
    ("altered image", Rating::False),
    ("altered photo", Rating::False),
    ("altered video", Rating::False),
    ("altered photo/video", Rating::False),
    ("doctored", Rating::False),
    ("manipulated", Rating::False),
    ("misleading", Rating::Misleading),
    ("missing context", Rating::Misleading),
    ("lacks context", Rating::Misleading),
    ("needs context", Rating::Misleading),
    ("out of context", Rating::Misleading),
    ("decontextualized", Rating::Misleading),
    ("decontextualised", Rating::Misleading),
    ("miscaptioned", Rating::Misleading),
    ("spins the facts", Rating::Misleading),
    ("unproven", Rating::Unproven),
    ("unverified", Rating::Unproven),
    ("unsubstantiated", Rating::Unproven),
    ("unsupported", Rating::Unproven),
    ("no evidence", Rating::Unproven),
    ("not proven", Rating::Unproven),
];

/// A verdict word as the table holds it: lower case, hyphens and underscores as spaces, one
/// space between words, no surrounding punctuation.
fn key(word: &str) -> String {
    let lowered = word.to_lowercase().replace(['-', '_'], " ");
    let trimmed = lowered.trim_matches(|c: char| c.is_whitespace() || ".!?:;\"'“”".contains(c));
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rating a verdict word names, if the table knows it.
pub fn from_words(word: &str) -> Option<Rating> {
    let k = key(word);
    WORDS.iter().find(|(w, _)| *w == k).map(|(_, r)| *r)
}

/// A numeric rating on our five steps: `value` rescaled from `worst`..`best` (schema.org's
/// defaults 1..5) and rounded to the nearest of False, Mostly false, Mixed, Mostly true, True.
pub fn from_value(value: f64, best: Option<f64>, worst: Option<f64>) -> Option<Rating> {
    let (best, worst) = (best.unwrap_or(5.0), worst.unwrap_or(1.0));
    if !value.is_finite() || !best.is_finite() || !worst.is_finite() || best == worst {
        return None;
    }
    let f = (value - worst) / (best - worst);
    if !(0.0..=1.0).contains(&f) {
        return None;
    }
    Some(match (f * 4.0).round() as i32 {
        0 => Rating::False,
        1 => Rating::MostlyFalse,
        2 => Rating::Mixed,
        3 => Rating::MostlyTrue,
        _ => Rating::True,
    })
}

/// A published rating on our scale: the words when the table knows them (a "Misleading" with
/// value 3 is misleading, not mixed), else the numeric value, else nothing.
pub fn normalise(
    words: Option<&str>,
    value: Option<f64>,
    best: Option<f64>,
    worst: Option<f64>,
) -> Option<Rating> {
    words
        .and_then(from_words)
        .or_else(|| value.and_then(|v| from_value(v, best, worst)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_map_and_others_stay_unmapped() {
        assert_eq!(from_words("Pants on Fire!"), Some(Rating::False));
        assert_eq!(from_words("  Mostly-True "), Some(Rating::MostlyTrue));
        assert_eq!(from_words("MISSING CONTEXT"), Some(Rating::Misleading));
        assert_eq!(from_words("Satire"), None);
        assert_eq!(from_words("Falso"), None);
        assert_eq!(from_words("مضلل"), None);
    }

    #[test]
    fn every_label_of_ours_reads_back() {
        for r in Rating::ALL {
            assert_eq!(from_words(r.label()), Some(*r), "{r:?}");
        }
    }

    #[test]
    fn numbers_rescale_between_worst_and_best() {
        assert_eq!(from_value(1.0, Some(5.0), Some(1.0)), Some(Rating::False));
        assert_eq!(from_value(3.0, None, None), Some(Rating::Mixed));
        assert_eq!(from_value(9.0, Some(10.0), Some(0.0)), Some(Rating::True));
        assert_eq!(
            from_value(2.0, Some(10.0), Some(0.0)),
            Some(Rating::MostlyFalse)
        );
        assert_eq!(from_value(7.0, Some(5.0), Some(1.0)), None);
        assert_eq!(from_value(1.0, Some(1.0), Some(1.0)), None);
        // Words win over the number they were published with.
        assert_eq!(
            normalise(Some("Misleading"), Some(3.0), Some(5.0), Some(1.0)),
            Some(Rating::Misleading)
        );
        assert_eq!(
            normalise(Some("Falso"), Some(1.0), Some(5.0), Some(1.0)),
            Some(Rating::False)
        );
        assert_eq!(normalise(Some("Falso"), None, None, None), None);
    }
}
